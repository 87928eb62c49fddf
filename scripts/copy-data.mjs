#!/usr/bin/env node
/**
 * Copies the transforms' data files (the generated Redis command table) into dist/ after `tsc`.
 * tsc already emits JSON modules it resolves; this keeps the build right if that ever changes and
 * also ships data files that are read rather than imported.
 */
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const DATA_DIRS = ["transforms/lib/redis"];

for (const dir of DATA_DIRS) {
  const from = join(root, dir);
  const to = join(root, "dist", dir);
  mkdirSync(to, { recursive: true });
  for (const file of readdirSync(from).filter((f) => f.endsWith(".json"))) copyFileSync(join(from, file), join(to, file));
}
