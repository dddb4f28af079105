/**
 * Which Node runs a test's JavaScript and TypeScript programs, and the proof
 * that it is one the package supports (package.json `engines.node`).
 *
 * - `programNodeBinDir()`: a folder holding only `node`, the project's Node
 *   (the one running the tests when it is supported, else the `node`
 *   devDependency's), to put first on a program's PATH. The language host
 *   runs the first `node` on PATH, and the system's may be older (Node 20).
 * - `startNodeProbe(dir)`: environment that makes every Node process of a
 *   command record its version and script (tests/support/node-probe.ts), and
 *   a check that fails naming any unsupported Node, or a Node program that
 *   left no record (so the check cannot pass by not looking).
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

/** One Node process seen by the probe. */
export interface ProgramNode {
  readonly version: string;
  readonly execPath: string;
  /** The script it ran (`.../@pulumi/pulumi/cmd/run/index.js` for a program run by the language host). */
  readonly script: string;
}

/** The lowest Node major the package supports, from package.json `engines.node` (`>=22`). */
export function supportedNodeMajor(): number {
  const engines = (
    JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { engines: { node: string } }
  ).engines.node;
  const match = /^>=\s*(\d+)/.exec(engines);
  if (!match) throw new Error(`package.json engines.node is "${engines}": expected ">=<major>"`);
  return Number(match[1]);
}

function majorOf(version: string): number {
  return Number(version.replace(/^v/, "").split(".")[0]);
}

let binDir: string | undefined;

/** A folder with only the project's supported Node in it, as `node` (made once per test run). */
export function programNodeBinDir(): string {
  if (binDir !== undefined) return binDir;
  const node =
    majorOf(process.version) >= supportedNodeMajor()
      ? process.execPath
      : path.join(REPO_ROOT, "node_modules", "node", "bin", "node");
  if (!existsSync(node)) throw new Error(`no Node ${supportedNodeMajor()} at ${node}: run npm ci`);
  const dir = path.join(REPO_ROOT, ".state", `program-node-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  if (!existsSync(path.join(dir, "node"))) symlinkSync(node, path.join(dir, "node"));
  binDir = dir;
  return dir;
}

/** Reads and checks what the Node processes of the commands run so far recorded. */
export interface NodeProbe {
  /** Environment to add to each command: NODE_OPTIONS with the probe, and the record file. */
  readonly env: NodeJS.ProcessEnv;
  /** Every Node process recorded so far. */
  nodes(): ProgramNode[];
  /**
   * Throws when a recorded Node is older than the package supports; with `programRan`, also when no Node
   * ran a program through the language host since the last check (a Node program's up or preview).
   */
  check(command: string, options?: { programRan?: boolean }): void;
}

/** Starts recording the Node processes of commands run with `probe.env`; the record file goes in `dir`. */
export function startNodeProbe(dir: string): NodeProbe {
  const file = path.join(dir, "node-probe.jsonl");
  writeFileSync(file, "");
  const probeScript = path.join(REPO_ROOT, "dist", "tests", "support", "node-probe.js");
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${probeScript}`].filter(Boolean).join(" ");
  let checked = 0;
  const nodes = (): ProgramNode[] =>
    readFileSync(file, "utf8")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as ProgramNode);
  return {
    env: { NODE_OPTIONS: nodeOptions, TENCENTCHAT_NODE_PROBE_FILE: file },
    nodes,
    check(command, options = {}) {
      const all = nodes();
      const fresh = all.slice(checked);
      checked = all.length;
      const unsupported = fresh.filter((node) => majorOf(node.version) < supportedNodeMajor());
      if (unsupported.length > 0) {
        throw new Error(
          `pulumi ${command} ran Node ${unsupported.map((node) => `${node.version} (${node.execPath}) for ${node.script || "(no script: node -e or a check)"}`).join(", ")}; ` +
            `the package supports Node ${supportedNodeMajor()} or newer (package.json engines.node)`,
        );
      }
      if (options.programRan && !fresh.some((node) => /@pulumi[/\\]pulumi[/\\]cmd[/\\]run/.test(node.script))) {
        throw new Error(
          `pulumi ${command} left no record of the Node that ran the program (NODE_OPTIONS probe not loaded?): ` +
            `cannot show it ran on a supported Node`,
        );
      }
    },
  };
}

/** The runtime a program folder's Pulumi.yaml names (`nodejs`, `python`, `yaml`, ...). */
export function programRuntime(programDir: string): string | undefined {
  const file = path.join(programDir, "Pulumi.yaml");
  if (!existsSync(file)) return undefined;
  return /^runtime:\s*(?:\n\s+name:\s*)?([A-Za-z]+)/m.exec(readFileSync(file, "utf8"))?.[1];
}

/** Whether `pulumi <args>` runs the program: up and preview always, others with --run-program. */
export function runsProgram(args: readonly string[]): boolean {
  const command = args.find((arg) => !arg.startsWith("-"));
  return command === "up" || command === "preview" || args.includes("--run-program");
}
