/**
 * The Markdown the generators write into pages: table cells, tables, and the
 * generated section between a page's two marker lines.
 */

/** A table cell's text: a raw pipe would end the cell. */
export function markdownCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** A Markdown table's lines: the header row, its separator, then `rows` (each a rendered `| ... |` line). */
export function markdownTable(headers: readonly string[], rows: readonly string[]): string[] {
  return [`| ${headers.join(" | ")} |`, `|${" --- |".repeat(headers.length)}`, ...rows];
}

/**
 * `page` with what stands between the lines `start` and `end` replaced by `body`; `pageName` names the
 * page in the error when a marker is missing.
 */
export function withGeneratedSection(page: string, start: string, end: string, body: string, pageName: string): string {
  const from = page.indexOf(start);
  const to = page.indexOf(end);
  if (from < 0 || to < from)
    throw new Error(`${pageName} needs the lines ${start} and ${end} around the generated text`);
  return `${page.slice(0, from + start.length)}\n${body}\n${page.slice(to)}`;
}
