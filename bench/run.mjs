#!/usr/bin/env node
/**
 * `npm run bench`: on the same generated trees, in one run, measures
 *   - a read-only floor (list and read every file),
 *   - `redis-codemods all --dry` with 1 job and with one job per core,
 *   - the same four transforms run one after another through the jscodeshift CLI,
 *   - ast-grep searching the same tree for one pattern (a parse-only reference),
 * and prints wall time, files/s, peak RSS and the ratios between them.
 *
 *   node bench/run.mjs [--files 1000,10000,50000] [--redis-ratio 0.02] [--dir PATH]
 *                      [--baseline-max 10000] [--seed 42]
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, tmpdir, totalmem } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateCorpus } from "./corpus.mjs";

const REPO = fileURLToPath(new URL("..", import.meta.url));
const WORK = join(REPO, ".bench");
// Outside the repository: the repo's .gitignore lists .bench/, and redis-codemods honours it.
const CORPORA = join(tmpdir(), "redis-codemods-bench");
const CLI = join(REPO, "dist", "src", "cli.js");
const JSCODESHIFT = join(REPO, "node_modules", "jscodeshift", "bin", "jscodeshift.js");
const AST_GREP = join(REPO, "node_modules", ".bin", "ast-grep");
const TRANSFORMS = ["shared-client", "keys-to-scan", "require-ttl", "namespace-keys"];
const PARSER_GROUPS = [
  { parser: "ts", extensions: "ts,mts,cts" },
  { parser: "tsx", extensions: "tsx,js,jsx,mjs,cjs" },
];

const { values } = parseArgs({
  options: {
    files: { type: "string", default: "1000,10000,50000" },
    "redis-ratio": { type: "string", default: "0.02" },
    dir: { type: "string" },
    "baseline-max": { type: "string", default: "20000" },
    seed: { type: "string", default: "42" },
  },
});

/** Runs a command under GNU time; returns wall seconds and peak RSS in MB. */
function measure(label, command, args, { stdout } = {}) {
  const timing = join(WORK, "time.txt");
  const result = spawnSync("/usr/bin/time", ["-f", "%e %M", "-o", timing, command, ...args], {
    cwd: REPO,
    encoding: "utf8",
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1" },
  });
  if (stdout) writeFileSync(stdout, result.stdout ?? "");
  const [seconds, kb] = readFileSync(timing, "utf8").trim().split("\n").pop().split(" ").map(Number);
  if (result.status !== 0 && result.status !== 1) console.warn(`  ! ${label} exited ${result.status}: ${(result.stderr ?? "").split("\n").slice(-3).join(" ")}`);
  return { label, seconds, rssMb: kb / 1024 };
}

/** Adds several measurements up: total time, highest peak. */
function combine(label, parts) {
  return { label, seconds: parts.reduce((s, p) => s + p.seconds, 0), rssMb: Math.max(...parts.map((p) => p.rssMb)) };
}

function ours(dir, jobs) {
  const out = join(WORK, `report-jobs${jobs}.json`);
  const m = measure(`redis-codemods all --dry --jobs ${jobs}`, process.execPath, [CLI, "all", dir, "--dry", "--format", "json", "--jobs", String(jobs)], { stdout: out });
  return { ...m, report: out };
}

function jscodeshiftRuns(dir) {
  const parts = [];
  for (const id of TRANSFORMS) {
    for (const group of PARSER_GROUPS) {
      parts.push(
        measure(`jscodeshift ${id} (${group.parser})`, process.execPath, [
          JSCODESHIFT, "-t", join(REPO, "dist", "transforms", `${id}.js`), `--parser=${group.parser}`, `--extensions=${group.extensions}`,
          "--dry", "--silent", "--ignore-pattern=**/node_modules/**", dir,
        ]),
      );
    }
  }
  return combine("jscodeshift CLI, 4 transforms", parts);
}

/** One parse-every-file transform through the jscodeshift CLI; four such transforms cost four times this. */
function parseOnlyRuns(dir) {
  const parts = PARSER_GROUPS.map((group) =>
    measure(`jscodeshift parse-only (${group.parser})`, process.execPath, [
      JSCODESHIFT, "-t", join(REPO, "bench", "parse-only.cjs"), `--parser=${group.parser}`, `--extensions=${group.extensions}`,
      "--dry", "--silent", "--ignore-pattern=**/node_modules/**", dir,
    ]),
  );
  const one = combine("jscodeshift CLI, 1 parse-every-file transform", parts);
  return { one, four: { label: "  × 4 (four such transforms, estimated)", seconds: one.seconds * 4, rssMb: one.rssMb } };
}

function astGrep(dir) {
  if (!existsSync(AST_GREP)) return undefined;
  const parts = ["ts", "tsx", "js"].map((lang) => measure(`ast-grep ${lang}`, AST_GREP, ["run", "--pattern", "$C.keys($$$A)", "--lang", lang, dir]));
  return combine("ast-grep run (1 pattern)", parts);
}

/** The report without its timing, for byte-for-byte comparison across job counts. */
function stableReport(file) {
  const report = JSON.parse(readFileSync(file, "utf8"));
  report.summary.durationMs = 0;
  return JSON.stringify(report);
}

function row(m, files, base) {
  const ratio = base ? `${(m.seconds / base.seconds).toFixed(2)}x` : "";
  return `| ${m.label} | ${m.seconds.toFixed(2)} | ${Math.round(files / Math.max(m.seconds, 0.001))} | ${m.rssMb.toFixed(0)} | ${ratio} |`;
}

function main() {
  if (!existsSync(CLI)) throw new Error("build first: npm run build");
  mkdirSync(WORK, { recursive: true });
  const sizes = values.files.split(",").map(Number);
  const baselineMax = Number(values["baseline-max"]);
  const jobs = availableParallelism();
  console.log(`# redis-codemods benchmark\n\n${cpus()[0]?.model ?? "cpu"} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}\n`);
  const results = [];
  for (const size of values.dir ? [0] : sizes) {
    const dir = values.dir ? resolve(values.dir) : join(CORPORA, `corpus-${size}`);
    const stats = values.dir ? { files: countFiles(dir), redisFiles: "?" } : generateCorpus(dir, { files: size, redisRatio: Number(values["redis-ratio"]), seed: Number(values.seed) });
    console.log(`## ${stats.files} files (${stats.redisFiles} use Redis)\n`);
    const floor = measure("read-only floor (list + read every file)", process.execPath, [join(REPO, "bench", "read-floor.mjs"), dir]);
    const one = ours(dir, 1);
    const many = ours(dir, jobs);
    const same = stableReport(one.report) === stableReport(many.report);
    const summary = JSON.parse(readFileSync(many.report, "utf8")).summary;
    if (summary.files !== stats.files) console.warn(`  ! redis-codemods saw ${summary.files} files, the corpus has ${stats.files}`);
    const baseline = stats.files <= baselineMax ? jscodeshiftRuns(dir) : undefined;
    const naive = stats.files <= baselineMax ? parseOnlyRuns(dir) : undefined;
    const grep = astGrep(dir);
    console.log("| run | wall s | files/s | peak RSS MB | × of ours (" + jobs + " jobs) |\n| --- | ---: | ---: | ---: | ---: |");
    for (const m of [floor, one, many, baseline, naive?.one, naive?.four, grep].filter(Boolean)) console.log(row(m, stats.files, many));
    console.log("");
    if (baseline) console.log(`- jscodeshift CLI running these four transforms / redis-codemods (${jobs} jobs): **${(baseline.seconds / many.seconds).toFixed(1)}x** (the transforms skip files by their text under jscodeshift too)`);
    if (naive) console.log(`- four parse-every-file transforms through the jscodeshift CLI / redis-codemods (${jobs} jobs): **${(naive.four.seconds / many.seconds).toFixed(1)}x**`);
    console.log(`- redis-codemods (${jobs} jobs) / read-only floor: **${(many.seconds / floor.seconds).toFixed(2)}x**`);
    console.log(`- report: ${summary.changed} files would change, ${summary.fixed} sites fixed, ${summary.needsReview} need review, ${summary.errors} errors`);
    console.log(`- same report with --jobs 1 and --jobs ${jobs}: **${same ? "yes" : "NO"}**\n`);
    results.push({ files: stats.files, redisFiles: stats.redisFiles, floor, one, many, baseline, parseOnly: naive?.one, astGrep: grep, sameReport: same });
  }
  if (results.length > 1) {
    const [a, b] = [results.at(-2), results.at(-1)];
    console.log(`Growth: ${b.files / a.files}x the files cost ${(b.many.seconds / a.many.seconds).toFixed(2)}x the time (${jobs} jobs).`);
  }
  writeFileSync(join(WORK, "results.json"), JSON.stringify(results, null, 2));
}

function countFiles(dir) {
  return Number(execFileSync(process.execPath, [join(REPO, "bench", "read-floor.mjs"), dir, "--count"], { encoding: "utf8" }).trim());
}

main();
