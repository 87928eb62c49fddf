/** The README's transforms table, generated from each transform's `meta`. */
import type { TransformModule } from "../transforms/registry.js";

const START = "<!-- transforms-table:start -->";
const END = "<!-- transforms-table:end -->";

/** `readme` with the text between the table markers replaced by the current table. */
export function transformsTable(readme: string, transforms: TransformModule[]): string {
  const rows = transforms.map((t) => `| [\`${t.meta.id}\`](docs/transforms/${t.meta.id}.md) | ${t.meta.rule} ${t.meta.title} | ${t.meta.description} |`);
  const table = ["| transform | rule | what it does |", "| --- | --- | --- |", ...rows].join("\n");
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start === -1 || end === -1) throw new Error("README.md lacks the transforms-table markers");
  return `${readme.slice(0, start + START.length)}\n${table}\n${readme.slice(end)}`;
}
