/**
 * The examples every generated SDK's docs show (the schema descriptions'
 * `{{% examples %}}` blocks), taken from the example programs the end-to-end
 * tests run, never written twice: the resource's example is a whole program,
 * each function's example is the region of it between `example-start: <name>`
 * and `example-end` comment lines. Written into
 * provider/native/schema-examples.json (the plugin's GetSchema and schema.json
 * read it; a bundled plugin cannot read examples/ at run time). Run by
 * `npm run generate`; tests/native/schema.test.ts fails when it is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { FUNCTION_NAMES, FUNCTIONS } from "../provider/behaviour/official-account/functions";
import { functionToken, OFFICIAL_ACCOUNT_TOKEN } from "../provider/native/schema";

const REPO = path.resolve(__dirname, "..", "..");

export const SCHEMA_EXAMPLES_PATH = path.join(REPO, "provider", "native", "schema-examples.json");

/** A language of the examples format, as Pulumi's generators filter code fences by it. */
export type ExampleLanguage = "typescript" | "python" | "go" | "csharp" | "yaml";

/**
 * Per language, the example program (relative to the repository) and the suite that runs it. C# has none:
 * no .NET SDK can be had here, so examples/csharp is written against sdk/dotnet but never compiled.
 */
export const EXAMPLE_PROGRAMS: Record<ExampleLanguage, { readonly file: string; readonly runBy: string | null }> = {
  typescript: { file: "examples/typescript/index.ts", runBy: "tests/e2e/language-programs.test.ts" },
  python: { file: "examples/python/__main__.py", runBy: "tests/e2e/no-node-python.test.ts" },
  go: { file: "examples/go/main.go", runBy: "tests/e2e/no-node-go.test.ts" },
  csharp: { file: "examples/csharp/Program.cs", runBy: null },
  yaml: { file: "examples/yaml/Pulumi.yaml", runBy: "tests/e2e/no-node-yaml.test.ts" },
};

/** What each schema token's example shows: a whole program, or one function's region of it (named as the function). */
export const EXAMPLE_SUBJECTS: readonly { readonly token: string; readonly title: string; readonly region?: string }[] =
  [
    { token: OFFICIAL_ACCOUNT_TOKEN, title: "Two accounts of one app, through an explicit provider" },
    ...FUNCTION_NAMES.map((name) => ({
      token: functionToken(name),
      title: FUNCTIONS[name].exampleTitle,
      region: name,
    })),
  ];

const START = /example-start:\s*(\S+)\s*$/;
const END = /example-end\s*$/;
/** The README's quoting markers (tests/support/readme-snippets.ts): they mean nothing in the docs either. */
const README_SNIPPET = /^\s*(\/\/|#)\s*snippet:(start|end)\s/;

/** The program without its region marker lines (what the resource's example shows). */
export function wholeProgram(text: string): string {
  return text
    .split("\n")
    .filter((line) => !START.test(line) && !END.test(line) && !README_SNIPPET.test(line))
    .join("\n")
    .trimEnd();
}

/** The lines between `example-start: <region>` and the next `example-end`, with their common indent removed. */
export function programRegion(text: string, region: string, file: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => START.exec(line)?.[1] === region);
  if (start < 0) throw new Error(`${file} has no "example-start: ${region}" line; mark the region the docs show`);
  const length = lines.slice(start + 1).findIndex((line) => END.test(line));
  if (length < 0) throw new Error(`${file}: the region "${region}" has no "example-end" line after it`);
  const body = lines.slice(start + 1, start + 1 + length);
  const indent = Math.min(...body.filter((line) => line.trim()).map((line) => /^\s*/.exec(line)![0].length));
  return body.map((line) => line.slice(indent)).join("\n");
}

/** One subject's code in one language, read from the example program. */
export function exampleCode(language: ExampleLanguage, region?: string): string {
  const { file } = EXAMPLE_PROGRAMS[language];
  const text = readFileSync(path.join(REPO, file), "utf8");
  return region ? programRegion(text, region, file) : wholeProgram(text);
}

/** The `{{% examples %}}` block appended to a token's schema description. */
export function examplesBlock(title: string, region?: string): string {
  const fences = (Object.keys(EXAMPLE_PROGRAMS) as ExampleLanguage[]).map(
    (language) => `\`\`\`${language}\n${exampleCode(language, region)}\n\`\`\``,
  );
  return [
    "{{% examples %}}",
    "## Example Usage",
    "{{% example %}}",
    `### ${title}`,
    "",
    ...fences,
    "{{% /example %}}",
    "{{% /examples %}}",
  ].join("\n");
}

/** Token -> examples block, as schema-examples.json holds it. */
export function schemaExamples(): Record<string, string> {
  return Object.fromEntries(EXAMPLE_SUBJECTS.map(({ token, title, region }) => [token, examplesBlock(title, region)]));
}

export function schemaExamplesText(): string {
  return `${JSON.stringify(schemaExamples(), null, 2)}\n`;
}

if (require.main === module) {
  writeFileSync(SCHEMA_EXAMPLES_PATH, schemaExamplesText());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_EXAMPLES_PATH)}`);
}
