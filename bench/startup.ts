/**
 * The `startup` scenario: how fast and how big the plugin is in each form.
 * - start-up, exec to the port printed, median of `samples` runs each:
 *   today's launcher (`bin/pulumi-resource-tencentchat` on the project's Node),
 *   the self-contained executable of the release, and a bare `node -e` for scale;
 * - peak RSS of each plugin once it has answered GetSchema;
 * - the size of every archive in release/ (built for this machine first).
 * One JSON line per figure on stdout, as the other scenarios.
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { grpc, proto, services } from "../provider/native/protocol-stubs";
import { REPO_ROOT } from "../scripts/pulumi-runner";
import { CODE_CACHE_TRAINING, SEA_EXEC_ARGV } from "../scripts/release/executables";
import { archiveName, executableName, hostPlatform, RELEASE_PROGRAMS } from "../scripts/release/platforms";
import { emit, progress, round } from "./figures";

/** What is started and how. */
interface Contender {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Whether it serves GetSchema (the bare node does not). */
  readonly isPlugin: boolean;
}

interface StartRun {
  readonly ms: number;
  readonly peakRssMb?: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function peakRssMb(pid: number): number | undefined {
  const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? round(Number(match[1]) / 1024, 1) : undefined;
}

async function getSchemaOnce(port: number): Promise<void> {
  const ServiceClient = grpc.makeGenericClientConstructor(services.ResourceProviderService, "ResourceProvider");
  const client = new ServiceClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as unknown as {
    getSchema(request: unknown, callback: (error: Error | null) => void): void;
    close(): void;
  };
  await new Promise<void>((resolve, reject) =>
    client.getSchema(new proto.GetSchemaRequest(), (error) => (error ? reject(error) : resolve())),
  );
  client.close();
}

/** Starts `contender` once: ms from spawn to the first stdout line; for a plugin, its peak RSS after GetSchema. */
async function startOnce(contender: Contender, cwd: string): Promise<StartRun> {
  const started = performance.now();
  const child = spawn(contender.command, contender.args, { cwd, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
  const { ms, line } = await new Promise<{ ms: number; line: string }>((resolve, reject) => {
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (newline >= 0) resolve({ ms: performance.now() - started, line: stdout.slice(0, newline) });
    });
    child.once("exit", (code) => reject(new Error(`${contender.name} exited with ${code} before a line: ${stderr}`)));
  });
  let rss: number | undefined;
  if (contender.isPlugin) {
    await getSchemaOnce(Number(line));
    rss = peakRssMb(child.pid!);
  }
  child.kill("SIGTERM");
  await exited;
  return { ms, peakRssMb: rss };
}

/** Builds the release for this machine (incremental: quick when up to date); returns the release folder. */
function buildHostRelease(): string {
  const platform = hostPlatform();
  if (!platform) throw new Error(`no release platform for ${process.platform}-${process.arch}`);
  progress(`startup: release build for ${platform.name} (scripts/release.sh)`);
  execFileSync("bash", [path.join(REPO_ROOT, "scripts", "release.sh"), "--no-compile"], {
    cwd: REPO_ROOT,
    env: { ...process.env, RELEASE_PLATFORMS: platform.name },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return path.join(REPO_ROOT, "release");
}

/** Runs the startup scenario with `samples` starts of each contender. */
export async function runStartup(samples = 10): Promise<void> {
  const releaseDir = buildHostRelease();
  const platform = hostPlatform()!;
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
    .version;
  const scratch = mkdtempSync(path.join(tmpdir(), "tencentchat-bench-startup-"));
  try {
    execFileSync("tar", [
      "-xzf",
      path.join(releaseDir, archiveName(RELEASE_PROGRAMS.plugin, version, platform)),
      "-C",
      scratch,
    ]);
    const executable = path.join(scratch, executableName(RELEASE_PROGRAMS.plugin, platform));
    const node = path.join(REPO_ROOT, "node_modules", ".bin", "node");
    const contenders: Contender[] = [
      { name: "bare node -e", command: node, args: ["-e", "process.stdout.write('0\\n')"], isPlugin: false },
      {
        name: "launcher (bin/pulumi-resource-tencentchat on node_modules/.bin/node)",
        command: node,
        args: [path.join(REPO_ROOT, "bin", "pulumi-resource-tencentchat"), "127.0.0.1:1"],
        isPlugin: true,
      },
      {
        name:
          `self-contained executable (SEA, ${CODE_CACHE_TRAINING.plugin ? "trained code cache" : "code cache"}, ` +
          `execArgv ${SEA_EXEC_ARGV.join(" ") || "none"})`,
        command: executable,
        args: ["127.0.0.1:1"],
        isPlugin: true,
      },
    ];
    // Round-robin, so a busy spell of the machine weighs on every contender alike.
    for (const contender of contenders) await startOnce(contender, scratch); // warm the page cache, as the engine sees it
    const runs = new Map<Contender, StartRun[]>(contenders.map((contender) => [contender, []]));
    for (let sample = 0; sample < samples; sample++) {
      for (const contender of contenders) runs.get(contender)!.push(await startOnce(contender, scratch));
    }
    for (const contender of contenders) {
      const ms = runs.get(contender)!.map((run) => run.ms);
      const rss = runs
        .get(contender)!
        .map((run) => run.peakRssMb)
        .filter((value): value is number => value !== undefined);
      progress(`startup: ${contender.name}: median ${round(median(ms), 1)} ms`);
      emit({
        scenario: "startup",
        what: contender.name,
        samples,
        startMedianMs: round(median(ms), 1),
        startMinMs: round(Math.min(...ms), 1),
        startMaxMs: round(Math.max(...ms), 1),
        ...(rss.length > 0 ? { peakRssAfterGetSchemaMb: median(rss) } : {}),
      });
    }
    emit({
      scenario: "size",
      what: "unpacked plugin executable",
      platform: platform.name,
      mb: mb(statSync(executable).size),
    });
    for (const file of readdirSync(releaseDir)
      .filter((name) => name.endsWith(".tar.gz"))
      .sort()) {
      emit({ scenario: "size", what: file, mb: mb(statSync(path.join(releaseDir, file)).size) });
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function mb(bytes: number): number {
  return round(bytes / 1024 / 1024, 1);
}

/** The self-contained plugin of this machine from release/, unpacked into `dir` (for the native lifecycle runs). */
export function unpackHostPlugin(dir: string): string {
  const platform = hostPlatform();
  const releaseDir = buildHostRelease();
  const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
    .version;
  const archive = path.join(releaseDir, archiveName(RELEASE_PROGRAMS.plugin, version, platform!));
  if (!existsSync(archive)) throw new Error(`${archive} was not built`);
  execFileSync("tar", ["-xzf", archive, "-C", dir]);
  return dir;
}
