/**
 * No dead exports in provider/, emulator/ and chat-api/: every name they export is imported by some module of the
 * repository (provider/, emulator/, chat-api/, scripts/, bench/ or tests/), or is the package's public
 * API (what `pulumi-tencent-chat/emulator` = emulator/index.ts exports). A name used only inside its
 * own file is not exported. Read with the TypeScript parser: imports, `export ... from`, `import("...")`
 * types and `require("...")` (which counts as using every name).
 */
import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { REPO_ROOT } from "../../scripts/pulumi-runner";

/** The folders whose exports must each have an importer. */
const CHECKED_FOLDERS = ["provider", "emulator", "chat-api"] as const;
/** The package's entry points (package.json `exports`): what they export is public API, used or not. */
const PACKAGE_ENTRIES: Readonly<Record<string, string>> = {
  "pulumi-tencent-chat": "provider/index.ts",
  "pulumi-tencent-chat/native": "provider/native/index.ts",
  "pulumi-tencent-chat/emulator": "emulator/index.ts",
  "pulumi-tencent-chat/provider-runtime": "provider/dynamic/shim-runtime.ts",
};
/** Exports reached by a name written as text, not an import: what the check cannot see. */
const USED_BY_NAME: Readonly<Record<string, string>> = {
  // esbuild swaps this file in for protocol-stubs.ts (scripts/release/executables.ts): the same names.
  "provider/native/protocol-stubs-static.ts": "*",
  // The shim test serializes it by module path and export name, as @pulumi/pulumi does.
  "provider/dynamic/official-account.ts": "officialAccountShim",
};
/** Where importers live; test fixtures and examples are programs of users, which import only the entries. */
const IMPORTING_FOLDERS = ["provider", "emulator", "chat-api", "scripts", "bench", "tests"] as const;
const SKIPPED_FOLDERS = new Set(["tests/fixtures", "node_modules"]);
/** Stands for "every name of the module" (a namespace import, `require`, `export *`). */
const EVERY_NAME = "*";

/** The TypeScript sources under `folder`, recursively, as paths from the repository root. */
function sourcesUnder(folder: string): string[] {
  if (SKIPPED_FOLDERS.has(folder)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(path.join(REPO_ROOT, folder), { withFileTypes: true })) {
    const relative = `${folder}/${entry.name}`;
    if (entry.isDirectory()) out.push(...sourcesUnder(relative));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(relative);
  }
  return out;
}

function parse(file: string): ts.SourceFile {
  const text = readFileSync(path.join(REPO_ROOT, file), "utf8");
  return ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
}

/** The repository file a module specifier written in `from` names, or undefined (a dependency, a built-in). */
function resolveSpecifier(from: string, specifier: string): string | undefined {
  if (PACKAGE_ENTRIES[specifier]) return PACKAGE_ENTRIES[specifier];
  if (!specifier.startsWith(".")) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  return [`${base}.ts`, `${base}/index.ts`, base].find(
    (candidate) => candidate.endsWith(".ts") && existsSync(path.join(REPO_ROOT, candidate)),
  );
}

/** Every (module, name) the given files import, as `file -> names`. */
function importedNames(files: readonly string[]): Map<string, Set<string>> {
  const used = new Map<string, Set<string>>();
  for (const file of files) {
    const use = (specifier: ts.Expression | ts.TypeNode | undefined, names: readonly string[]): void => {
      let text: string | undefined;
      if (specifier && ts.isStringLiteral(specifier)) text = specifier.text;
      else if (specifier && ts.isLiteralTypeNode(specifier) && ts.isStringLiteral(specifier.literal)) {
        text = specifier.literal.text;
      }
      const target = text === undefined ? undefined : resolveSpecifier(file, text);
      if (!target) return;
      const set = used.get(target) ?? new Set<string>();
      for (const name of names) set.add(name);
      used.set(target, set);
    };
    const visit = (node: ts.Node): void => {
      if (ts.isImportDeclaration(node)) {
        const clause = node.importClause;
        const names: string[] = [];
        if (clause?.name) names.push("default");
        const bindings = clause?.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings)) names.push(EVERY_NAME);
        else if (bindings) for (const el of bindings.elements) names.push((el.propertyName ?? el.name).text);
        use(node.moduleSpecifier, names);
      } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
        const clause = node.exportClause;
        const names =
          clause && ts.isNamedExports(clause)
            ? clause.elements.map((el) => (el.propertyName ?? el.name).text)
            : [EVERY_NAME];
        use(node.moduleSpecifier, names);
      } else if (ts.isImportTypeNode(node)) {
        const qualifier = node.qualifier;
        let first: ts.EntityName | undefined = qualifier;
        while (first && ts.isQualifiedName(first)) first = first.left;
        use(node.argument, [first ? first.text : EVERY_NAME]);
      } else if (
        ts.isCallExpression(node) &&
        (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
          (ts.isIdentifier(node.expression) && node.expression.text === "require"))
      ) {
        use(node.arguments[0], [EVERY_NAME]);
      }
      ts.forEachChild(node, visit);
    };
    visit(parse(file));
  }
  return used;
}

/** The names `file` exports, with their lines: declarations, local export lists and re-exports. */
function exportedNames(file: string): Array<{ readonly name: string; readonly line: number }> {
  const source = parse(file);
  const out: Array<{ name: string; line: number }> = [];
  const lineOf = (node: ts.Node) => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      const clause = statement.exportClause;
      if (clause && ts.isNamedExports(clause)) {
        for (const el of clause.elements) out.push({ name: el.name.text, line: lineOf(el) });
      }
      continue;
    }
    const exported =
      ts.canHaveModifiers(statement) &&
      (ts.getModifiers(statement) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        out.push({ name: declaration.name.getText(source), line: lineOf(declaration) });
      }
    } else {
      const name = (statement as { name?: ts.Identifier }).name;
      out.push({ name: name ? name.text : "default", line: lineOf(statement) });
    }
  }
  return out;
}

describe("surface: no dead exports in provider/, emulator/ and chat-api/", () => {
  it("finds every name they export imported somewhere, or exported by a package entry point", () => {
    const used = importedNames(IMPORTING_FOLDERS.flatMap(sourcesUnder));
    const publicEntries = new Set(Object.values(PACKAGE_ENTRIES));
    const dead = CHECKED_FOLDERS.flatMap(sourcesUnder)
      .filter((file) => !publicEntries.has(file))
      .flatMap((file) => {
        const names = used.get(file) ?? new Set<string>();
        if (names.has(EVERY_NAME) || USED_BY_NAME[file] === EVERY_NAME) return [];
        return exportedNames(file)
          .filter((entry) => !names.has(entry.name) && USED_BY_NAME[file] !== entry.name)
          .sort((a, b) => a.line - b.line)
          .map((entry) => `${file}:${entry.line} ${entry.name}`);
      });
    const fix = "stop exporting each (or delete it when its own file does not use it either)";
    expect(dead, `want no dead exports; got ${dead.length} (${fix}):\n  ${dead.join("\n  ")}\n`).to.deep.equal([]);
  });
});
