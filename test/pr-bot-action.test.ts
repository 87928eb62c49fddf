/**
 * The composite action's script (scripts/action/run.mjs), run for real on a pull-request-shaped
 * repository in a simulated GitHub environment: an event file, a step-summary file, an output
 * file, and a fake GitHub API on 127.0.0.1 that records the review request. The server and every
 * child process are bounded by timeouts.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makePrRepo, PR_TRANSFORMS, gitIn, type PrRepo } from "./support/pr-repo.js";
import { reportValidator, sarifValidator } from "./support/pr-bot.js";
import { makeProject, REPO_ROOT, runCli } from "./support/project.js";

const SCRIPT = join(REPO_ROOT, "scripts", "action", "run.mjs");
const CHILD_TIMEOUT_MS = 60_000;

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: any;
}

/** A fake GitHub API: records requests, answers with `status`, and closes itself after a minute at most. */
class FakeGitHub {
  readonly requests: Recorded[] = [];
  status = 200;
  private readonly server: Server;

  constructor() {
    this.server = createServer((req, res) => {
      let text = "";
      req.on("data", (chunk) => (text += chunk));
      req.on("end", () => {
        this.requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : undefined });
        res.writeHead(this.status, { "content-type": "application/json", connection: "close" });
        res.end(JSON.stringify(this.status === 200 ? { id: 1, html_url: "https://github.example/acme/shop/pull/7#review-1" } : { message: "Resource not accessible by integration" }));
      });
    });
    setTimeout(() => this.close(), CHILD_TIMEOUT_MS * 2).unref();
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    const address = this.server.address();
    if (!address || typeof address === "string") throw new Error("no port");
    return `http://127.0.0.1:${address.port}`;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}

interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  summary: string;
  outputs: Record<string, string>;
}

/** Runs the action script like the composite action does, with only the GitHub variables given here. */
async function runAction(cwd: string, event: unknown, inputs: Record<string, string>, apiUrl: string): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), "redis-codemods-action-"));
  const files = { event: join(temp, "event.json"), summary: join(temp, "summary.md"), output: join(temp, "output.txt") };
  writeFileSync(files.event, JSON.stringify(event));
  writeFileSync(files.summary, "");
  writeFileSync(files.output, "");
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(GITHUB_|INPUT_|RUNNER_)/.test(key)));
  const env = {
    ...inherited,
    NO_COLOR: "1",
    GITHUB_EVENT_PATH: files.event,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_OUTPUT: files.output,
    GITHUB_API_URL: apiUrl,
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_TOKEN: "t0k3n",
    GITHUB_WORKSPACE: cwd,
    RUNNER_TEMP: temp,
    ...Object.fromEntries(Object.entries(inputs).map(([key, value]) => [`INPUT_${key.toUpperCase().replace(/-/g, "_")}`, value])),
  };
  const { code, stdout, stderr } = await spawnBounded(process.execPath, [SCRIPT], cwd, env);
  const outputs = Object.fromEntries(readFileSync(files.output, "utf8").split("\n").filter(Boolean).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]));
  return { code, stdout, stderr, summary: readFileSync(files.summary, "utf8"), outputs };
}

function spawnBounded(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

function prEvent(repo: PrRepo, base = repo.baseSha) {
  return { action: "synchronize", number: 7, pull_request: { number: 7, base: { ref: "main", sha: base }, head: { ref: "feature", sha: repo.headSha } } };
}

let api: FakeGitHub;
let apiUrl: string;
beforeAll(async () => {
  api = new FakeGitHub();
  apiUrl = await api.start();
});
afterAll(() => api.close());
beforeEach(() => {
  api.requests.length = 0;
  api.status = 200;
});

describe("mode suggest", () => {
  let repo: PrRepo;
  let run: ActionRun;
  let posted: Recorded[];
  beforeAll(async () => {
    repo = makePrRepo();
    api.requests.length = 0;
    run = await runAction(repo.dir, prEvent(repo), { transforms: PR_TRANSFORMS, mode: "suggest", "fail-on": "changes" }, apiUrl);
    posted = [...api.requests];
  });
  const cli = (format: string) => runCli([PR_TRANSFORMS, ".", "--check", "--since", repo.baseSha, "--format", format], repo.dir).stdout;

  it("posts the CLI's review, for the PR head commit, with the token", () => {
    expect(run.stderr).toBe("");
    expect(posted).toHaveLength(1);
    const [request] = posted;
    expect(request.method).toBe("POST");
    expect(request.url).toBe("/repos/acme/shop/pulls/7/reviews");
    expect(request.headers.authorization).toBe("Bearer t0k3n");
    expect(request.headers["x-github-api-version"]).toBe("2022-11-28");
    expect(request.body).toEqual({ ...JSON.parse(cli("github-review")), commit_id: repo.headSha });
    expect(run.stdout).toContain("posted a review with 7 suggestion(s): https://github.example/acme/shop/pull/7#review-1");
  });

  it("writes the markdown summary, prints the annotations and fails on changes", () => {
    expect(run.summary).toBe(cli("markdown"));
    for (const line of cli("github").trimEnd().split("\n")) expect(run.stdout).toContain(line);
    expect(run.code).toBe(1);
  });

  it("sets outputs: a valid SARIF file and a valid JSON report outside the work tree", () => {
    const report = JSON.parse(readFileSync(run.outputs["report-file"], "utf8"));
    expect(reportValidator()(report)).toBe(true);
    expect(report.since).toMatchObject({ ref: repo.baseSha, mergeBase: repo.mergeBase });
    expect(sarifValidator()(JSON.parse(readFileSync(run.outputs["sarif-file"], "utf8")))).toBe(true);
    expect(run.outputs["sarif-file"].startsWith(repo.dir)).toBe(false);
    expect(run.outputs).toMatchObject({ changed: String(report.summary.changed + report.summary.created), findings: String(report.summary.findings), "needs-review": String(report.summary.needsReview) });
  });
});

describe("fail-on and modes", () => {
  it("check mode posts nothing; fail-on never passes", async () => {
    const repo = makePrRepo();
    const run = await runAction(repo.dir, prEvent(repo), { transforms: PR_TRANSFORMS, mode: "check", "fail-on": "never" }, apiUrl);
    expect(run.code).toBe(0);
    expect(api.requests).toHaveLength(0);
    expect(run.stdout).toMatch(/^::error file=src\/cart\.js,/m);
  });

  it("findings that only need review fail `findings`, not `changes`", async () => {
    const dir = makeProject({ "package.json": "{}", "src/a.js": "a();\n" });
    gitIn(dir, "init", "-q");
    gitIn(dir, "add", "-A");
    gitIn(dir, "commit", "-qm", "base");
    const base = gitIn(dir, "rev-parse", "HEAD").trim();
    writeFileSync(join(dir, "src/a.js"), "a();\nTODO();\n");
    gitIn(dir, "commit", "-qam", "todo");
    const head = gitIn(dir, "rev-parse", "HEAD").trim();
    const event = { pull_request: { number: 3, base: { sha: base }, head: { sha: head } } };
    const changes = await runAction(dir, event, { transforms: PR_TRANSFORMS, "fail-on": "changes" }, apiUrl);
    const findings = await runAction(dir, event, { transforms: PR_TRANSFORMS, "fail-on": "findings" }, apiUrl);
    expect([changes.code, findings.code]).toEqual([0, 1]);
    expect(findings.stdout).toContain("::warning file=src/a.js,line=2");
  });

  it("fix mode writes the rewrites into the work tree and nothing else", async () => {
    const repo = makePrRepo();
    const expected = runCli([PR_TRANSFORMS, "src/modified.js", "--print"], repo.dir).stdout;
    const run = await runAction(repo.dir, prEvent(repo), { transforms: PR_TRANSFORMS, mode: "fix", "fail-on": "never" }, apiUrl);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(join(repo.dir, "src/modified.js"), "utf8")).toBe(expected);
    const status = gitIn(repo.dir, "status", "--porcelain").split("\n").filter(Boolean).map((l) => l.slice(3));
    expect(status.sort()).toEqual(["generated/", "src/added.js", "src/cart.js", "src/crlf.js", "src/modified.js", "src/store.js"]);
    expect(api.requests).toHaveLength(0);
  });

  it("a failed review post is a warning, not a failure", async () => {
    api.status = 403;
    const repo = makePrRepo();
    const run = await runAction(repo.dir, prEvent(repo), { transforms: PR_TRANSFORMS, mode: "suggest", "fail-on": "never" }, apiUrl);
    expect(api.requests).toHaveLength(1);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^::warning title=redis-codemods::could not post the review \(HTTP 403\)/m);
  });
});

describe("errors", () => {
  it("a base commit missing from the checkout fails with exit 2 and says what to fetch", async () => {
    const repo = makePrRepo();
    const run = await runAction(repo.dir, prEvent(repo, "f".repeat(40)), { transforms: PR_TRANSFORMS }, apiUrl);
    expect(run.code).toBe(2);
    expect(run.stdout).toMatch(/^::error title=redis-codemods::redis-codemods failed \(exit 2\): .*unknown git ref "f{40}".*fetch/m);
  });

  it("a bad input is exit 2 before anything runs", async () => {
    const repo = makePrRepo();
    const run = await runAction(repo.dir, prEvent(repo), { transforms: PR_TRANSFORMS, mode: "review" }, apiUrl);
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("input mode must be one of check, suggest, fix");
    expect(existsSync(join(repo.dir, "generated"))).toBe(false);
  });
});

describe("action.yml", () => {
  const yml = readFileSync(join(REPO_ROOT, "action.yml"), "utf8");
  const script = readFileSync(SCRIPT, "utf8");

  it("is a composite action that runs the script", () => {
    expect(yml).toMatch(/^runs:\n {2}using: composite$/m);
    expect(yml).toContain('run: node "$GITHUB_ACTION_PATH/scripts/action/run.mjs"');
    expect(yml).toContain("uses: github/codeql-action/upload-sarif@");
  });

  it("passes every input the script reads, and declares every input it passes", () => {
    const inputsBlock = yml.slice(yml.indexOf("\ninputs:\n"), yml.indexOf("\noutputs:\n"));
    const declared = [...inputsBlock.matchAll(/^ {2}([a-z-]+):$/gm)].map((m) => m[1]);
    expect(declared).toEqual(expect.arrayContaining(["transforms", "paths", "mode", "fail-on", "ttl", "config"]));
    const passed = [...yml.matchAll(/^ {8}INPUT_([A-Z_]+): \$\{\{ inputs\.([a-z-]+) \}\}$/gm)];
    for (const [, envName, input] of passed) {
      expect(declared).toContain(input);
      expect(envName).toBe(input.toUpperCase().replace(/-/g, "_"));
    }
    const read = [...script.matchAll(/input\("([A-Z_]+)"/g)].map((m) => m[1]).sort();
    expect(passed.map((m) => m[1]).sort()).toEqual(read);
  });
});
