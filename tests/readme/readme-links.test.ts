/**
 * The package ships what its README links to: a user of the installed
 * package (node_modules/pulumi-tencent-chat/README.md) can follow every
 * relative link, or the README says the file is in the repository. The file
 * list is `npm pack`'s own.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

interface RelativeLink {
  readonly line: number;
  readonly target: string;
  /** The text that may say where the file is: the line, its neighbours, and a table's header row. */
  readonly context: string;
}

/** Every link to a file of ours (not a web page, not an anchor), outside code blocks. */
function relativeLinks(markdown: string): RelativeLink[] {
  const lines = markdown.split("\n");
  const links: RelativeLink[] = [];
  let inCode = false;
  lines.forEach((text, index) => {
    if (/^\s*```/.test(text)) inCode = !inCode;
    if (inCode) return;
    let header = "";
    if (text.startsWith("|")) {
      let first = index;
      while (first > 0 && lines[first - 1].startsWith("|")) first--;
      header = lines[first];
    }
    const context = [lines[index - 1] ?? "", text, lines[index + 1] ?? "", header].join("\n");
    for (const match of text.matchAll(/\]\(([^)\s]+)\)/g)) {
      const target = match[1].split("#")[0];
      if (target === "" || /^[a-z]+:/i.test(target)) continue;
      links.push({ line: index + 1, target: target.replace(/\/$/, ""), context });
    }
  });
  return links;
}

/** The files `npm pack` puts in the package, as paths inside it. */
function packedFiles(): string[] {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: REPO_ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
    maxBuffer: 64 * 1024 * 1024,
  });
  return (JSON.parse(out) as Array<{ files: Array<{ path: string }> }>)[0].files.map((file) => file.path);
}

describe("README links", function () {
  this.timeout(120_000);
  const links = relativeLinks(readFileSync(path.join(REPO_ROOT, "README.md"), "utf8"));

  it("point at files the package ships, or say the file is in the repository", () => {
    const shipped = packedFiles();
    const inPackage = (target: string) => shipped.some((file) => file === target || file.startsWith(`${target}/`));
    const unreachable = links
      .filter((link) => !inPackage(link.target) && !/\brepository\b/i.test(link.context))
      .map((link) => `README.md:${link.line} ${link.target}`);
    expect(
      unreachable,
      "links an installed package cannot follow: ship the file (package.json `files`) or say it is in the repository",
    ).to.deep.equal([]);
  });

  it("ship the emulator's reference (docs/emulator.md), which --help points to for details", () => {
    expect(packedFiles()).to.include("docs/emulator.md");
    expect(links.map((link) => link.target)).to.include("docs/emulator.md");
  });

  it("lead to files that exist", () => {
    const missing = links.filter((link) => {
      try {
        readFileSync(path.join(REPO_ROOT, link.target));
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code !== "EISDIR";
      }
    });
    expect(missing.map((link) => `README.md:${link.line} ${link.target}`)).to.deep.equal([]);
  });
});
