/**
 * What `init` prints: what it detected, the config it settled on and what it did to each file.
 * Paths are relative to the project so the output reads the same wherever the project sits.
 */
import { CONFIG_FILE } from "../../transforms/lib/config.js";
import { displayPath } from "../files.js";
import type { EnvRead } from "./code-scan.js";
import type { Detection, LibraryUse } from "./detect.js";
import type { InitResult } from "./index.js";
import { libraryLabel } from "./libraries.js";

const LABEL_WIDTH = 20;
const MAX_SITES = 3;

/** What init found, shown first (before the questions, when it asks any). */
export function renderDetection(detection: Detection, cwd: string): string {
  return [`Detected in ${displayPath(cwd, detection.root)}`, ...detectionLines(detection), ""].join("\n") + "\n";
}

/**
 * The printout for one init run; `cwd` decides how the project folder is named. Without
 * `withDetection` it starts at the config (the detection was shown before the questions).
 */
export function renderInit(result: InitResult, cwd: string, withDetection = true): string {
  const { detection, config, proposal } = result;
  const target = displayPath(cwd, detection.root);
  const lines = [`Config (${configSource(result)})`];
  lines.push(
    row("app", config.app),
    row("envVar", config.envVar),
    row("defaultTtlSeconds", String(config.defaultTtlSeconds)),
    row("lockTtlSeconds", String(config.lockTtlSeconds)),
    row("persistentKeys", config.persistentKeys.length ? config.persistentKeys.join(", ") : "none"),
    row("keyModule", `${config.keyModule}  (${proposal.keyModule.path === config.keyModule ? proposal.keyModule.reason : "answered"})`),
    row("clientModule", `${config.clientModule}  (${proposal.clientModule.path === config.clientModule ? proposal.clientModule.reason : "answered"})`),
    "",
    "Files",
    ...result.files.map((f) => `  ${f.action.padEnd(10)}${displayPath(detection.root, f.path)}  ${f.what}`),
    "",
    `Next: npx redis-codemods all ${target} --dry`,
  );
  return (withDetection ? renderDetection(detection, cwd) : "") + lines.join("\n") + "\n";
}

function configSource(result: InitResult): string {
  const kept = result.files.find((f) => f.action === "kept");
  return kept ? `${displayPath(result.detection.root, kept.path)} "redisCodemods"` : CONFIG_FILE;
}

function detectionLines(d: Detection): string[] {
  const libraries = d.libraries.length ? d.libraries.map(libraryLine) : ["none declared in package.json"];
  return [
    ...libraries.map((text, i) => row(i === 0 ? "client library" : "", text)),
    row("language", `${d.typescript ? "TypeScript" : "JavaScript"} (source files: ${d.files.ts} TypeScript, ${d.files.js} JavaScript)`),
    row("module system", `${d.esm ? "ESM" : "CommonJS"} (${d.moduleSource})`),
    row("module resolution", resolutionText(d)),
    row("source root", d.sourceRoot === "." ? ". (no src/)" : `${d.sourceRoot}/`),
    row("shared client", d.clientModules.length ? d.clientModules.map(clientModuleText).join("; ") : "none found"),
    row("key helper", d.keyHelpers.length ? d.keyHelpers.map((h) => `${h.path} exports ${h.name}(${h.params})`).join("; ") : "none found"),
    row("Redis URL env", d.redisUrlEnv.length ? d.redisUrlEnv.map(envText).join("; ") : connectionFallback(d)),
    row("environment name", d.envName ? envText(d.envName) : "no APP_ENV/NODE_ENV-like variable read; NODE_ENV assumed"),
  ];
}

function libraryLine(library: LibraryUse): string {
  const where = library.scope === "." ? "package.json" : `${library.scope}/package.json`;
  const installed = library.installed ? `, ${library.installed} installed` : "";
  return `${libraryLabel(library)}  (${library.package} ${library.range} in ${where}${installed})`;
}

function resolutionText(d: Detection): string {
  const tsconfig = [d.tsModule && `module ${d.tsModule}`, d.moduleResolution && `moduleResolution ${d.moduleResolution}`].filter(Boolean).join(", ");
  const imports = d.explicitExtension ? "relative imports end in .js" : "relative imports without extension";
  return tsconfig ? `${imports} (tsconfig ${tsconfig})` : imports;
}

function clientModuleText(m: Detection["clientModules"][number]): string {
  const how = m.wholeModule ? "module.exports" : [...m.named, ...(m.hasDefault ? ["default"] : [])].join(", ");
  return `${m.path} exports ${how}, imported by ${m.importers} file${m.importers === 1 ? "" : "s"}`;
}

function envText(read: EnvRead): string {
  const shown = read.sites.slice(0, MAX_SITES).join(", ");
  const more = read.sites.length > MAX_SITES ? `, +${read.sites.length - MAX_SITES} more` : "";
  return `${read.name} (${shown}${more})`;
}

function connectionFallback(d: Detection): string {
  if (!d.connectionEnv.length) return "none read where clients are built";
  return `no URL variable; clients read ${d.connectionEnv.map((e) => e.name).join(", ")}`;
}

function row(label: string, value: string): string {
  return `  ${label.padEnd(LABEL_WIDTH)}${value}`;
}
