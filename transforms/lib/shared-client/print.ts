/**
 * Workaround for a recast printing quirk that hits CommonJS handler files: a freshly built
 * `const { a } = require("x")` prints its pattern over three lines.
 */
import type { Collection, JSCodeshift } from "jscodeshift";
import { dominantQuote } from "../edit/print.js";

/** Reprints one-line `const { name } = require("x")` declarations that were just built (they have no position). */
export function compactRequires(j: JSCodeshift, root: Collection, specifier: string, source: string): void {
  const quote = dominantQuote(source) === "single" ? "'" : '"';
  root.find(j.VariableDeclaration).forEach((p) => {
    const [d] = p.node.declarations as any[];
    const init = d?.init;
    if (p.node.loc || p.node.declarations.length !== 1 || d.id.type !== "ObjectPattern" || init?.type !== "CallExpression" || init.arguments[0]?.value !== specifier) return;
    const names = d.id.properties.map((prop: any) => (prop.key.name === prop.value.name ? prop.key.name : `${prop.key.name}: ${prop.value.name}`));
    const text = `const { ${names.join(", ")} } = require(${quote}${specifier.replace(/[\\'"]/g, "\\$&")}${quote});`;
    p.replace(j(text).find(j.VariableDeclaration).get().node);
  });
}
