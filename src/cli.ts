#!/usr/bin/env node
/**
 * The command line: parse arguments, call the programmatic API, render, set the exit code.
 * Nothing else lives here.
 */
import yargs, { type Argv } from "yargs";
import { hideBin } from "yargs/helpers";
import { ConfigError, loadConfig } from "../transforms/lib/config.js";
import { transforms } from "../transforms/registry.js";
import { UsageError } from "./files.js";
import { inspect } from "./inspect.js";
import { init } from "./init/index.js";
import { streamPrompter } from "./init/prompts.js";
import { renderInit } from "./init/render.js";
import { FORMATS, render, type Format } from "./report/index.js";
import { exitCodeOf } from "./report/model.js";
import { renderInspection } from "./report/inspect.js";
import { mergeReports } from "./merge-reports.js";
import { formatMigrateKeysResult, migrateKeys } from "./migrate-keys.js";
import { createProgress } from "./progress.js";
import { DirtyTreeError, run } from "./run.js";
import { changesSince } from "./since.js";
import { renderRules } from "./rules.js";
import { toolVersion } from "./version.js";

process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

const useColor = (): boolean => !process.env.NO_COLOR && (Boolean(process.env.FORCE_COLOR) || Boolean(process.stdout.isTTY));

function write(text: string): void {
  process.stdout.write(text);
}

function fail(error: unknown): void {
  const known = error instanceof UsageError || error instanceof ConfigError || error instanceof DirtyTreeError;
  process.stderr.write(`redis-codemods: ${known ? (error as Error).message : (error as Error)?.stack ?? String(error)}\n`);
  if (error instanceof DirtyTreeError) process.stderr.write(error.changes.slice(0, 10).map((c) => `  ${c}\n`).join(""));
  process.exitCode = 2;
}

function fileSelection(y: Argv) {
  return y
    .option("config", { type: "string", describe: "config file (default: redis-codemods.config.json found upward, or package.json#redisCodemods)" })
    .option("extensions", { type: "string", describe: "comma-separated extensions to process", default: "ts,tsx,mts,cts,js,jsx,mjs,cjs" })
    .option("ignore-pattern", { type: "string", array: true, describe: "glob of files to skip (repeatable); .gitignore is always honoured" })
    .option("format", { choices: FORMATS, default: "pretty" as Format, describe: "report format on stdout" });
}

const cli = yargs(hideBin(process.argv))
  .scriptName("redis-codemods")
  .usage("$0 <transform|all>[,<transform>...] [paths..] [options]\n\nRewrite JavaScript/TypeScript code that misuses Redis.")
  .command(
    "list",
    "list the transforms, their rule and what they do",
    (y) => y.option("format", { choices: ["pretty", "json"] as const, default: "pretty" as const }),
    (argv) => {
      const rows = transforms.map((t) => ({ id: t.meta.id, rule: t.meta.rule, title: t.meta.title, description: t.meta.description }));
      write(argv.format === "json" ? JSON.stringify(rows, null, 2) + "\n" : rows.map((r) => `${r.id.padEnd(16)} ${r.rule}  ${r.description}`).join("\n") + "\n");
    },
  )
  .command(
    "init [dir]",
    "detect the project, write redis-codemods.config.json and the Redis rules section for coding assistants",
    (y) =>
      y
        .positional("dir", { type: "string", default: ".", describe: "project folder" })
        .option("yes", { alias: "y", type: "boolean", describe: "accept the detected values without asking (also when stdin is not a terminal)" })
        .option("force", { type: "boolean", describe: "replace an existing config or workflow that differs from what init would write" })
        .option("agents-file", { type: "string", describe: "write the rules section to this file (relative to the project) instead of CLAUDE.md / AGENTS.md" })
        .option("ci", { choices: ["github"] as const, describe: "also write a CI workflow that runs the check on pull requests" }),
    async (argv) => {
      const interactive = !argv.yes && process.stdin.isTTY && process.stdout.isTTY;
      const prompter = interactive ? streamPrompter(process.stdin, process.stdout) : undefined;
      try {
        const result = await init({ dir: argv.dir as string, force: argv.force, agentsFile: argv.agentsFile, ci: argv.ci, prompter });
        write(renderInit(result, process.cwd(), !prompter));
      } catch (error) {
        fail(error);
      } finally {
        prompter?.close();
      }
    },
  )
  .command(
    "rules",
    "the four rules: why, and what each transform does",
    (y) => y.option("format", { choices: ["pretty", "json"] as const, default: "pretty" as const }),
    (argv) => write(renderRules(argv.format)),
  )
  .command(
    "inspect [paths..]",
    "show what the client model sees: clients, command calls with their key arguments, possible clients",
    (y) => fileSelection(y).positional("paths", { type: "string", array: true, default: ["."] }),
    async (argv) => {
      try {
        const result = await inspect({ paths: argv.paths as string[], configFile: argv.config, extensions: splitList(argv.extensions), ignorePatterns: argv.ignorePattern });
        write(argv.format === "json" ? JSON.stringify(result, null, 2) + "\n" : renderInspection(result, useColor()));
        if (result.errors.length) process.exitCode = 2;
      } catch (error) {
        fail(error);
      }
    },
  )
  .command(
    "migrate-keys",
    "move existing data to the namespaced key names of a report's key migration plan (dry unless --execute)",
    (y) =>
      y
        .option("plan", { type: "string", demandOption: true, describe: "a JSON report (--format json) carrying the key migration plan" })
        .option("url", { type: "string", describe: "redis:// or rediss:// URL (default: $REDIS_URL)" })
        .option("env", { type: "string", describe: "the environment name that replaces {env} (default: the config's envVar variable)" })
        .option("execute", { type: "boolean", describe: "move the keys; without it nothing is changed" })
        .option("copy", { type: "boolean", describe: "copy instead of move, keeping the old keys (while old and new code both run)" })
        .option("config", { type: "string", describe: "config file" }),
    async (argv) => {
      try {
        const config = loadConfig(process.cwd(), { configFile: argv.config });
        const url = argv.url ?? process.env.REDIS_URL;
        const env = argv.env ?? process.env[config.envVar];
        if (!url) throw new UsageError("migrate-keys needs --url (or REDIS_URL)");
        if (!env) throw new UsageError(`migrate-keys needs --env or ${config.envVar} set: it is the {env} part of the new keys`);
        const result = await migrateKeys({ plan: argv.plan, url, env, execute: argv.execute, copy: argv.copy, scanCount: config.scanCount });
        write(formatMigrateKeysResult(result));
      } catch (error) {
        fail(error);
      }
    },
  )
  .command(
    "merge-reports <reports..>",
    "merge the JSON reports of --shard runs into one report",
    (y) =>
      y
        .positional("reports", { type: "string", array: true, describe: "JSON reports written with --shard i/n --format json" })
        .option("format", { choices: FORMATS, default: "json" as Format, describe: "format of the merged report" })
        .option("transform-module", { type: "string", array: true, describe: "custom transform modules the shards ran" }),
    async (argv) => {
      try {
        const report = await mergeReports({ files: argv.reports as string[], transformModules: argv.transformModule });
        write(render(report, argv.format as Format, useColor()));
        process.exitCode = exitCodeOf(report);
      } catch (error) {
        fail(error);
      }
    },
  )
  .command(
    "$0 <transforms> [paths..]",
    "apply transforms (comma-separated ids, or all)",
    (y) =>
      fileSelection(y)
        .positional("transforms", { type: "string", describe: `${transforms.map((t) => t.meta.id).join(", ")} or all` })
        .positional("paths", { type: "string", array: true, default: ["."], describe: "files or folders" })
        .option("dry", { type: "boolean", describe: "write nothing; print a unified diff per file that would change" })
        .option("check", { type: "boolean", describe: "write nothing; exit 1 if any file would change (CI)" })
        .option("print", { type: "boolean", describe: "write nothing; print the transformed sources" })
        .option("ttl", { type: "number", describe: "default TTL in seconds (overrides config defaultTtlSeconds)" })
        .option("app", { type: "string", describe: "application name for key namespaces (overrides config app)" })
        .option("env-var", { type: "string", describe: "environment variable holding the environment name (overrides config envVar)" })
        .option("jobs", { type: "number", describe: "worker threads (default: CPUs)" })
        .option("force", { type: "boolean", describe: "run on a git tree with uncommitted changes" })
        .option("include-tests", { type: "boolean", describe: "also rewrite KEYS in test files" })
        .option("mark", { type: "boolean", describe: "leave a /* redis-codemods: <reason> */ marker at reported sites" })
        .option("since", { type: "string", describe: "only files changed since the merge base with this git ref (PR bot), e.g. origin/main" })
        .option("changed-lines-only", { type: "boolean", describe: "with --since: keep only findings and rewrites that touch changed lines" })
        .implies("changed-lines-only", "since")
        .option("shard", { type: "string", describe: "only the i-th of n deterministic slices of the files, e.g. 2/4 (CI matrices; merge with merge-reports)" })
        .conflicts("dry", ["check", "print"])
        .conflicts("check", "print"),
    async (argv) => {
      const mode = argv.print ? "print" : argv.check ? "check" : argv.dry ? "dry" : "write";
      const printed: string[] = [];
      const progress = createProgress();
      try {
        const report = await run({
          transforms: [argv.transforms as string],
          paths: argv.paths as string[],
          mode,
          configFile: argv.config,
          ttl: argv.ttl,
          app: argv.app,
          envVar: argv.envVar,
          extensions: splitList(argv.extensions),
          ignorePatterns: argv.ignorePattern,
          force: argv.force,
          includeTests: argv.includeTests,
          mark: argv.mark,
          jobs: argv.jobs,
          shard: parseShard(argv.shard),
          changes: argv.since === undefined ? undefined : changesSince(argv.since, (argv.paths as string[])[0] ?? "."),
          changedLinesOnly: argv.changedLinesOnly,
          onFile: (outcome, done, total) => {
            progress.onFile(outcome, done, total);
            if (mode === "print" && outcome.after !== undefined) printed.push(outcome.after);
          },
        });
        progress.done();
        if (mode === "print") write(printed.join("\n"));
        else write(render(report, argv.format as Format, useColor()));
        process.exitCode = exitCodeOf(report);
      } catch (error) {
        fail(error);
      }
    },
  )
  .example("$0 all . --dry", "show every change as a diff, write nothing")
  .example("$0 keys-to-scan src/", "replace KEYS with SCAN under src/")
  .example("$0 all . --check --format json", "CI: exit 1 when something would change")
  .example("$0 all . --since origin/main --check --format github", "PR bot: only files changed since the base branch, as annotations")
  .example("$0 inspect src/", "list the Redis clients and command calls the tool recognises")
  .example("$0 init --yes --ci github", "set a repo up: config, Redis rules in CLAUDE.md/AGENTS.md, CI workflow")
  .version(toolVersion())
  .alias("h", "help")
  .strict()
  // Throwing (rather than printing) stops yargs from running the command after a usage error.
  .fail((message, error) => {
    throw error ?? new UsageError(`${message}\nRun redis-codemods --help for usage.`);
  })
  .wrap(Math.min(110, process.stdout.columns || 100));

/** `2/4` → { index: 2, count: 4 }; anything else is a usage error. */
function parseShard(value: string | undefined): { index: number; count: number } | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes i/n with 1 <= i <= n, got "${value}"`);
  return { index, count };
}

function splitList(value: string | undefined): string[] | undefined {
  return value ? value.split(",").map((s) => s.trim()).filter(Boolean) : undefined;
}

try {
  await cli.parseAsync();
} catch (error) {
  fail(error);
}
