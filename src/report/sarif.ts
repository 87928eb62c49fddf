/**
 * SARIF 2.1.0 (GitHub code scanning and other SARIF viewers): one reportingDescriptor per
 * transform, one result per finding and per change block no fixed finding covers, each rewrite
 * attached as a `fix` whose replacements reproduce the codemod's output exactly.
 */
import type { Finding } from "../../transforms/lib/context.js";
import { anchorLines, anchorText, changeBlocks, fixedFindingsOf, oldEnd, repoPath, shown, sideText, type ChangeBlock } from "./changes.js";
import type { CreatedFileReport, FileReport, Report } from "./model.js";
import { transformsOf, type TransformInfo } from "./transform-info.js";

const SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const SRCROOT = "%SRCROOT%";

type Level = "note" | "warning" | "error";

interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface Location {
  uri: string;
  uriBaseId: string;
  index: number;
}

interface Result {
  ruleId: string;
  ruleIndex: number;
  level: Level;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: Location; region: Region } }>;
  fixes?: Array<ReturnType<typeof fix>>;
  properties?: Record<string, unknown>;
}

/** The SARIF log as text. */
export function renderSarif(report: Report): string {
  return JSON.stringify(sarifLog(report), null, 2) + "\n";
}

/** The SARIF log object for a report. */
export function sarifLog(report: Report) {
  const rules = transformsOf(report);
  const artifacts: string[] = [];
  const location = (path: string): Location => {
    const uri = repoPath(report.gitPrefix, path);
    if (!artifacts.includes(uri)) artifacts.push(uri);
    return { uri, uriBaseId: SRCROOT, index: artifacts.indexOf(uri) };
  };
  const ruleIndex = (id: string) => rules.findIndex((r) => r.id === id);
  const results = [
    ...report.files.flatMap((f) => fileResults(f, report, location, ruleIndex)),
    ...report.created.map((c) => createdResult(c, report, location, ruleIndex)),
  ];
  return {
    $schema: SARIF_SCHEMA,
    version: "2.1.0" as const,
    runs: [
      {
        tool: { driver: driver(report, rules) },
        originalUriBaseIds: {
          [SRCROOT]: { description: { text: report.gitPrefix === undefined ? "The working directory of the run." : "The root of the git repository." } },
        },
        columnKind: "utf16CodeUnits",
        artifacts: artifacts.map((uri) => ({ location: { uri, uriBaseId: SRCROOT } })),
        results,
        invocations: [invocation(report, location)],
        properties: { mode: report.mode, summary: report.summary, ...(report.since ? { since: report.since } : {}) },
      },
    ],
  };
}

function driver(report: Report, rules: TransformInfo[]) {
  return {
    name: report.tool.name,
    version: report.tool.version,
    semanticVersion: report.tool.version,
    ...(report.tool.informationUri ? { informationUri: report.tool.informationUri } : {}),
    rules: rules.map((r) => descriptor(r, report)),
  };
}

/** One rule per transform; SARIF wants an absolute helpUri, so without a docs URL the doc path goes in the help text only. */
function descriptor(info: TransformInfo, report: Report) {
  const doc = info.documented ? `docs/transforms/${info.id}.md` : undefined;
  const helpUri = doc && report.tool.docsUri ? `${report.tool.docsUri}${info.id}.md` : undefined;
  const rule = info.rule ? `${info.rule} ` : "";
  const where = helpUri ?? doc;
  return {
    id: info.id,
    name: pascalCase(info.id),
    shortDescription: { text: `${rule}${info.title}` },
    fullDescription: { text: info.description },
    help: {
      text: `${info.description}${where ? ` Before/after examples, options and what is reported for review: ${where}` : ""}`,
      markdown: `**${rule}${info.title}**: ${info.description}${where ? `\n\nBefore/after examples, options and what is reported for review: [${doc}](${where})` : ""}`,
    },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: "warning" as Level },
    properties: { tags: ["redis", ...(info.rule ? [info.rule] : [])], ...(info.rule ? { rule: info.rule } : {}) },
  };
}

/** Results of one file: its findings, then its change blocks that no fixed finding covers. */
function fileResults(file: FileReport, report: Report, location: (path: string) => Location, ruleIndex: (id: string) => number): Result[] {
  const blocks = changeBlocks(file.diff);
  const covered = new Set<ChangeBlock>();
  const results = file.findings.map((finding): Result => {
    const fixes = blocks.filter((b) => fixedFindingsOf(b, [finding]).length);
    fixes.forEach((b) => covered.add(b));
    return findingResult(finding, fixes, location(file.path), ruleIndex);
  });
  const changedBy = file.changedBy ?? [];
  for (const block of blocks.filter((b) => !covered.has(b))) {
    results.push(changeResult(block, changedBy, report, location(file.path), ruleIndex));
  }
  return results;
}

function findingResult(finding: Finding, blocks: ChangeBlock[], artifact: Location, ruleIndex: (id: string) => number): Result {
  return {
    ruleId: finding.transform,
    ruleIndex: ruleIndex(finding.transform),
    level: finding.fixed ? "note" : "warning",
    message: { text: finding.fixed ? finding.message : `${finding.message} (needs review: left unchanged)` },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: findingRegion(finding) } }],
    ...(blocks.length ? { fixes: [fix(`${finding.transform}: ${finding.message}`, blocks, artifact)] } : {}),
    properties: { rule: finding.rule, fixed: finding.fixed },
  };
}

function changeResult(block: ChangeBlock, changedBy: string[], report: Report, artifact: Location, ruleIndex: (id: string) => number): Result {
  const by = changedBy.join(", ") || "redis-codemods";
  const verb = report.mode === "write" ? "rewrote" : "would rewrite";
  const lines = anchorLines(block);
  const what = block.removed.length ? `line${lines.end > lines.start ? `s ${lines.start}-${lines.end}` : ` ${lines.start}`}` : `after line ${lines.start}`;
  return {
    ruleId: changedBy[0] ?? report.transforms[0],
    ruleIndex: ruleIndex(changedBy[0] ?? report.transforms[0]),
    level: "note",
    message: { text: `${by} ${verb} ${what}.` },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: blockRegion(block) } }],
    fixes: [fix(`${by}: ${verb} ${what}`, [block], artifact)],
  };
}

/** A generated module to create or update: one result whose fix writes it. */
function createdResult(created: CreatedFileReport, report: Report, location: (path: string) => Location, ruleIndex: (id: string) => number): Result {
  const artifact = location(created.path);
  const blocks = changeBlocks(created.diff);
  const verb = report.mode === "write" ? (created.status === "created" ? "created" : "updated") : `would ${created.status === "created" ? "create" : "update"}`;
  return {
    ruleId: created.transform,
    ruleIndex: ruleIndex(created.transform),
    level: "note",
    message: { text: `${created.transform} ${verb} the generated module ${created.path}.` },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: blocks.length ? blockRegion(blocks[0]) : { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 } } }],
    ...(blocks.length ? { fixes: [fix(`${verb} ${created.path}`, blocks, artifact)] } : {}),
  };
}

/** Files that failed (errors) or were skipped, as tool execution notifications. */
function invocation(report: Report, location: (path: string) => Location) {
  const notices = report.files.filter((f) => f.status === "error" || (f.status === "skipped" && f.reason));
  return {
    executionSuccessful: report.summary.errors === 0,
    toolExecutionNotifications: notices.map((f) => ({
      level: (f.status === "error" ? "error" : "note") as Level,
      message: { text: `${f.status === "error" ? "not processed" : "skipped"}: ${f.reason ?? ""}` },
      locations: [{ physicalLocation: { artifactLocation: location(f.path) } }],
    })),
  };
}

/** A fix whose replacements turn the original lines into the rewritten ones, byte for byte. */
function fix(description: string, blocks: ChangeBlock[], artifact: Location) {
  return {
    description: { text: description },
    artifactChanges: [{ artifactLocation: artifact, replacements: blocks.map(replacement) }],
  };
}

/**
 * The block's old text as a region plus the new text. The region ends at the start of the line
 * after the block when the last removed line has a line break, so the break goes with it.
 */
function replacement(block: ChangeBlock) {
  const last = block.removed[block.removed.length - 1];
  const end = !last ? { endLine: block.oldStart, endColumn: 1 } : last.newline ? { endLine: oldEnd(block) + 1, endColumn: 1 } : { endLine: oldEnd(block), endColumn: last.text.length + 1 };
  const inserted = sideText(block.added);
  return { deletedRegion: { startLine: block.oldStart, startColumn: 1, ...end }, ...(inserted ? { insertedContent: { text: inserted } } : {}) };
}

/** Where a block shows: the whole replaced lines, or the line an insertion follows. */
function blockRegion(block: ChangeBlock): Region {
  const lines = anchorLines(block);
  const endText = block.removed.length ? block.removed[block.removed.length - 1] : anchorText(block)?.line;
  return { startLine: lines.start, startColumn: 1, endLine: lines.end, endColumn: (endText ? shown(endText).length : 0) + 1 };
}

/** A finding's region, made valid when a transform reported no or an inverted location. */
function findingRegion(finding: Finding): Region {
  const startLine = Math.max(1, finding.line);
  const startColumn = Math.max(1, finding.column);
  const endLine = Math.max(startLine, finding.endLine);
  const endColumn = endLine === startLine ? Math.max(startColumn, finding.endColumn) : Math.max(1, finding.endColumn);
  return { startLine, startColumn, endLine, endColumn };
}

function pascalCase(id: string): string {
  return id.replace(/(^|[^a-zA-Z0-9]+)([a-zA-Z0-9])/g, (_, _sep, c: string) => c.toUpperCase());
}
