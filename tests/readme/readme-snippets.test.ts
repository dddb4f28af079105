/**
 * Every code block in the README is tested, or says it is not a whole
 * program: a `file` block must be the text of the example the tests run, a
 * `run` program is extracted and run against the emulator through the real
 * CLI (with its preview, as users run `pulumi up`), a `typecheck` program is
 * compiled against the packed package. The markers are described in
 * tests/support/readme-snippets.ts; a new block without one fails here.
 */
import { expect } from "chai";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../scripts/pulumi-runner";
import { startChatStack, type ChatStack } from "../support/chat-stack";
import { installPacked, repoVersionOf } from "../support/packed-install";
import { markedText, MARKER_HELP, readReadmeBlocks, type ReadmeBlock } from "../support/readme-snippets";

const run = promisify(execFile);
const blocks = readReadmeBlocks();

/** The test sources, to check that an example a snippet quotes is run by some test. */
function testSources(dir = path.join(REPO_ROOT, "tests")): string {
  return readdirSync(dir, { withFileTypes: true })
    .map((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return testSources(full);
      return entry.name.endsWith(".ts") ? readFileSync(full, "utf8") : "";
    })
    .join("\n");
}

describe("README snippets", () => {
  it("mark every code block as tested or as not a whole program", () => {
    const unmarked = blocks.filter((block) => !block.marker);
    const where = unmarked.map((b) => `README.md:${b.line} (${b.language || "no language"}) ${b.badMarker ?? ""}`);
    expect(where, `code blocks without a snippet marker; ${MARKER_HELP}`).to.deep.equal([]);
  });

  it("quote example files word for word, and each quoted example is run by a test", () => {
    const sources = testSources();
    const files = blocks.filter((block) => block.marker?.kind === "file");
    expect(files.length, "the YAML, Python and Go snippets quote their examples").to.be.at.least(3);
    for (const block of files) {
      if (block.marker?.kind !== "file") continue;
      const { file, region } = block.marker;
      const name = `README.md:${block.line} (${file}${region ? `#${region}` : ""})`;
      expect(block.text, `${name} differs from the file: copy the file's text into the README`).to.equal(
        markedText(file, region),
      );
      const folder = path.dirname(file);
      expect(sources.includes(folder), `${name}: no test mentions ${folder}`).to.equal(true);
    }
  });

  it("cover every language a user may write in", () => {
    const tested = new Set(blocks.filter((b) => b.marker && b.marker.kind !== "fragment").map((b) => b.language));
    for (const language of ["ts", "js", "python", "yaml", "go"]) expect([...tested]).to.include(language);
  });
});

/** The blocks of each `run` or `typecheck` program, by id, in README order. */
function programs(kind: "run" | "typecheck"): Map<string, ReadmeBlock[]> {
  const byId = new Map<string, ReadmeBlock[]>();
  for (const block of blocks) {
    if (block.marker?.kind !== kind) continue;
    byId.set(block.marker.program, [...(byId.get(block.marker.program) ?? []), block]);
  }
  return byId;
}

describe("README programs, extracted and run against the emulator (dynamic resource)", function () {
  this.timeout(15 * 60 * 1000);
  const runPrograms = programs("run");
  const typecheckPrograms = programs("typecheck");

  for (const [id, parts] of runPrograms) {
    const language = parts[0].language;
    describe(`the "${id}" program (${parts.map((p) => `README.md:${p.line}`).join(" + ")})`, () => {
      let stack: ChatStack;
      const typescript = language === "ts";

      before(async () => {
        expect(["ts", "js"], `README.md:${parts[0].line}: run programs are TypeScript or JavaScript`).to.include(
          language,
        );
        const dir = mkdtempSync(path.join(tmpdir(), `tencentchat-readme-${id}-`));
        const source = path.join(dir, "source");
        mkdirSync(source);
        const main = typescript ? "index.ts" : "index.js";
        writeFileSync(path.join(source, "Pulumi.yaml"), `name: readme-${id}\nruntime: nodejs\nmain: ${main}\n`);
        writeFileSync(path.join(source, main), parts.map((part) => part.text).join("\n"));
        if (typescript) {
          // The tsconfig.json `pulumi new typescript` writes (examples/typescript), for this program and the
          // README's typecheck-only programs.
          const files = [main, ...[...typecheckPrograms.keys()].map((other) => `${other}.ts`)];
          const tsconfig = JSON.parse(
            readFileSync(path.join(REPO_ROOT, "examples", "typescript", "tsconfig.json"), "utf8"),
          );
          writeFileSync(path.join(source, "tsconfig.json"), JSON.stringify({ ...tsconfig, files }, null, 2));
          for (const [other, otherParts] of typecheckPrograms) {
            writeFileSync(path.join(source, `${other}.ts`), otherParts.map((part) => part.text).join("\n"));
          }
        }
        stack = await startChatStack(`readme-${id}`, {
          program: source,
          sandboxDir: dir,
          emulator: { importUsers: ["newsroom", "reader-1"] },
        });
        const extras = typescript ? ["typescript", "@types/node"].map((name) => `${name}@${repoVersionOf(name)}`) : [];
        await installPacked(stack.programDir, extras);
      });
      after(async () => stack?.dispose());

      if (typescript) {
        it("compiles against the packed package, with the README's typecheck-only programs", async () => {
          const tsc = path.join(stack.programDir, "node_modules", ".bin", "tsc");
          expect(existsSync(tsc)).to.equal(true);
          await run(tsc, ["--noEmit", "-p", stack.programDir]).catch((error: { stdout?: string }) => {
            throw new Error(`tsc failed:\n${error.stdout ?? String(error)}`);
          });
        });
      }

      it("runs: pulumi up (with its preview) creates its accounts and exports its outputs", async () => {
        const up = await stack.pulumi(["up", "--yes"]);
        expect(up.code, `pulumi up of the README's "${id}" program:\n${up.output}`).to.equal(0);
        const outputs = await stack.outputs();
        expect(Object.keys(outputs).length, "the program exports something").to.be.greaterThan(0);
        expect(stack.emulator.snapshot().accounts.length, "accounts created").to.be.greaterThan(0);
      });
    });
  }

  it("has a TypeScript run program to compile the typecheck-only programs with", () => {
    if (typecheckPrograms.size === 0) return;
    expect([...runPrograms.values()].some((parts) => parts[0].language === "ts")).to.equal(true);
  });
});
