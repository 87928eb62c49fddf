/**
 * The fixture harness every transform test uses. For `__testfixtures__/<id>/**`:
 * - `<case>.input.<ext>` + `<case>.output.<ext>`: the transform turns input into output exactly;
 * - `unchanged-<case>.input.<ext>` without output: the file must stay byte-identical;
 * - `<case>.findings.json` (optional): the findings the case must report, exactly;
 * and for every case: the output parses, and a second run changes nothing (idempotence).
 * The fixture folder is the project root: a `redis-codemods.config.json` or `package.json` in it
 * (or a subfolder) configures the run, and its source files feed the project index.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, type ResolvedConfig } from "../lib/config.js";
import type { FileContribution, Finding, MigrationEntry, RunnerContext } from "../lib/context.js";
import { jscodeshiftFor, parseOnce, parserForPath } from "../lib/parser.js";
import { buildProjectIndex, type ProjectIndex } from "../lib/redis/project.js";
import type { TransformModule } from "../registry.js";

export const FIXTURES_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "__testfixtures__");

export interface TransformResult {
  /** The new source, or undefined when the transform left the file alone. */
  output: string | undefined;
  findings: Finding[];
  migrations: MigrationEntry[];
  contributions: FileContribution[];
}

export interface ApplyOptions {
  config?: Partial<ResolvedConfig>;
  project?: ProjectIndex;
  includeTests?: boolean;
  mark?: boolean;
}

/** Runs one transform over an in-memory source as our runner would (parser by extension). */
export function applyTransform(transform: TransformModule, path: string, source: string, opts: ApplyOptions = {}): TransformResult {
  const config = { ...fixtureConfig(path, transform.meta.id), ...opts.config };
  const sink = { findings: [] as Finding[], migrations: [] as MigrationEntry[], contributions: [] as FileContribution[] };
  const runner: RunnerContext = {
    config,
    project: opts.project ?? buildProjectIndex(config.root, []),
    includeTests: Boolean(opts.includeTests),
    mark: Boolean(opts.mark),
    sink,
  };
  const j = parseOnce(jscodeshiftFor(parserForPath(path)));
  const result = transform.default({ path, source }, { j, jscodeshift: j, stats: () => {}, report: () => {} }, { redisCodemods: runner });
  const output = typeof result === "string" && result !== source ? result : undefined;
  if (output === undefined && !runner.mark) expectTreeUntouched(j, source, transform.meta.id);
  return { output, ...sink };
}

/**
 * The runner shares one parse between the transforms of a file, so a transform that returns
 * nothing must leave the tree it parsed exactly as it found it.
 */
function expectTreeUntouched(j: ReturnType<typeof parseOnce>, source: string, id: string): void {
  const printed = j(source).toSource();
  if (printed !== source) throw new Error(`${id} returned no output but mutated the parsed tree`);
}

export interface FixtureCase {
  name: string;
  input: string;
  output?: string;
  findings?: string;
}

/** Every case under a transform's fixture folder, subfolders included. */
export function findFixtureCases(id: string): FixtureCase[] {
  const dir = join(FIXTURES_ROOT, id);
  if (!existsSync(dir)) return [];
  return walk(dir)
    .filter((f) => /\.input\.[cm]?[jt]sx?$/.test(f))
    .sort()
    .map((input) => {
      const output = input.replace(".input.", ".output.");
      const findings = input.replace(/\.input\.[cm]?[jt]sx?$/, ".findings.json");
      return {
        name: relative(dir, input).replace(/\.input\.[cm]?[jt]sx?$/, ""),
        input,
        output: existsSync(output) ? output : undefined,
        findings: existsSync(findings) ? findings : undefined,
      };
    });
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Defines one vitest test per fixture case of `transform`. */
export function defineFixtureTests(transform: TransformModule, opts: ApplyOptions = {}): void {
  const id = transform.meta.id;
  const cases = findFixtureCases(id);
  describe(`${id} fixtures`, () => {
    it("has rewritten and unchanged- cases", () => {
      expect(cases.some((c) => c.output)).toBe(true);
      expect(cases.some((c) => basename(c.name).startsWith("unchanged-"))).toBe(true);
    });
    for (const c of cases) {
      it(c.name, () => checkCase(transform, c, opts));
    }
  });
}

function checkCase(transform: TransformModule, c: FixtureCase, opts: ApplyOptions): void {
  const source = readFileSync(c.input, "utf8");
  const unchanged = basename(c.name).startsWith("unchanged-");
  if (!c.output && !unchanged && !c.findings) throw new Error(`${c.name}: missing ${basename(c.input).replace(".input.", ".output.")}`);
  const project = opts.project ?? buildProjectIndex(fixtureConfig(c.input, transform.meta.id).root, projectFiles(fixtureConfig(c.input, transform.meta.id).root));
  const first = applyTransform(transform, c.input, source, { ...opts, project });
  const expected = c.output ? readFileSync(c.output, "utf8") : source;
  expect(first.output ?? source).toBe(expected);
  if (c.findings) {
    const wanted = JSON.parse(readFileSync(c.findings, "utf8"));
    expect(first.findings.map(({ line, fixed, message }) => ({ line, fixed, message }))).toEqual(wanted);
  }
  expect(() => jscodeshiftFor(parserForPath(c.input))(expected)).not.toThrow();
  const second = applyTransform(transform, c.input, expected, { ...opts, project });
  expect(second.output ?? expected).toBe(expected);
}

/**
 * The configuration for a file under a fixture folder. A fixture folder should carry its own
 * `redis-codemods.config.json`; without one the folder itself is the project root.
 */
export function fixtureConfig(path: string, id: string): ResolvedConfig {
  const config = loadConfig(path);
  const fixtureRoot = join(FIXTURES_ROOT, id);
  const inside = !relative(fixtureRoot, config.root).startsWith("..");
  return inside ? config : { ...config, root: fixtureRoot };
}

/** The fixture folder's source files other than expected outputs, for the project index. */
function projectFiles(root: string): string[] {
  return walk(root).filter((f) => /\.[cm]?[jt]sx?$/.test(f) && !/\.output\./.test(f));
}
