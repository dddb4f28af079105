/**
 * The guard of the shipped surface: every declaration exported from provider/,
 * emulator/ or chat-api/ carries TSDoc, a `/** ... *\/` comment right above it
 * that says something. Users read it in their editor; a name alone is not
 * documentation. Generated SDKs (sdk/) and tests are outside the rule.
 *
 * Read with the TypeScript parser (no type checking, so it is quick): an
 * `export` modifier, `export default`, and `export { local }` lists (the local
 * declaration must carry the comment). Re-exports from another module are
 * checked where they are declared.
 */
import { expect } from "chai";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

/** The folders whose exports are the package's surface. */
const CHECKED_FOLDERS = ["provider", "emulator", "chat-api"] as const;

/** One exported declaration without TSDoc. */
interface Undocumented {
  /** Path from the repository root, with `/`. */
  readonly file: string;
  /** 1-based line of the declaration. */
  readonly line: number;
  /** The exported name (`default` for `export default`). */
  readonly name: string;
}

/** The TypeScript sources under `folder`, recursively, as paths from the repository root. */
function sourcesUnder(folder: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true })) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourcesUnder(relative));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(relative);
  }
  return out.sort();
}

/**
 * Whether `node` has TSDoc: a `/** *\/` comment with some text above it, with no blank line between
 * (line comments such as lint directives may sit between, as the TypeScript language service allows).
 */
function hasTsdoc(node: ts.Node, file: ts.SourceFile): boolean {
  const ranges = ts.getLeadingCommentRanges(file.text, node.getFullStart()) ?? [];
  let end = node.getStart(file);
  for (let i = ranges.length - 1; i >= 0; i--) {
    const range = ranges[i];
    if (/\n[ \t]*\r?\n/.test(file.text.slice(range.end, end))) return false;
    if (range.kind === ts.SyntaxKind.SingleLineCommentTrivia) {
      end = range.pos;
      continue;
    }
    const comment = file.text.slice(range.pos, range.end);
    return comment.startsWith("/**") && /[A-Za-z0-9{@`]/.test(comment.slice(3, -2));
  }
  return false;
}

function hasExportModifier(statement: ts.Statement): boolean {
  return (
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
  );
}

/** The names a top-level statement declares. */
function declaredNames(statement: ts.Statement): string[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.map((declaration) => declaration.name.getText());
  }
  const name = (statement as { name?: ts.Node }).name;
  if (name && (ts.isIdentifier(name) || ts.isStringLiteral(name))) return [name.text];
  return ts.isExportAssignment(statement) ? ["default"] : ["(unnamed)"];
}

/** Every exported declaration of one source text that has no TSDoc. */
function undocumentedExports(fileName: string, text: string): Undocumented[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const found: Undocumented[] = [];
  const report = (node: ts.Statement, names: string[]): void => {
    const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
    for (const name of names) found.push({ file: fileName, line, name });
  };
  // Overloads and merged declarations (an interface and a class of one name): one comment documents them all.
  const documentedNames = new Set<string>();
  const localExports = new Set<string>();
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement) && !statement.moduleSpecifier && statement.exportClause) {
      if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          localExports.add((element.propertyName ?? element.name).getText());
        }
      }
    }
  }
  for (const statement of file.statements) {
    const exported = hasExportModifier(statement) || ts.isExportAssignment(statement);
    const names = declaredNames(statement);
    const listed = names.some((name) => localExports.has(name));
    if (!exported && !listed) continue;
    if (hasTsdoc(statement, file)) for (const name of names) documentedNames.add(name);
    else report(statement, names);
  }
  return found.filter((entry) => !documentedNames.has(entry.name));
}

describe("surface: every export has TSDoc", () => {
  it("finds an export without TSDoc and accepts one with it (the guard itself)", () => {
    const source = [
      "/** The file's header, and the only declaration's comment. */",
      "export const first = 1;",
      "/** Documented. */",
      "export function documented(): void {}",
      "export interface Bare {}",
      "/** Separated by a blank line. */",
      "",
      "export type Far = string;",
      "/** */",
      "export class EmptyComment {}",
      "// A line comment is not TSDoc.",
      "export const lineComment = 2;",
      "/** Overloads share the first signature's comment. */",
      "export function over(a: string): string;",
      "export function over(a: number): number;",
      "export function over(a: unknown): unknown { return a; }",
      "/** A class and an interface merged: one comment. */",
      "// eslint-disable-next-line some-rule",
      "export interface Merged {}",
      "export class Merged {}",
      "const local = 3;",
      "/** A documented local, exported by a list. */",
      "const listedDocumented = 4;",
      "export { local, listedDocumented as renamed };",
      'export { elsewhere } from "./elsewhere";',
      "export default 5;",
    ].join("\n");
    const got = undocumentedExports("sample.ts", source).map((entry) => `${entry.line} ${entry.name}`);
    expect(got).to.deep.equal(["5 Bare", "8 Far", "10 EmptyComment", "12 lineComment", "21 local", "26 default"]);
  });

  it("finds no exported declaration without TSDoc in provider/, emulator/ or chat-api/", () => {
    const missing = CHECKED_FOLDERS.flatMap(sourcesUnder).flatMap((file) =>
      undocumentedExports(file, readFileSync(path.join(REPO_ROOT, file), "utf8")),
    );
    const got = missing.map((entry) => `${entry.file}:${entry.line} ${entry.name}`);
    const fix = "give each a /** */ comment right above it that says what it is for, or stop exporting it";
    expect(got, `want no undocumented exports; got ${got.length} (${fix}):\n  ${got.join("\n  ")}\n`).to.deep.equal([]);
  });
});
