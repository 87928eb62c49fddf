#!/usr/bin/env node
/**
 * The script behind action.yml: runs redis-codemods on the files a pull request changed (`--since`
 * the PR base), then — from that one JSON report — writes the markdown job summary, prints
 * annotations, writes SARIF, posts the review with suggestions (mode `suggest`), and sets the
 * exit code per `fail-on`. Inputs arrive as INPUT_* environment variables (see action.yml).
 */
import { spawnSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = join(ROOT, "dist", "src", "cli.js");
const MODES = ["check", "suggest", "fix"];
const FAIL_ON = ["changes", "findings", "never"];
const API_TIMEOUT_MS = 30_000;

/** Thrown for problems that stop the action before a report exists (exit 2). */
class ActionError extends Error {}

process.exitCode = await main(process.env).catch((error) => {
  const message = error instanceof ActionError ? error.message : (error?.stack ?? String(error));
  process.stdout.write(`::error title=redis-codemods::${escapeData(message)}\n`);
  return 2;
});

/** Runs the action; resolves to the exit code. */
async function main(env) {
  const inputs = readInputs(env);
  const event = readEvent(env.GITHUB_EVENT_PATH);
  const since = baseRef(inputs, event, env);
  const report = runCodemods(inputs, since);
  const { render } = await import(new URL("../../dist/src/report/index.js", import.meta.url).href);
  writeSummary(env, render(report, "markdown", false));
  process.stdout.write(render(report, "github", false));
  const files = writeFiles(env, inputs, report, render);
  setOutputs(env, { "sarif-file": files.sarif, "report-file": files.report, changed: report.summary.changed + report.summary.created, findings: report.summary.findings, "needs-review": report.summary.needsReview });
  if (inputs.mode === "suggest") await postReview(env, event, report, JSON.parse(render(report, "github-review", false)));
  const code = exitCode(report, inputs.failOn);
  log(`${report.summary.changed} files ${inputs.mode === "fix" ? "changed" : "would change"}, ${report.summary.created} generated modules, ${report.summary.needsReview} findings need review, ${report.summary.errors} errors → exit ${code} (fail-on: ${inputs.failOn})`);
  return code;
}

/** The action inputs, validated. */
function readInputs(env) {
  const input = (name, fallback = "") => (env[`INPUT_${name}`] ?? "").trim() || fallback;
  const inputs = {
    transforms: input("TRANSFORMS", "all"),
    paths: input("PATHS", ".").split(/\s+/).filter(Boolean),
    mode: input("MODE", "check"),
    failOn: input("FAIL_ON", "changes"),
    ttl: input("TTL"),
    config: input("CONFIG"),
    since: input("SINCE"),
    changedLinesOnly: input("CHANGED_LINES_ONLY", "false") === "true",
    sarifFile: input("SARIF_FILE"),
  };
  if (!MODES.includes(inputs.mode)) throw new ActionError(`input mode must be one of ${MODES.join(", ")}, got "${inputs.mode}"`);
  if (!FAIL_ON.includes(inputs.failOn)) throw new ActionError(`input fail-on must be one of ${FAIL_ON.join(", ")}, got "${inputs.failOn}"`);
  if (inputs.ttl && !/^[1-9]\d*$/.test(inputs.ttl)) throw new ActionError(`input ttl must be a positive number of seconds, got "${inputs.ttl}"`);
  return inputs;
}

/** The webhook payload of the run's event (empty outside a workflow). */
function readEvent(path) {
  if (!path || !existsSync(path)) return {};
  return JSON.parse(readFileSync(path, "utf8"));
}

/** What to pass to --since: the `since` input, the PR's base commit, or the base branch; none on a push. */
function baseRef(inputs, event, env) {
  if (inputs.since) return inputs.since;
  if (event.pull_request?.base?.sha) return event.pull_request.base.sha;
  if (env.GITHUB_BASE_REF) return `origin/${env.GITHUB_BASE_REF}`;
  log("no pull request base found (not a pull_request event): checking every file under the given paths");
  return undefined;
}

/** Runs the CLI once for the JSON report every output is rendered from. */
function runCodemods(inputs, since) {
  if (!existsSync(CLI)) throw new ActionError(`${CLI} is missing: build redis-codemods first (npm ci in ${ROOT})`);
  const args = [inputs.transforms, ...inputs.paths, "--format", "json"];
  if (inputs.mode !== "fix") args.push("--check");
  if (since) args.push("--since", since);
  if (since && inputs.changedLinesOnly) args.push("--changed-lines-only");
  if (inputs.ttl) args.push("--ttl", inputs.ttl);
  if (inputs.config) args.push("--config", inputs.config);
  log(`redis-codemods ${args.join(" ")}`);
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", maxBuffer: 1024 ** 3, env: { ...process.env, NO_COLOR: "1" } });
  process.stderr.write(result.stderr ?? "");
  try {
    return JSON.parse(result.stdout);
  } catch {
    throw new ActionError(`redis-codemods failed (exit ${result.status}): ${(result.stderr || result.error?.message || "no output").trim()}`);
  }
}

/** Appends the markdown report to the job summary. */
function writeSummary(env, markdown) {
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, markdown);
}

/** Writes the SARIF log and the JSON report outside the work tree (a `fix` commit must not pick them up). */
function writeFiles(env, inputs, report, render) {
  const temp = env.RUNNER_TEMP || tmpdir();
  const sarif = resolve(inputs.sarifFile || join(temp, "redis-codemods.sarif"));
  const json = join(temp, "redis-codemods-report.json");
  mkdirSync(dirname(sarif), { recursive: true });
  writeFileSync(sarif, render(report, "sarif", false));
  writeFileSync(json, JSON.stringify(report, null, 2) + "\n");
  return { sarif, report: json };
}

/** Step outputs, through the $GITHUB_OUTPUT file. */
function setOutputs(env, outputs) {
  if (!env.GITHUB_OUTPUT) return;
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([key, value]) => `${key}=${value}\n`).join(""));
}

/** Posts the review with suggestions; a failure is a warning, since annotations and the summary already tell the story. */
async function postReview(env, event, report, review) {
  const number = event.pull_request?.number;
  if (!number) return log("mode suggest: not a pull_request event, no review posted");
  if (!review.comments.length && !report.summary.changed && !report.summary.created && !report.summary.findings && !report.summary.errors) {
    return log("mode suggest: nothing to suggest, no review posted");
  }
  if (!env.GITHUB_TOKEN) return warn("mode suggest: no token (input github-token), no review posted");
  const headSha = event.pull_request?.head?.sha;
  const body = { ...review, ...(headSha && headSha === currentCommit() ? { commit_id: headSha } : {}) };
  if (headSha && !body.commit_id) warn("the checkout is not the PR head commit, so suggestion lines may be off: check out github.event.pull_request.head.sha (see docs/pr-bot.md)");
  const url = `${(env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, "")}/repos/${env.GITHUB_REPOSITORY}/pulls/${number}/reviews`;
  try {
    const response = await globalThis.fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${env.GITHUB_TOKEN}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "content-type": "application/json", "user-agent": "redis-codemods-action" },
      body: JSON.stringify(body),
      signal: globalThis.AbortSignal.timeout(API_TIMEOUT_MS),
    });
    const text = await response.text();
    if (!response.ok) return warn(`could not post the review (HTTP ${response.status}): ${text.slice(0, 500)}${response.status === 403 ? " — pull requests from forks get a read-only token" : ""}`);
    log(`posted a review with ${review.comments.length} suggestion(s)${safeJson(text)?.html_url ? `: ${safeJson(text).html_url}` : ""}`);
  } catch (error) {
    warn(`could not post the review: ${error.message}`);
  }
}

/**
 * `fail-on` as an exit code: `changes` fails when a file would change (or, in fix mode, changed)
 * or a generated module would be written; `findings` also when a finding needs review; files
 * that could not be processed fail both with 2; `never` always passes.
 */
function exitCode(report, failOn) {
  const s = report.summary;
  if (failOn === "never") return 0;
  if (s.errors) return 2;
  if (s.changed || s.created) return 1;
  return failOn === "findings" && s.needsReview ? 1 : 0;
}

function currentCommit() {
  const result = spawnSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

function safeJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function log(message) {
  process.stdout.write(`redis-codemods: ${message}\n`);
}

function warn(message) {
  process.stdout.write(`::warning title=redis-codemods::${escapeData(message)}\n`);
}

/** Workflow-command message escaping (the same rules as src/report/github.ts). */
function escapeData(text) {
  return String(text).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
