/**
 * `redis-codemods init [dir]`: detect the project, settle the config (detected values, an existing
 * config's values, or the user's answers), then write the config, the rules section for coding
 * assistants and optionally a CI workflow. Every refusal is decided before the first write.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { CONFIG_FILE, type ResolvedConfig } from "../../transforms/lib/config.js";
import { displayPath, UsageError, writeAtomic } from "../files.js";
import { agentsFilesFor } from "./agents-files.js";
import { proposeConfig, readExistingConfig, serializeConfig, validateConfig, type ConfigProposal, type ConfigValues, type ExistingConfig } from "./config-file.js";
import { detectProject, type Detection } from "./detect.js";
import { askConfig, type Prompter } from "./prompts.js";
import { renderDetection } from "./render.js";
import { renderRulesSection, upsertSection } from "./rules-section.js";
import { renderWorkflow, WORKFLOW_PATH } from "./workflow.js";

export interface InitOptions {
  dir: string;
  /** Replace an existing config or workflow that differs from what init would write. */
  force?: boolean;
  /** Write the rules section here instead of CLAUDE.md / AGENTS.md (relative to the project). */
  agentsFile?: string;
  ci?: "github";
  /** Asks the questions; absent for `--yes` and when stdin is not a terminal. */
  prompter?: Prompter;
}

export type WriteAction = "created" | "updated" | "added" | "unchanged" | "kept";

export interface PlannedFile {
  /** Absolute path. */
  path: string;
  what: string;
  action: WriteAction;
  content?: string;
}

export interface InitResult {
  detection: Detection;
  proposal: ConfigProposal;
  config: ResolvedConfig;
  files: PlannedFile[];
}

/** Runs init and returns what it found and wrote. */
export async function init(options: InitOptions): Promise<InitResult> {
  const root = resolve(options.dir);
  if (!statSync(root, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`not a folder: ${options.dir}`);
  const detection = await detectProject(root);
  const existing = readExistingConfig(root);
  if (existing?.error && !options.force) {
    throw new UsageError(`${displayPath(root, existing.path)}: ${existing.error}\nFix it, or pass --force to replace it with the detected values.`);
  }
  const proposal = proposeConfig(detection, existing?.values);
  // A config kept in package.json is not rewritten, so there is nothing to ask.
  if (options.prompter && existing?.kind !== "package.json") {
    options.prompter.say(renderDetection(detection, process.cwd()));
    proposal.values = await askConfig(options.prompter, proposal.values, root);
    options.prompter.say("");
  }
  const config = validateConfig(root, proposal.values);

  const configPlan = configFile(root, existing, proposal.values, options.force);
  const workflowPlan = options.ci === "github" ? plainFile(root, join(root, WORKFLOW_PATH), renderWorkflow(root), "GitHub workflow running the check", options.force) : undefined;
  const workflow = workflowPlan || existsSync(join(root, WORKFLOW_PATH)) ? WORKFLOW_PATH : undefined;
  const section = renderRulesSection({ detection, config, workflow });
  const sectionPlans = agentsFilesFor(root, options.agentsFile).map((file) => sectionFile(root, file, section));
  const files = [configPlan, ...sectionPlans, ...(workflowPlan ? [workflowPlan] : [])];

  // Only files that change carry content.
  for (const file of files) if (file.content !== undefined) writeAtomic(file.path, file.content);
  return { detection, proposal, config, files };
}

/** The config file: kept when it lives in package.json, refused when it differs and --force is absent. */
function configFile(root: string, existing: ExistingConfig | undefined, values: ConfigValues, force?: boolean): PlannedFile {
  if (existing?.kind === "package.json" && !existing.error) {
    // init never rewrites package.json; the "redisCodemods" field there stays the config.
    return { path: existing.path, what: '"redisCodemods" config (kept; init does not edit package.json)', action: "kept" };
  }
  const planned = plainFile(root, join(root, CONFIG_FILE), serializeConfig(values), "config", true);
  if (planned.action === "updated" && !force) {
    const changed = changedFields(existing?.values, values);
    throw new UsageError(
      `${CONFIG_FILE} already exists and differs from what init would write${changed.length ? ` (${changed.join(", ")})` : " (formatting)"}.\n` +
        "init never overwrites it: pass --force to rewrite it (its values are kept, detected values fill the missing fields).",
    );
  }
  return planned;
}

/** The fields an existing config would gain or change (`keyModule added`, `app`). */
function changedFields(before: ConfigValues | undefined, after: ConfigValues): string[] {
  const fields = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after)])];
  return fields.filter((f) => JSON.stringify(before?.[f]) !== JSON.stringify(after[f])).map((f) => (before && f in before ? f : `${f} added`));
}

/** A whole file init owns: created, unchanged, or replaced only with --force. */
function plainFile(root: string, path: string, content: string, what: string, force?: boolean): PlannedFile {
  const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  if (current === undefined) return { path, what, action: "created", content };
  if (current === content) return { path, what, action: "unchanged" };
  if (!force) throw new UsageError(`${displayPath(root, path)} already exists and differs from what init would write; pass --force to replace it.`);
  return { path, what, action: "updated", content };
}

/** A CLAUDE.md / AGENTS.md whose rules section is added or replaced in place. */
function sectionFile(root: string, path: string, section: string): PlannedFile {
  const current = existsSync(path) ? readFileSync(path, "utf8") : undefined;
  let update;
  try {
    update = upsertSection(current, section, displayPath(root, path));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const what = "Redis rules section";
  return update.action === "unchanged" ? { path, what, action: "unchanged" } : { path, what, action: update.action, content: update.text };
}
