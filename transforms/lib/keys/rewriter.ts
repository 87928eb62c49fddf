/**
 * Decides, for every key position and MATCH pattern of a file, whether to rewrite it in place,
 * rewrite the definition it comes from (a constant, a local variable, a key-builder function),
 * leave it (already namespaced, or a key name listed by SCAN), or report it — then applies the
 * rewrites with the helper names the file ends up importing.
 */
import type { ASTNode, ASTPath, Collection, JSCodeshift } from "jscodeshift";
import type { TransformContext } from "../context.js";
import { bindingOf, calleeText, callsOf, functionLabel, isExported, referencesOf, returnedExpressions, unwrapNode, unwrapPath, type Binding } from "./bindings.js";
import { FOREIGN_NAMESPACES } from "./hazards.js";
import type { KeyExport } from "./module.js";
import type { Origins } from "./origins.js";
import { helperArguments, isGlobSegment, isIdValue, isText, literalText, placeholderNames, planPatterns, shapeOf, startsWithLiteral, type KeyShape } from "./shape.js";
import type { KeyWrapper } from "./wrappers.js";

export type Role = "key" | "pattern";
type HelperNames = Record<KeyExport, string>;

interface Edit {
  target: ASTPath<any>;
  role: Role;
  shape: KeyShape;
  /** Pattern segments built from values not known to be ids: kept globs, `glob(pattern)`. */
  globbed?: Set<number>;
}

export interface RewriterOptions {
  j: JSCodeshift;
  root: Collection;
  ctx: TransformContext;
  origins: Origins;
  source: string;
  app: string;
  lowercaseIds: boolean;
  /** Local names of helpers the file already imports from the key module. */
  imported: Set<string>;
  /** The file's exported functions that pass parameters on as keys (function node → parameters), so their callers elsewhere are namespaced. */
  exportedWrappers?: Map<ASTNode, KeyWrapper>;
}

const ELEMENT_BUILDERS = new Set(["map", "flatMap"]);

export class KeyRewriter {
  private readonly edits = new Map<ASTNode, Edit>();
  private readonly reported = new Set<string>();
  /** Key-position nodes per role, so that "every use of this variable is a key" can be checked. */
  private readonly positions: Record<Role, Set<ASTNode>> = { key: new Set(), pattern: new Set() };
  private readonly builders = new Map<ASTNode, true | string>();

  constructor(private readonly o: RewriterOptions) {}

  private readonly planned = new Set<ASTNode>();

  /**
   * Declares the key positions of the file before any is planned; the arguments callers in this
   * file pass to a key-taking wrapper (`function cached(k) { return redis.get(k) }`) count too.
   */
  addPositions(sites: Array<{ path: ASTPath<any>; role: Role }>): void {
    const work = [...sites];
    for (let site = work.pop(); site; site = work.pop()) {
      if (this.positions[site.role].has(site.path.node)) continue;
      this.positions[site.role].add(site.path.node);
      this.positions[site.role].add(unwrapNode(site.path.node));
      const id = unwrapPath(site.path);
      if (id.node.type !== "Identifier") continue;
      for (const arg of this.wrappedArguments(id) ?? []) work.push({ path: arg, role: site.role });
    }
  }

  /** Plans one key position or pattern. */
  plan(path: ASTPath<any>, role: Role): void {
    const p = unwrapPath(path);
    const n = p.node;
    if (this.planned.has(n)) return;
    this.planned.add(n);
    if (this.isHelperCall(n)) return;
    if (n.type === "ConditionalExpression") return this.planBranches(p, ["consequent", "alternate"], role);
    if (n.type === "LogicalExpression" && n.operator !== "&&") return this.planBranches(p, ["left", "right"], role);
    const number = n.type === "NumericLiteral" ? { segments: [[{ text: String(n.value) }]], constantRefs: [] } : undefined;
    const shape = propertyKeyShape(path) ?? number ?? shapeOf(this.o, p);
    if (shape && !(n.type === "Identifier" && shape.constantRefs[0]?.node === n)) return this.planShape(path, shape, role);
    if (n.type === "Identifier") return this.planIdentifier(p, role);
    if (n.type === "CallExpression" || n.type === "AwaitExpression") return this.planCall(p, role);
    this.report(p, `${role} from \`${this.text(n)}\`, which the transform cannot see into: namespace it where it is built`, `${role}:${this.text(n)}`);
  }

  private planBranches(p: ASTPath<any>, fields: string[], role: Role): void {
    for (const field of fields) this.plan(p.get(field), role);
  }

  /** A literal, template or concatenation at the site itself. */
  private planShape(target: ASTPath<any>, shape: KeyShape, role: Role): void {
    const lead = shape.segments[0][0];
    // `${k}:*` with `k` a key listed by SCAN/KEYS is built on a full (already namespaced) name.
    if (lead && !isText(lead) && this.o.origins.originOf(lead.expr) === "scan") return;
    const problem = this.problemOf(shape, role);
    if (problem === "namespaced") return;
    if (problem) return this.report(target, problem);
    this.edits.set(target.node, { target, role, shape, globbed: role === "pattern" ? this.globbedSegments(shape) : undefined });
  }

  /**
   * The segments of a MATCH pattern built from a value that is not known to be an id (a
   * parameter, a slug, anything unknown): it may carry wildcards on purpose (`listFlags("checkout-*")`),
   * so it stays a glob instead of being escaped. Ids (`userId`, `req.params.id`, numbers) match literally.
   */
  private globbedSegments(shape: KeyShape): Set<number> | undefined {
    const globbed = new Set<number>();
    shape.segments.forEach((segment, i) => {
      if (segment.some((p) => !isText(p) && !isIdValue(this.o, p.expr))) globbed.add(i);
    });
    return globbed.size ? globbed : undefined;
  }

  private planIdentifier(id: ASTPath<any>, role: Role): void {
    const origin = this.o.origins.originOf(id);
    if (origin === "scan") return;
    if (origin === "stored") return this.reportStored(id, role);
    const binding = bindingOf(this.o.j, this.o.root, id);
    if (binding.kind === "variable" && binding.init && !binding.loopOver && !binding.destructured) return this.planVariable(id, binding, role);
    if (binding.kind === "param") {
      const args = this.wrappedArguments(id);
      if (args) return args.forEach((arg) => this.plan(arg, role));
      const label = functionLabel(binding.fn);
      const dedupe = `param:${binding.fn.node.start}:${binding.name}`;
      if (this.o.exportedWrappers?.get(binding.fn.node)?.params.some((p) => p.index === binding.index && p.role === role)) {
        return this.report(id, `${role} comes from parameter \`${binding.name}\` of exported ${label}: the keys callers pass are namespaced at each call in this project — check callers outside it (other packages, dynamic calls)`, dedupe);
      }
      return this.report(id, `${role} comes from parameter \`${binding.name}\` of ${label}: namespace it where the caller builds it`, dedupe);
    }
    if (binding.kind === "import") return this.report(id, `${role} \`${binding.name}\` is imported from "${binding.source}": namespace it where it is defined`, `import:${binding.name}`);
    this.report(id, `${role} \`${binding.name}\` is not built in a way the transform can read: namespace it where it is built`, `name:${binding.name}`);
  }

  /**
   * The arguments every caller passes for a parameter, when the function is local to the file
   * (not exported) and only ever called directly; undefined when some caller is out of sight.
   */
  private wrappedArguments(id: ASTPath<any>): ASTPath<any>[] | undefined {
    const binding = bindingOf(this.o.j, this.o.root, id);
    if (binding.kind !== "param") return undefined;
    const found = callsOf(this.o.j, this.o.root, binding.fn);
    if (!found || found.exported || !found.complete || !found.calls.length) return undefined;
    if (found.calls.some((c) => c.node.arguments.slice(0, binding.index + 1).some((a: any) => a.type === "SpreadElement"))) return undefined;
    return found.calls.map((c) => c.get("arguments", binding.index)).filter((a) => a.node);
  }

  /**
   * `const k = \`session:${sid}\`` used only as a key is rewritten at its declaration. A literal
   * constant is inlined where it is a key instead when it is module-level (calling key() while the
   * module loads would read the environment at import time) or also used for something else.
   */
  private planVariable(id: ASTPath<any>, binding: Extract<Binding, { kind: "variable" }>, role: Role): void {
    const init = binding.init!;
    if (this.isHelperCall(unwrapNode(init.node))) return;
    const shape = shapeOf(this.o, init);
    if (!shape) return this.planCall(unwrapPath(init), role, id);
    const refs = referencesOf(this.o.j, this.o.root, binding.declarator.get("id"));
    const literal = literalText(shape) !== undefined;
    const onlyKeys = refs.every((r) => this.positions[role].has(r.node));
    if (onlyKeys && !(literal && isModuleLevel(binding.declarator))) return this.planShape(init, shape, role);
    if (literal) return this.planShape(id, { ...shape, constantRefs: [id, ...shape.constantRefs] }, role);
    const other = refs.find((r) => !this.positions[role].has(r.node));
    this.report(id, `${role} variable \`${binding.name}\` is also used outside Redis ${role === "key" ? "key positions" : "patterns"} (line ${line(other)}): not rewritten`, `var:${binding.name}:${init.node.start}`);
  }

  /** `productKey(id)`, `ids.map(productKey)`, `ids.map((id) => \`product:${id}\`)`, or a call the transform cannot see into. */
  private planCall(call: ASTPath<any>, role: Role, via?: ASTPath<any>): void {
    const site = via ?? call;
    const origin = this.o.origins.originOf(call);
    if (origin === "scan") return;
    if (origin === "stored") return this.reportStored(site, role);
    const n = unwrapNode(call.node);
    const callee = n.type === "CallExpression" ? call.get("callee") : undefined;
    if (!callee) return this.report(site, `${role} from \`${this.text(n)}\`, which the transform cannot see into`, `${role}:${this.text(n)}`);
    const method = callee.node.type === "MemberExpression" && !callee.node.computed ? callee.node.property.name : undefined;
    const mapped = method && ELEMENT_BUILDERS.has(method) ? call.get("arguments", 0) : undefined;
    const fn = this.functionOf(mapped ?? callee);
    const name = calleeText(mapped?.node ?? callee.node);
    const built = fn ? this.planBuilder(fn, role) : undefined;
    if (built === true) return;
    if (built) return this.report(site, `${role} built by \`${name}()\` not rewritten — its return at ${built}`, `call:${name}`);
    this.report(site, `${role} built by \`${name}()\`, which the transform cannot see into: check that it is namespaced`, `call:${name}`);
  }

  /** The function a callee or callback denotes, when it is defined in this file. */
  private functionOf(path: ASTPath<any> | undefined): ASTPath<any> | undefined {
    if (!path?.node) return undefined;
    const n = unwrapNode(path.node);
    if (n.type === "ArrowFunctionExpression" || n.type === "FunctionExpression") return unwrapPath(path);
    if (n.type !== "Identifier") return undefined;
    const binding = bindingOf(this.o.j, this.o.root, unwrapPath(path));
    if (binding.kind === "function") return binding.fn;
    if (binding.kind === "variable" && binding.constant && binding.init && /^(Arrow)?Function/.test(unwrapNode(binding.init.node).type)) return unwrapPath(binding.init);
    return undefined;
  }

  /**
   * A key builder (`const userKey = (id) => \`user:${id}\``) is rewritten where it returns, once;
   * other uses of it in the file are reported, since they now see namespaced names. Returns true
   * when the builder is (or already was) namespaced, else what keeps it from being rewritten.
   */
  private planBuilder(fn: ASTPath<any>, role: Role): true | string {
    const known = this.builders.get(fn.node);
    if (known !== undefined) return known;
    const returns = returnedExpressions(this.o.j, fn);
    let verdict: true | string = returns.length ? true : "nothing";
    const edits: Edit[] = [];
    for (const r of returns) {
      if (this.isHelperCall(unwrapNode(r.node))) continue;
      const shape = shapeOf(this.o, r);
      const problem = shape ? this.problemOf(shape, role) : `\`${this.text(r.node)}\` is not a string the transform can read`;
      if (shape && !problem) edits.push({ target: r, role, shape });
      else if (problem !== "namespaced") verdict = `line ${line(r)}: ${problem}`;
    }
    this.builders.set(fn.node, verdict);
    if (verdict !== true) return verdict;
    for (const edit of edits) this.edits.set(edit.target.node, edit);
    this.reportOtherUses(fn, role);
    return true;
  }

  private reportOtherUses(fn: ASTPath<any>, role: Role): void {
    const id = fn.node.id ? fn.get("id") : fn.parent?.node.type === "VariableDeclarator" ? fn.parent.get("id") : undefined;
    if (!id) return;
    const name = id.node.name;
    for (const ref of referencesOf(this.o.j, this.o.root, id)) {
      if (this.isBuilderUse(ref, role) || isExportReference(ref)) continue;
      this.report(ref, `${name}() now returns namespaced ${role === "key" ? "keys" : "patterns"}; this use is not a Redis ${role} — check it`);
    }
  }

  private isBuilderUse(ref: ASTPath<any>, role: Role): boolean {
    const parent = ref.parent;
    const call = parent?.node.type === "CallExpression" && parent.node.callee === ref.node ? parent : parent?.node.type === "CallExpression" && parent.node.arguments[0] === ref.node ? parent : undefined;
    if (!call) return false;
    if (this.positions[role].has(call.node)) return true;
    const declarator = call.parent?.node.type === "VariableDeclarator" ? call.parent : undefined;
    if (!declarator || declarator.node.id.type !== "Identifier") return false;
    return referencesOf(this.o.j, this.o.root, declarator.get("id")).every((r) => this.positions[role].has(r.node));
  }

  /** Why a shape must not be rewritten; "namespaced" when it already is; undefined when it can be. */
  private problemOf(shape: KeyShape, role: Role): string | undefined {
    const literal = literalText(shape);
    const first = shape.segments[0];
    const firstText = first.every(isText) ? first.map((p) => (p as { text: string }).text).join("").toLowerCase() : undefined;
    if (firstText === this.o.app && shape.segments.length > 1) return "namespaced";
    if (!shape.segments.some((s) => s.some(isText)) || !startsWithLiteral(shape)) {
      const what = role === "key" ? "key" : "pattern";
      return `${what} does not start with a literal entity name (${this.describe(shape)}): the transform cannot tell where its segments start — namespace it by hand`;
    }
    const owner = firstText !== undefined ? FOREIGN_NAMESPACES[firstText] : undefined;
    if (owner) return `${role} "${literal ?? this.describe(shape)}" looks like it belongs to ${owner}, which reads it by this name: not namespaced`;
    if (role === "pattern" && shape.segments.some((s) => isGlobSegment(s) && !s.every(isText))) {
      return `pattern mixes a value and a wildcard in one segment (${this.describe(shape)}): rewrite it by hand with keyPattern(..., glob(...))`;
    }
    return undefined;
  }

  /** Says which dynamic parts of a pattern stay globs, for the fixed finding a reviewer reads. */
  private globNote(shape: KeyShape, globbed: Set<number>): string {
    const args = [...globbed].map((i) => {
      const segment = shape.segments[i];
      if (segment.length === 1 && !isText(segment[0])) return this.text(segment[0].expr.node);
      return "`" + segment.map((p) => (isText(p) ? p.text.toLowerCase() : `\${${this.text(p.expr.node)}}`)).join("") + "`";
    });
    const shown = args.map((a) => `glob(${a})`).join(", ");
    return `the value stays a glob, ${shown}: wildcards it carries still match, as before — if it is an id, drop glob() so that they match literally`;
  }

  private describe(shape: KeyShape): string {
    return shape.segments.map((s) => s.map((p) => (isText(p) ? p.text : `\${${this.text(p.expr.node)}}`)).join("")).join(":");
  }

  private reportStored(path: ASTPath<any>, role: Role): void {
    this.report(path, `${role} name read back from Redis data: stored names are not namespaced by this transform (nor by migrate-keys) — migrate them by hand`, `stored:${this.text(path.node)}`);
  }

  private report(path: ASTPath<any>, message: string, dedupe?: string): void {
    const id = dedupe ?? `${line(path)}:${message}`;
    if (this.reported.has(id)) return;
    this.reported.add(id);
    this.o.ctx.report(path, message);
  }

  private isHelperCall(node: any): boolean {
    const n = unwrapNode(node);
    return n?.type === "CallExpression" && n.callee.type === "Identifier" && this.o.imported.has(n.callee.name);
  }

  private text(node: any): string {
    const n = node as { start?: number; end?: number };
    return n.start !== undefined && n.end !== undefined ? this.o.source.slice(n.start, n.end) : this.o.j(node).toSource();
  }

  /** Helpers the planned rewrites need. */
  needed(): Set<KeyExport> {
    const names = new Set<KeyExport>();
    for (const edit of this.edits.values()) {
      names.add(edit.role === "key" ? "key" : "keyPattern");
      if (edit.role === "pattern" && (edit.shape.segments.some(isGlobSegment) || edit.globbed)) names.add("glob");
    }
    return names;
  }

  /** Where calls of a helper will go (for choosing names that mean the helper there). */
  targets(name: KeyExport): ASTPath<any>[] {
    return [...this.edits.values()].filter((e) => (name === "key") === (e.role === "key")).map((e) => e.target);
  }

  get pending(): number {
    return this.edits.size;
  }

  /** True when a MATCH pattern will be namespaced (code reading the listed keys may then break). */
  rewritesPatterns(): boolean {
    return [...this.edits.values()].some((e) => e.role === "pattern");
  }

  /** Drops every planned rewrite, reporting each site with `message` instead. */
  abandon(message: string): void {
    const edits = [...this.edits.values()].sort((a, b) => (a.target.node.start ?? 0) - (b.target.node.start ?? 0));
    for (const edit of edits) this.report(edit.target, message);
    this.edits.clear();
  }

  /** Applies the planned rewrites (findings and migration entries first, while nodes still carry their lines). */
  apply(names: HelperNames): void {
    const { j, ctx } = this.o;
    const edits = [...this.edits.values()].sort((a, b) => (a.target.node.start ?? 0) - (b.target.node.start ?? 0));
    const constants = inlinedDeclarators(j, this.o.root, edits.flatMap((e) => e.shape.constantRefs));
    for (const edit of edits) {
      const shape = edit.shape;
      const placeholders = placeholderNames(shape, (n) => this.text(n));
      const plan = planPatterns(shape, placeholders, this.o.app, this.o.lowercaseIds);
      const kept = edit.globbed ? `; ${this.globNote(shape, edit.globbed)}` : "";
      if (plan) {
        const shown = (p: string) => (edit.role === "pattern" ? p.replace(/\{([*?])\}/g, "$1") : p);
        ctx.fixed(edit.target, `namespaced ${edit.role} ${shown(plan.oldPattern)} → ${shown(plan.newPattern)}${kept}`);
        ctx.addMigration(edit.target, plan.oldPattern, plan.newPattern);
      } else {
        ctx.fixed(edit.target, `namespaced ${edit.role} ${this.describe(shape)} (no migration plan entry: character classes and escapes cannot be planned)${kept}`);
      }
      const glob = (arg: ASTNode) => j.callExpression(j.identifier(names.glob), [arg as any]);
      const args = helperArguments(j, shape, edit.role === "pattern" ? { glob: (t) => glob(j.stringLiteral(t)), globSegment: (i) => Boolean(edit.globbed?.has(i)), wrapGlob: glob } : {});
      const call = j.callExpression(j.identifier(edit.role === "key" ? names.key : names.keyPattern), args as any[]);
      replace(j, edit.target, call);
    }
    removeUnusedConstants(j, this.o.root, constants);
  }
}

/** A non-computed object key in a key position (`mSet({ "user:1": v })`, `{ a: 1 }`) as literal text. */
function propertyKeyShape(path: ASTPath<any>): KeyShape | undefined {
  const parent = path.parent?.node;
  if (!parent || (parent.type !== "ObjectProperty" && parent.type !== "Property") || parent.key !== path.node || parent.computed) return undefined;
  const text = path.node.type === "Identifier" ? path.node.name : String(path.node.value);
  const shape: KeyShape = { segments: text.split(":").map((t: string) => (t ? [{ text: t }] : [])), constantRefs: [] };
  return shape;
}

/** Replaces a key expression, turning object keys computed and shorthand properties long. */
function replace(j: JSCodeshift, target: ASTPath<any>, call: ASTNode): void {
  const parent = target.parent?.node;
  if (parent && (parent.type === "ObjectProperty" || parent.type === "Property")) {
    if (parent.key === target.node) {
      if (parent.shorthand) parent.value = j.identifier(parent.key.name);
      parent.computed = true;
    }
    parent.shorthand = false;
  }
  target.replace(call);
}

function isExportReference(ref: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = ref.parent; p; p = p.parent) {
    if (/^Export/.test(p.node.type)) return true;
    if (p.node.type === "AssignmentExpression") return /^(module\.)?exports\b/.test(calleeText(p.node.left));
    if (/Statement$|Function/.test(p.node.type)) return false;
  }
  return false;
}

/** The declarators of the constants whose text is inlined, found while their uses are still in the tree. */
function inlinedDeclarators(j: JSCodeshift, root: Collection, refs: ASTPath<any>[]): ASTPath<any>[] {
  const declarators = new Map<ASTNode, ASTPath<any>>();
  for (const ref of refs) {
    const binding = bindingOf(j, root, ref);
    if (binding.kind === "variable" && !binding.destructured) declarators.set(binding.declarator.node, binding.declarator);
  }
  return [...declarators.values()];
}

/** A literal constant left without uses once inlined into key() calls is removed (unless exported or commented). */
function removeUnusedConstants(j: JSCodeshift, root: Collection, declarators: ASTPath<any>[]): void {
  const left = new Set(declarators);
  // `const LISTS = PREFIX + "lists:"` keeps PREFIX used until LISTS itself goes.
  for (let removed = true; removed; ) {
    removed = false;
    for (const declarator of left) {
      const declaration = declarator.parent;
      const name = declarator.node.id.name;
      if (declaration.node.declarations.length !== 1 || declaration.node.comments?.length || isExported(j, root, name)) continue;
      if (referencesOf(j, root, declarator.get("id")).length > 0) continue;
      j(declaration).remove();
      left.delete(declarator);
      removed = true;
    }
  }
}

function isModuleLevel(declarator: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = declarator.parent; p; p = p.parent) {
    if (p.node.type === "Program") return true;
    if (/Function|Method|Block|Class/.test(p.node.type)) return false;
  }
  return false;
}

function line(path: ASTPath<any> | undefined): number {
  return (path?.node as any)?.loc?.start.line ?? 0;
}
