/**
 * `redis-codemods inspect`: what the client model sees in each file — clients and how they were
 * proven, command calls with their key arguments, and receivers that only look like clients.
 */
import { resolve } from "node:path";
import { loadConfig } from "../transforms/lib/config.js";
import { fallbackParser, isParseError, jscodeshiftFor, parserForPath } from "../transforms/lib/parser.js";
import { analyzeClients, keyArgumentsOf, type RedisModel } from "../transforms/lib/redis/clients.js";
import { buildProjectIndex, type ProjectIndex } from "../transforms/lib/redis/project.js";
import { discoverFiles, displayPath, readSource } from "./files.js";

export const INSPECT_VERSION = 1;

export interface InspectOptions {
  paths: string[];
  cwd?: string;
  configFile?: string;
  extensions?: string[];
  ignorePatterns?: string[];
}

export interface InspectedFile {
  path: string;
  clients: Array<{ name: string; line: number; flavour: string; major?: number; cluster: boolean; proof: string }>;
  commands: Array<{ line: number; column: number; command: string; method: string; form: string; flavour: string; inTransaction: boolean; keys: string[]; keysComplete: boolean }>;
  possibleClients: Array<{ line: number; column: number; receiver: string; method: string; reason: string }>;
}

export interface Inspection {
  version: typeof INSPECT_VERSION;
  files: InspectedFile[];
  errors: Array<{ path: string; reason: string }>;
  summary: { files: number; clients: number; commands: number; possibleClients: number };
}

/** Inspects every discovered file; files where the model sees nothing are left out. */
export async function inspect(options: InspectOptions): Promise<Inspection> {
  const cwd = options.cwd ?? process.cwd();
  const config = loadConfig(resolve(cwd, options.paths[0] ?? "."), { configFile: options.configFile && resolve(cwd, options.configFile) });
  const files = await discoverFiles({ paths: options.paths, cwd, root: config.root, extensions: options.extensions, ignorePatterns: options.ignorePatterns });
  const project = buildProjectIndex(config.root);
  const inspected: InspectedFile[] = [];
  const errors: Inspection["errors"] = [];
  for (const file of files) {
    const read = readSource(file, config.root);
    if (!read.ok) continue;
    try {
      const entry = inspectSource(file, read.source.text, project, config.client);
      if (entry.clients.length || entry.commands.length || entry.possibleClients.length) inspected.push({ ...entry, path: displayPath(cwd, file) });
    } catch (error) {
      errors.push({ path: displayPath(cwd, file), reason: (error as Error).message.split("\n")[0] });
    }
  }
  return {
    version: INSPECT_VERSION,
    files: inspected,
    errors,
    summary: {
      files: files.length,
      clients: sum(inspected, (f) => f.clients.length),
      commands: sum(inspected, (f) => f.commands.length),
      possibleClients: sum(inspected, (f) => f.possibleClients.length),
    },
  };
}

/** The model's view of one source text. */
export function inspectSource(file: string, text: string, project: ProjectIndex, configuredClient = "auto"): InspectedFile {
  const model = modelOf(file, text, project, configuredClient);
  return {
    path: file,
    clients: model.clientSites().map((s) => ({ name: s.name, line: s.line, ...s.client })),
    commands: model.commandCalls().map((c) => {
      const keys = keyArgumentsOf(c);
      const at = (c.path.node.callee.property ?? c.path.node).loc?.start;
      return {
        line: at?.line ?? 0,
        column: (at?.column ?? 0) + 1,
        command: c.command,
        method: c.method,
        form: c.form,
        flavour: c.client.flavour,
        inTransaction: c.inTransaction,
        keys: keys.keys.map((k: unknown) => sourceOf(text, k)),
        keysComplete: keys.complete,
      };
    }),
    possibleClients: model.possibleClients().map((p) => ({
      line: p.path.node.loc?.start.line ?? 0,
      column: (p.path.node.loc?.start.column ?? 0) + 1,
      receiver: p.receiver,
      method: p.method,
      reason: p.reason,
    })),
  };
}

function modelOf(file: string, text: string, project: ProjectIndex, configuredClient: string): RedisModel {
  const primary = parserForPath(file);
  try {
    const j = jscodeshiftFor(primary);
    return analyzeClients(j, j(text), file, project, configuredClient);
  } catch (error) {
    const fallback = fallbackParser(file, primary);
    if (!fallback || !isParseError(error)) throw error;
    const j = jscodeshiftFor(fallback);
    return analyzeClients(j, j(text), file, project, configuredClient);
  }
}

function sourceOf(text: string, node: any): string {
  return typeof node?.start === "number" && typeof node?.end === "number" ? text.slice(node.start, node.end) : "?";
}

function sum<T>(items: T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}
