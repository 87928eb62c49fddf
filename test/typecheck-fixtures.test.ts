/**
 * TypeScript fixture outputs (and the generated modules next to them) type-check against the
 * real client typings: ioredis, node-redis v5 (`redis`) and, for folders whose package.json
 * declares redis 4, node-redis v4 (installed as `redis4`).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import ts from "typescript";
import { FIXTURES_ROOT } from "../transforms/__tests__/harness.js";
import { REPO_ROOT } from "./support/project.js";

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** The redis major declared by the nearest package.json inside the fixtures tree. */
function declaredRedisMajor(file: string): number | undefined {
  for (let dir = dirname(file); dir.startsWith(FIXTURES_ROOT); dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const range = JSON.parse(readFileSync(manifest, "utf8")).dependencies?.redis as string | undefined;
    if (range) return Number(range.match(/\d+/)?.[0]);
  }
  return undefined;
}

/** Outputs, unchanged inputs and generated modules: every .ts file a user would end up with. */
function typedFiles(): string[] {
  return walk(FIXTURES_ROOT).filter((f) => /\.(ts|tsx|mts|cts)$/.test(f) && !/\.input\.[cm]?tsx?$/.test(f) || /unchanged-[^/]*\.input\.tsx?$/.test(f));
}

function diagnostics(files: string[], redisPath: string): string[] {
  if (!files.length) return [];
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    esModuleInterop: true,
    allowJs: false,
    types: ["node"],
    typeRoots: [join(REPO_ROOT, "node_modules", "@types")],
    baseUrl: REPO_ROOT,
    paths: { redis: [redisPath] },
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.includes(d.file.fileName))
    .map((d) => `${d.file!.fileName.slice(FIXTURES_ROOT.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
}

describe("TypeScript fixture outputs type-check against the real typings", () => {
  const files = typedFiles();
  const v4 = files.filter((f) => declaredRedisMajor(f) === 4);
  const rest = files.filter((f) => declaredRedisMajor(f) !== 4);

  it("with ioredis and node-redis v5", () => {
    expect(diagnostics(rest, "node_modules/redis")).toEqual([]);
  });

  it("with node-redis v4", () => {
    expect(diagnostics(v4, "node_modules/redis4")).toEqual([]);
  });
});
