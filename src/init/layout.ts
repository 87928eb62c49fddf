/**
 * Where the generated key helper and shared client modules go. An existing module that already
 * does the job is reused; otherwise the first free path of a short list that fits the layout,
 * never one that clashes with an existing file (see docs/init.md "Where the modules go").
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { UsageError } from "../files.js";
import type { ClientModule, KeyHelper } from "./code-scan.js";
import type { Detection } from "./detect.js";

export interface ModuleChoice {
  path: string;
  /** One line on why this path, for the printout. */
  reason: string;
}

const SOURCE_EXTENSIONS = [".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs"];

/** The key helper module: an existing variadic `key(...)` export, else a free generated path. */
export function chooseKeyModule(detection: Detection): ModuleChoice {
  const helper = reusableKeyHelper(detection.keyHelpers);
  if (helper) return { path: helper.path, reason: `existing ${helper.name}(${helper.params}) helper` };
  return freePath(detection, "key");
}

/** The shared client module: an existing one that can take more named exports, else a free generated path. */
export function chooseClientModule(detection: Detection): ModuleChoice {
  const shared = extendableClientModule(detection.clientModules);
  if (shared) return { path: shared.path, reason: `existing shared client module, ${describeImporters(shared)}` };
  return freePath(detection, "client");
}

/**
 * Only a `key` export taking `...parts` can stand in for the generated helper: the transform
 * calls `key("cart", id, "items")` with any number of segments.
 */
export function reusableKeyHelper(helpers: KeyHelper[]): KeyHelper | undefined {
  return helpers.find((h) => h.name === "key" && h.variadic);
}

/**
 * A module whose whole `module.exports` is the client cannot gain a second export without turning
 * the client object into a bag of properties, so the transform gets a module of its own.
 */
export function extendableClientModule(modules: ClientModule[]): ClientModule | undefined {
  return modules.find((m) => !m.wholeModule);
}

function describeImporters(module: ClientModule): string {
  return module.importers === 1 ? "imported by 1 file" : `imported by ${module.importers} files`;
}

/**
 * First free candidate: `<src>/redis/<kind>`, unless a `<src>/redis.*` module exists (then
 * `./redis` and `./redis/…` would sit side by side), then `<src>/lib/redis-<kind>`, then
 * `<src>/redis-codemods/<kind>`. A candidate is taken when a file of the same stem exists in any
 * source extension, since `key.js` next to `key.ts` would shadow one another.
 */
function freePath(detection: Detection, kind: "key" | "client"): ModuleChoice {
  const ext = detection.typescript ? ".ts" : ".js";
  const base = detection.sourceRoot === "." ? "" : `${detection.sourceRoot}/`;
  const candidates = [
    { stem: `${base}redis/${kind}`, blocked: stemExists(detection.root, `${base}redis`), why: `${base}redis.* exists` },
    { stem: `${base}lib/redis-${kind}`, blocked: false, why: "" },
    { stem: `${base}redis-codemods/${kind}`, blocked: false, why: "" },
  ];
  const skipped: string[] = [];
  for (const candidate of candidates) {
    if (candidate.blocked) {
      skipped.push(`not ${candidate.stem}${ext}: ${candidate.why}`);
    } else if (stemExists(detection.root, candidate.stem)) {
      skipped.push(`not ${candidate.stem}${ext}: a file of that name exists`);
    } else {
      return { path: candidate.stem + ext, reason: ["to be generated", ...skipped].join("; ") };
    }
  }
  throw new UsageError(`no free path for the ${kind} module (tried ${candidates.map((c) => c.stem).join(", ")}); pass it in the config`);
}

function stemExists(root: string, stem: string): boolean {
  return SOURCE_EXTENSIONS.some((ext) => existsSync(join(root, stem + ext)));
}
