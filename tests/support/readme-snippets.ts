/**
 * The README's fenced code blocks and the marker before each, which says how
 * the block is tested. The marker is an HTML comment on the line right before
 * the opening fence (readers of the rendered README do not see it):
 *
 * - `<!-- snippet: file PATH -->`: the block is the text of PATH, an example the tests run;
 *   `PATH#NAME` is the region between lines holding `snippet:start NAME` and `snippet:end NAME`.
 * - `<!-- snippet: run ID -->`: a whole program; the tests extract it and run it against the emulator.
 *   Blocks marked `run ID` with the same ID are one program, in README order.
 * - `<!-- snippet: typecheck ID: WHY -->`: a whole TypeScript program that cannot run against one
 *   emulator (WHY says why); the tests compile it against the packed package.
 * - `<!-- snippet: not a whole program: WHY -->`: commands, configuration lines or a fragment; the
 *   README's text around it says so.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

export type SnippetMarker =
  | { readonly kind: "file"; readonly file: string; readonly region?: string }
  | { readonly kind: "run"; readonly program: string }
  | { readonly kind: "typecheck"; readonly program: string; readonly why: string }
  | { readonly kind: "fragment"; readonly why: string };

export interface ReadmeBlock {
  /** 1-based line of the opening fence. */
  readonly line: number;
  /** The fence's info string: `ts`, `python`, `sh`, ... */
  readonly language: string;
  /** The block's text, dedented as far as its fence was, with a final newline. */
  readonly text: string;
  /** The marker before it, or undefined when there is none (a test failure). */
  readonly marker?: SnippetMarker;
  /** The marker line as written, when it does not parse. */
  readonly badMarker?: string;
}

/** How a marker is written; the test's failure message repeats it. */
export const MARKER_HELP =
  "put one of these on the line before the fence: <!-- snippet: file examples/x/y.py --> (the block is that " +
  "file, or PATH#NAME for a region), <!-- snippet: run ID --> (a whole program the tests run), " +
  "<!-- snippet: typecheck ID: why it cannot run --> or <!-- snippet: not a whole program: why -->";

function parseMarker(comment: string): SnippetMarker | undefined {
  const body = /^<!--\s*snippet:\s*(.*?)\s*-->$/.exec(comment.trim())?.[1];
  if (body === undefined) return undefined;
  let match = /^file\s+(\S+?)(?:#(\S+))?$/.exec(body);
  if (match) return { kind: "file", file: match[1], region: match[2] };
  match = /^run\s+([\w-]+)$/.exec(body);
  if (match) return { kind: "run", program: match[1] };
  match = /^typecheck\s+([\w-]+):\s*(\S.*)$/.exec(body);
  if (match) return { kind: "typecheck", program: match[1], why: match[2] };
  match = /^not a whole program:\s*(\S.*)$/.exec(body);
  if (match) return { kind: "fragment", why: match[1] };
  return undefined;
}

/** Every fenced block of a Markdown text with its marker. */
export function readmeBlocks(markdown: string): ReadmeBlock[] {
  const lines = markdown.split("\n");
  const blocks: ReadmeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, language] = open;
    let end = i + 1;
    while (end < lines.length && lines[end].trim() !== fence) end++;
    const text = lines
      .slice(i + 1, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join("\n");
    const before = i > 0 ? lines[i - 1].trim() : "";
    const marker = parseMarker(before);
    blocks.push({
      line: i + 1,
      language,
      text: text + "\n",
      marker,
      badMarker: !marker && before.startsWith("<!-- snippet") ? before : undefined,
    });
    i = end;
  }
  return blocks;
}

/** The README's blocks. */
export function readReadmeBlocks(): ReadmeBlock[] {
  return readmeBlocks(readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"));
}

/**
 * The text a `file` marker names: the whole file, or the lines between its `snippet:start NAME` and
 * `snippet:end NAME` lines, dedented by their common indentation.
 */
export function markedText(file: string, region?: string): string {
  const text = readFileSync(path.join(REPO_ROOT, file), "utf8");
  if (region === undefined) return text;
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.includes(`snippet:start ${region}`));
  const end = lines.findIndex((line, index) => index > start && line.includes(`snippet:end ${region}`));
  if (start < 0 || end < 0) throw new Error(`${file} has no region "${region}" (snippet:start/snippet:end lines)`);
  const body = lines.slice(start + 1, end);
  const indent = Math.min(...body.filter((line) => line.trim() !== "").map((line) => /^\s*/.exec(line)![0].length));
  return body.map((line) => line.slice(indent)).join("\n") + "\n";
}
