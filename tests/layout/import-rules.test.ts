/**
 * The layer rules of docs/design.md, checked on the import graph of the
 * sources: data flows program -> front door -> behaviour -> client -> HTTP,
 * the two front doors never import each other, the REST client never
 * imports Pulumi, the emulator imports only the contract, and shipped
 * scripts import no test code.
 */
import { expect } from "chai";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

interface ImportEdge {
  /** The importing file, relative to the repository root. */
  readonly from: string;
  /** A repository-relative path for our own modules, else the package name as written. */
  readonly to: string;
}

function sourcesUnder(folder: string): string[] {
  const absolute = path.join(REPO_ROOT, folder);
  return readdirSync(absolute).flatMap((entry) => {
    const full = path.join(absolute, entry);
    const relative = path.join(folder, entry);
    if (statSync(full).isDirectory()) return sourcesUnder(relative);
    return entry.endsWith(".ts") && !entry.endsWith(".d.ts") ? [relative] : [];
  });
}

const SPECIFIER = /(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|^import\s+)["']([^"']+)["']/gm;

function importsOf(file: string): ImportEdge[] {
  const text = readFileSync(path.join(REPO_ROOT, file), "utf8");
  return [...text.matchAll(SPECIFIER)].map(([, specifier]) => ({
    from: file,
    to: specifier.startsWith(".") ? path.join(path.dirname(file), specifier) : specifier,
  }));
}

/** Every import of the sources under `folders`. */
function importsUnder(...folders: string[]): ImportEdge[] {
  return folders.flatMap(sourcesUnder).flatMap(importsOf);
}

const within = (folder: string) => (edge: ImportEdge) => edge.to === folder || edge.to.startsWith(`${folder}/`);
const ours = (edge: ImportEdge) =>
  !path.isAbsolute(edge.to) && /^(provider|emulator|chat-api|tests|scripts|bench)(\/|$)/.test(edge.to);
const describeEdges = (edges: ImportEdge[]) => edges.map((edge) => `${edge.from} -> ${edge.to}`);

describe("the layer rules of docs/design.md, on the import graph", () => {
  it("finds the imports it checks (the parser sees every kind of import)", () => {
    const native = importsUnder("provider/native");
    expect(native.filter(within("provider/behaviour")).length, "imports of the behaviour").to.be.greaterThan(0);
    expect(native.map((edge) => edge.to)).to.include.members(["@grpc/grpc-js", "@pulumi/pulumi/proto/provider_pb"]);
  });

  it("the dynamic and the native front door never import each other", () => {
    const crossing = [
      ...importsUnder("provider/dynamic").filter(within("provider/native")),
      ...importsUnder("provider/native").filter(within("provider/dynamic")),
    ];
    expect(describeEdges(crossing)).to.deep.equal([]);
  });

  it("the behaviour imports neither front door", () => {
    const upward = importsUnder("provider/behaviour").filter(
      (edge) => within("provider/dynamic")(edge) || within("provider/native")(edge),
    );
    expect(describeEdges(upward)).to.deep.equal([]);
  });

  it("the REST client imports no Pulumi and nothing above it", () => {
    const wrong = importsUnder("provider/chat").filter(
      (edge) =>
        edge.to.startsWith("@pulumi/") ||
        within("provider/behaviour")(edge) ||
        within("provider/dynamic")(edge) ||
        within("provider/native")(edge),
    );
    expect(describeEdges(wrong)).to.deep.equal([]);
  });

  it("the contract imports only itself, and the emulator only itself and the contract", () => {
    const contract = importsUnder("chat-api").filter((edge) => ours(edge) && !within("chat-api")(edge));
    const emulator = importsUnder("emulator").filter(
      (edge) => ours(edge) && !within("emulator")(edge) && !within("chat-api")(edge),
    );
    expect(describeEdges([...contract, ...emulator])).to.deep.equal([]);
  });

  it("shipped code and scripts import no test code", () => {
    const testImports = importsUnder("provider", "emulator", "chat-api", "scripts", "bench").filter(within("tests"));
    expect(describeEdges(testImports)).to.deep.equal([]);
  });
});
