#!/usr/bin/env node
/**
 * `npm run bench:monorepo -- --mirrors DIR`: times `redis-codemods all --dry` on a real public
 * TypeScript monorepo that has a Redis module, against ast-grep scanning the same tree with three
 * shallow rules and against the read-only floor. Runs are alternated (floor, ast-grep, ours) and
 * each figure is the median of `--runs`. `--scale 4` also times a tree of four copies of the
 * monorepo (growth), and a `--since` run on a 10-file change.
 *
 * The monorepo is not part of this project: it comes from a mirror of the public repository
 * (a bare git directory, e.g. DIR/novuhq+novu/repo), extracted at the pinned commit into a
 * temporary folder outside the project.
 *
 *   node bench/monorepo.mjs --mirrors DIR [--runs 3] [--scale 4] [--jobs N]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const MONOREPO = { repo: "novuhq/novu", commit: "74a2e9a6a295cd5a17aa9806914b4574fecce737" };
const REPO = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(REPO, "dist", "src", "cli.js");
const AST_GREP = join(REPO, "node_modules", ".bin", "ast-grep");
const WORK = join(tmpdir(), "redis-codemods-monorepo");

const { values } = parseArgs({
  options: {
    mirrors: { type: "string" },
    runs: { type: "string", default: "3" },
    scale: { type: "string", default: "0" },
    jobs: { type: "string" },
  },
});

/** Runs a command under GNU time; returns wall seconds, peak RSS in MB and the exit status. */
function measure(command, args, cwd) {
  const timing = join(WORK, "time.txt");
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", timing, command, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 1 << 30,
    env: { ...process.env, NO_COLOR: "1" },
  });
  const [seconds, kb] = readFileSync(timing, "utf8").trim().split("\n").pop().split(" ").map(Number);
  return { seconds, rssMb: kb / 1024, status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function median(numbers) {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function git(cwd, ...args) {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "pipe"] });
}

/** The pinned commit, extracted once and committed in a fresh repository (the CLI lists files with git). */
function extract(mirrors) {
  const mirror = join(mirrors, MONOREPO.repo.replace("/", "+"), "repo");
  if (!existsSync(mirror)) throw new Error(`no mirror at ${mirror}: fetch github:${MONOREPO.repo} first`);
  const dir = join(WORK, `${MONOREPO.repo.replace("/", "+")}-${MONOREPO.commit.slice(0, 8)}`);
  if (existsSync(join(dir, ".git"))) return dir;
  mkdirSync(dir, { recursive: true });
  execFileSync("sh", ["-c", `git --git-dir="${mirror}" archive ${MONOREPO.commit} | tar -x -C "${dir}"`]);
  commitAll(dir);
  return dir;
}

function commitAll(dir) {
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "-c", "user.email=bench@localhost", "-c", "user.name=bench", "commit", "-qm", "snapshot");
}

/** Three shallow rules, one per language ast-grep needs for the tree: KEYS calls, `new Redis()`, bare SETs. */
function astGrepConfig() {
  const dir = join(WORK, "ast-grep");
  mkdirSync(join(dir, "rules"), { recursive: true });
  writeFileSync(join(dir, "sgconfig.yml"), "ruleDirs: [rules]\n");
  const patterns = { keys: "$C.keys($P)", "new-client": "new Redis($$$A)", "bare-set": "$C.set($K, $V)" };
  for (const language of ["TypeScript", "Tsx", "JavaScript"]) {
    for (const [id, pattern] of Object.entries(patterns)) {
      writeFileSync(join(dir, "rules", `${id}-${language}.yml`), `id: ${id}-${language}\nlanguage: ${language}\nrule:\n  pattern: "${pattern}"\n`);
    }
  }
  return join(dir, "sgconfig.yml");
}

/** A tree of `copies` copies of the monorepo, for the growth figure. */
function scaled(dir, copies) {
  const out = join(WORK, `scaled-${copies}`);
  if (existsSync(join(out, ".git"))) return out;
  for (let i = 1; i <= copies; i++) cpSync(dir, join(out, `copy${i}`), { recursive: true, filter: (p) => !p.endsWith("/.git") });
  commitAll(out);
  return out;
}

function timeTree(dir, runs, jobsArgs) {
  const sgConfig = astGrepConfig();
  const samples = { floor: [], astGrep: [], ours: [] };
  let report;
  for (let i = 0; i < runs; i++) {
    samples.floor.push(measure(process.execPath, [join(REPO, "bench", "read-floor.mjs"), dir], dir));
    samples.astGrep.push(measure(AST_GREP, ["scan", "-c", sgConfig, "--json=compact", "."], dir));
    const ours = measure(process.execPath, [CLI, "all", ".", "--dry", "--format", "json", ...jobsArgs], dir);
    if (ours.status !== 0) console.warn(`  ! redis-codemods exited ${ours.status}: ${ours.stderr.split("\n").slice(-3).join(" ")}`);
    samples.ours.push(ours);
    report = ours.stdout;
  }
  const summarise = (list) => ({ seconds: median(list.map((m) => m.seconds)), rssMb: Math.max(...list.map((m) => m.rssMb)) });
  let summary;
  try {
    summary = JSON.parse(report).summary;
  } catch {
    summary = undefined;
  }
  return { floor: summarise(samples.floor), astGrep: summarise(samples.astGrep), ours: summarise(samples.ours), summary };
}

/** `all --dry --since HEAD` after touching 10 Redis-free files: the PR-bot case. */
function timeSince(dir, jobsArgs) {
  const files = git(dir, "ls-files", "*.ts").split("\n").filter(Boolean).slice(0, 10);
  for (const file of files) appendFileSync(join(dir, file), "\n// touched\n");
  try {
    return measure(process.execPath, [CLI, "all", ".", "--dry", "--since", "HEAD", ...jobsArgs], dir);
  } finally {
    git(dir, "checkout", "--", ...files);
  }
}

function row(label, m, base) {
  return `| ${label} | ${m.seconds.toFixed(2)} | ${m.rssMb.toFixed(0)} | ${(m.seconds / base.seconds).toFixed(2)}x |`;
}

function main() {
  if (!values.mirrors) throw new Error("usage: node bench/monorepo.mjs --mirrors DIR [--runs 3] [--scale 4]");
  if (!existsSync(CLI)) throw new Error("build first: npm run build");
  mkdirSync(WORK, { recursive: true });
  const runs = Number(values.runs);
  const jobsArgs = values.jobs ? ["--jobs", values.jobs] : [];
  const dir = extract(values.mirrors);
  const files = Number(execFileSync(process.execPath, [join(REPO, "bench", "read-floor.mjs"), dir, "--count"], { encoding: "utf8" }).trim());
  console.log(`# Monorepo benchmark: ${MONOREPO.repo} @ ${MONOREPO.commit.slice(0, 12)}, ${files} source files\n`);
  console.log(`${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}, median of ${runs}, ${values.jobs ?? availableParallelism()} jobs\n`);
  const t = timeTree(dir, runs, jobsArgs);
  console.log("| run | wall s | peak RSS MB | × ast-grep |\n| --- | ---: | ---: | ---: |");
  console.log(row("read-only floor (list + read every file)", t.floor, t.astGrep));
  console.log(row("ast-grep scan, 3 shallow rules", t.astGrep, t.astGrep));
  console.log(row("redis-codemods all --dry", t.ours, t.astGrep));
  console.log("");
  console.log(`- redis-codemods / ast-grep: **${(t.ours.seconds / t.astGrep.seconds).toFixed(2)}x** (goal ≤ 1)`);
  console.log(`- redis-codemods / read floor: **${(t.ours.seconds / t.floor.seconds).toFixed(2)}x** (goal ≤ 3)`);
  console.log(`- redis-codemods peak RSS: **${t.ours.rssMb.toFixed(0)} MB** (goal ≤ 200)`);
  if (t.summary) console.log(`- report: ${t.summary.changed} files would change, ${t.summary.fixed} sites fixed, ${t.summary.needsReview} need review, ${t.summary.errors} errors`);
  const since = timeSince(dir, jobsArgs);
  console.log(`- \`--since HEAD\` with 10 changed files: **${since.seconds.toFixed(2)} s** (goal < 1 s)`);
  const copies = Number(values.scale);
  if (copies > 1) {
    const big = timeTree(scaled(dir, copies), Math.max(1, runs - 2), jobsArgs);
    console.log(`- ${copies}x the files: ${big.ours.seconds.toFixed(2)} s, **${(big.ours.seconds / t.ours.seconds).toFixed(2)}x** the time (goal ≤ ${(copies * 1.1).toFixed(1)}x), peak RSS ${big.ours.rssMb.toFixed(0)} MB`);
  }
}

main();
