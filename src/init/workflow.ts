/**
 * `init --ci github`: a pull-request workflow that runs the rules check on the changed files and
 * annotates the diff (`--format github`). A plain run step, so it works without the composite action.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";

export const WORKFLOW_PATH = ".github/workflows/redis-codemods.yml";

/** The install command for the project's package manager, by its lockfile. */
function installStep(root: string): string[] {
  if (existsSync(join(root, "pnpm-lock.yaml"))) return ["      - run: corepack enable", "      - run: pnpm install --frozen-lockfile"];
  if (existsSync(join(root, "yarn.lock"))) return ["      - run: corepack enable", "      - run: yarn install --frozen-lockfile"];
  if (existsSync(join(root, "package-lock.json")) || existsSync(join(root, "npm-shrinkwrap.json"))) return ["      - run: npm ci"];
  return ["      - run: npm install --no-audit --no-fund"];
}

/** The workflow file's text. */
export function renderWorkflow(root: string): string {
  return [
    "# Written by `npx redis-codemods init --ci github`. Fails the pull request when changed files",
    "# break a Redis rule (see the Redis rules section of CLAUDE.md / AGENTS.md) and annotates the fix.",
    "name: redis-codemods",
    "on:",
    "  pull_request:",
    "permissions:",
    "  contents: read",
    "jobs:",
    "  redis-rules:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    "        with:",
    "          # --since needs the merge base with the pull request's base branch.",
    "          fetch-depth: 0",
    "      - uses: actions/setup-node@v4",
    "        with:",
    "          node-version: 20",
    // Installed dependencies pin the redis-codemods version and tell node-redis 4 from 5.
    ...installStep(root),
    "      - name: Redis rules",
    "        run: npx redis-codemods all . --check --since origin/${{ github.base_ref }} --format github",
    "",
  ].join("\n");
}
