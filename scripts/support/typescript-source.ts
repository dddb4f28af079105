/**
 * Lines of TypeScript source as the generators write them (scripts/generate-typescript-types.ts,
 * scripts/generate-functions.ts): TSDoc blocks and readonly interfaces in the repository's style.
 */

/** A TSDoc block, wrapped to stay inside the 120-column style. */
export function tsDocLines(text: string, indent: string): string[] {
  const width = 100;
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") lines.push(line);
  if (lines.length === 1 && indent.length + lines[0].length + 7 <= 120) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => `${indent} * ${l}`), `${indent} */`];
}

/** One member of a generated interface. */
export interface InterfaceMember {
  readonly name: string;
  readonly optional: boolean;
  readonly type: string;
  /** Its TSDoc text. */
  readonly description: string;
}

/** An exported interface of readonly members, each with its TSDoc, followed by a blank line. */
export function interfaceLines(name: string, description: string, members: readonly InterfaceMember[]): string[] {
  return [
    ...tsDocLines(description, ""),
    `export interface ${name} {`,
    ...members.flatMap((member) => [
      ...tsDocLines(member.description, "  "),
      `  readonly ${member.name}${member.optional ? "?" : ""}: ${member.type};`,
    ]),
    "}",
    "",
  ];
}
