/**
 * A real git repository shaped like a pull request, for the PR bot tests: branch `main` (the
 * base) and branch `feature` (checked out) with a renamed file, a deleted file, a modified file,
 * added files (one with CRLF line endings), and a commit on `main` after the branch point so the
 * merge base differs from main's tip.
 */
import { writeFileSync, unlinkSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { spawnSync } from "node:child_process";
import { makeProject, RENAME_CALL, REPO_ROOT } from "./project.js";

export const ADD_GUARD = join(REPO_ROOT, "test", "fixtures", "pr-bot", "add-guard.mjs");
/** Both test-only transforms, as one CLI argument. */
export const PR_TRANSFORMS = `${RENAME_CALL},${ADD_GUARD}`;

export const BASE_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "shop", private: true }, null, 2) + "\n",
  ".gitignore": "node_modules/\n",
  "src/keep.js": 'legacyCall(0);\ncache.put("k", 0);\n',
  "src/old-name.js": "// cart helpers\nexport function cart(id) {\n  return legacyCall(id);\n}\n",
  "src/modified.js": [
    "export function a() {",
    '  return legacyCall("a");',
    "}",
    "",
    "export function b() {",
    "  return 1;",
    "}",
    "",
    "export function d() {",
    "  // @obsolete",
    '  return "d";',
    "}",
    "",
  ].join("\n"),
  "src/store.js": "export function save(cache, id) {\n  const v = id * 2;\n  return v;\n}\n",
  "src/deleted.js": "legacyCall(9);\n",
};

/** The PR: every kind of change `--since` must handle. */
export const PR_CHANGES: Record<string, string | null> = {
  "src/old-name.js": null,
  "src/cart.js": "// cart helpers\nexport function cart(id) {\n  track(id);\n  return legacyCall(id);\n}\n",
  "src/deleted.js": null,
  "src/modified.js": [
    "export function a() {",
    '  return legacyCall("a");',
    "}",
    "",
    "export function b() {",
    '  return legacyCall("b");',
    "}",
    "",
    "export function d() {",
    "  // @obsolete",
    '  return "d";',
    "}",
    "",
    "export function c() {",
    '  TODO("c");',
    '  return legacyCall("c1") +',
    '    legacyCall("c2");',
    "}",
    "",
  ].join("\n"),
  "src/store.js": "export function save(cache, id) {\n  // @obsolete\n  const v = id * 3;\n  cache.put(`user:${id}`, v);\n  return v;\n}\n",
  "src/added.js": 'cache.put("a", 1);\nexport const x = "héllo" + legacyCall(1);\nTODO("later");\n',
  "src/crlf.js": "legacyCall(1);\r\nfoo();\r\n",
};

export interface PrRepo {
  dir: string;
  /** Sha of main's tip (what a pull_request event calls base.sha). */
  baseSha: string;
  /** Sha of the branch point. */
  mergeBase: string;
  headSha: string;
}

/** Runs git with a fixed identity and dates, failing loudly. */
export function gitIn(cwd: string, ...args: string[]): string {
  const date = "2024-01-01T00:00:00Z";
  const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@t", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@t", GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const result = spawnSync("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8", env });
  if (result.status !== 0) throw new Error(`git ${args.join(" ")}: ${result.stderr}`);
  return result.stdout;
}

/** Builds the repository and leaves `feature` checked out with a clean tree. */
export function makePrRepo(): PrRepo {
  const dir = makeProject(BASE_FILES);
  gitIn(dir, "init", "-q");
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-qm", "base");
  const mergeBase = gitIn(dir, "rev-parse", "HEAD").trim();
  gitIn(dir, "checkout", "-qb", "feature");
  applyChanges(dir, PR_CHANGES);
  gitIn(dir, "add", "-A");
  gitIn(dir, "commit", "-qm", "feature work");
  const headSha = gitIn(dir, "rev-parse", "HEAD").trim();
  // main moves on after the branch point: its changes must not count as the PR's.
  gitIn(dir, "checkout", "-q", "main");
  writeFileSync(join(dir, "src/keep.js"), 'legacyCall(0);\ncache.put("k", 0);\nlegacyCall(10);\n');
  gitIn(dir, "commit", "-qam", "main moves on");
  const baseSha = gitIn(dir, "rev-parse", "HEAD").trim();
  gitIn(dir, "checkout", "-q", "feature");
  return { dir, baseSha, mergeBase, headSha };
}

/** Writes (or, for null, deletes) files. */
export function applyChanges(dir: string, changes: Record<string, string | null>): void {
  for (const [path, content] of Object.entries(changes)) {
    const file = join(dir, path);
    if (content === null) unlinkSync(file);
    else {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  }
}
