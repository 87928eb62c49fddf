/**
 * Generated code from text written in the file's own style. The parsed statements keep their
 * locations, so recast reprints them exactly as written here (quotes, semicolons, one-line
 * objects, no blank lines around them), while placeholders are swapped for the original nodes,
 * which keep their own text. Works around recast's pretty-printer, which would otherwise put
 * blank lines around every new multi-line statement and break every object literal.
 */
import type { ASTNode, JSCodeshift } from "jscodeshift";

/** Placeholder names: `${PLACEHOLDER}NAME` in template text, replaced by nodes. */
export const PLACEHOLDER = "__redisCodemods_";

export type Substitutions = Record<string, ASTNode>;

/**
 * Parses `code` and replaces each placeholder identifier by its node: an expression in place of
 * the identifier, a statement in place of the whole `PLACEHOLDER;` statement.
 */
export function statementsFrom(j: JSCodeshift, code: string, subs: Substitutions = {}): any[] {
  // Newlines around the text make recast separate two generated statement runs that end up adjacent.
  const body = (j.template.statements as unknown as (parts: string[]) => any[])([`\n${code}\n`]);
  const file = j.file(j.program(body));
  for (const [name, node] of Object.entries(subs)) {
    const id = PLACEHOLDER + name;
    let used = false;
    j(file)
      .find(j.Identifier, { name: id })
      .forEach((path) => {
        const replacement = used ? cloneNode(node) : node;
        used = true;
        const isStatement = /Statement$|Declaration$/.test(replacement.type);
        if (isStatement && path.parent.node.type === "ExpressionStatement") path.parent.replace(replacement);
        else path.replace(replacement);
      });
  }
  return file.program.body;
}

/** One expression from template text. */
export function expressionFrom(j: JSCodeshift, code: string, subs: Substitutions = {}): any {
  return statementsFrom(j, code, subs)[0].expression;
}

/** `${PLACEHOLDER}name`, for template text. */
export function hole(name: string): string {
  return PLACEHOLDER + name;
}

/** A copy without positions, for a node that must appear twice (recast cannot print one node at two places). */
export function cloneNode<T>(node: T): T {
  return JSON.parse(
    JSON.stringify(node, (key, value) => (key === "loc" || key === "start" || key === "end" || key === "original" || key === "tokens" || key === "comments" ? undefined : value)),
  );
}

/** Indents every line of `lines` by `levels` units. */
export function indented(lines: string[], unit: string, levels = 1): string[] {
  return lines.map((line) => (line ? unit.repeat(levels) + line : line));
}

/** The source text of a node's leading comments (and given trailing ones), to carry over to generated code. */
export function commentText(source: string, nodes: any[], trailing = false): string[] {
  const out: string[] = [];
  for (const node of nodes) {
    for (const c of node?.comments ?? []) {
      if (!c.leading && !(trailing && c.trailing)) continue;
      // Comments added during this run (--mark markers) have no position: rebuild their text.
      if (typeof c.start === "number") out.push(source.slice(c.start, c.end));
      else out.push(c.type === "CommentLine" || c.type === "Line" ? `//${c.value}` : `/*${c.value}*/`);
    }
  }
  return out;
}

/** Removes leading comments from a node that stays in the tree (they were moved as text). */
export function dropLeadingComments(node: any): void {
  if (!node.comments?.some((c: any) => c.leading)) return;
  const rest = node.comments.filter((c: any) => !c.leading);
  node.comments = rest.length ? rest : null;
}
