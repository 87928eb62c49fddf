/**
 * Which instruction file(s) for coding assistants get the rules section: the one the repo already
 * uses (CLAUDE.md or AGENTS.md), both when both are in use, or the one named by `--agents-file`.
 */
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join, resolve } from "node:path";
import { SECTION_START } from "./rules-section.js";

const CLAUDE = "CLAUDE.md";
const AGENTS = "AGENTS.md";
/** Claude Code's import syntax: a CLAUDE.md that says `@AGENTS.md` already reads AGENTS.md. */
const IMPORTS_AGENTS = /(^|\s)@AGENTS\.md\b/m;

/** Absolute paths of the files to write, real paths so a symlinked CLAUDE.md stays a symlink. */
export function agentsFilesFor(root: string, explicit?: string): string[] {
  if (explicit) return [realPath(resolve(root, explicit))];
  const claude = join(root, CLAUDE);
  const agents = join(root, AGENTS);
  const present = [claude, agents].filter((f) => existsSync(f));
  if (present.length === 0) return [claude];
  if (present.length === 1) return [realPath(present[0])];
  if (realPath(claude) === realPath(agents)) return [realPath(claude)];
  const marked = present.filter((f) => readFileSync(f, "utf8").includes(SECTION_START));
  if (marked.length) return marked.map(realPath);
  // Writing both would show the assistant the rules twice.
  if (IMPORTS_AGENTS.test(readFileSync(claude, "utf8"))) return [realPath(agents)];
  return present.map(realPath);
}

function realPath(file: string): string {
  return existsSync(file) ? realpathSync(file) : file;
}
