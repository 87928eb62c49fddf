/**
 * SARIF rule descriptors for shipped transforms (doc links from the tool's package.json), the link
 * derivation itself, and fixes for edge-shaped diffs (no final newline, CRLF, created files),
 * all validated against the official SARIF 2.1.0 schema.
 */
import { unifiedDiff } from "../src/diff.js";
import { summarize, type CreatedFileReport, type FileReport, type Report } from "../src/report/model.js";
import { sarifLog } from "../src/report/sarif.js";
import { toolLinks } from "../src/tool-info.js";
import { transforms, type TransformModule } from "../transforms/registry.js";
import { applyReplacements, sarifValidator } from "./support/pr-bot.js";

const validate = sarifValidator();

function reportOf(files: FileReport[], tool: Report["tool"], transformIds: string[], created: CreatedFileReport[] = []): Report {
  return { version: 1, tool, mode: "dry", transforms: transformIds, root: ".", files, created, migrationPlan: [], summary: summarize(files, created, 0) };
}

describe("tool links from package.json", () => {
  it.each([
    [{ repository: "github:acme/codemods" }, "https://github.com/acme/codemods", "https://github.com/acme/codemods/blob/HEAD/docs/transforms/"],
    [{ repository: "acme/codemods" }, "https://github.com/acme/codemods", "https://github.com/acme/codemods/blob/HEAD/docs/transforms/"],
    [{ repository: { type: "git", url: "git+https://github.com/acme/codemods.git", directory: "packages/cli" } }, "https://github.com/acme/codemods", "https://github.com/acme/codemods/blob/HEAD/packages/cli/docs/transforms/"],
    [{ repository: "git@gitlab.com:acme/codemods.git" }, "https://gitlab.com/acme/codemods", "https://gitlab.com/acme/codemods/blob/HEAD/docs/transforms/"],
    [{ repository: "bitbucket:acme/codemods" }, "https://bitbucket.org/acme/codemods", "https://bitbucket.org/acme/codemods/src/HEAD/docs/transforms/"],
    [{ homepage: "https://github.com/acme/codemods#readme" }, "https://github.com/acme/codemods", "https://github.com/acme/codemods/blob/HEAD/docs/transforms/"],
    [{ homepage: "https://codemods.example/guide" }, "https://codemods.example/guide", "https://codemods.example/guide/docs/transforms/"],
  ])("%j", (pkg, informationUri, docsUri) => {
    expect(toolLinks(pkg)).toEqual({ informationUri, docsUri });
  });

  it("gives no links without repository or homepage", () => {
    expect(toolLinks({})).toEqual({});
  });
});

describe("rule descriptors", () => {
  const shipped: TransformModule = {
    default: () => undefined,
    meta: { id: "fake-shipped", rule: "R3", title: "SCAN instead of KEYS", description: "Replaces KEYS with an incremental SCAN loop." },
  };
  beforeAll(() => {
    transforms.push(shipped);
  });
  afterAll(() => {
    transforms.splice(transforms.indexOf(shipped), 1);
  });

  it("a shipped transform gets its meta and a helpUri to its doc when the tool has a docs URL", () => {
    const tool = { name: "redis-codemods", version: "1.2.3", ...toolLinks({ repository: "github:acme/codemods" }) };
    const log = sarifLog(reportOf([], tool, ["fake-shipped"]));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    expect(log.runs[0].tool.driver.informationUri).toBe("https://github.com/acme/codemods");
    expect(log.runs[0].tool.driver.rules[0]).toMatchObject({
      id: "fake-shipped",
      name: "FakeShipped",
      shortDescription: { text: "R3 SCAN instead of KEYS" },
      fullDescription: { text: "Replaces KEYS with an incremental SCAN loop." },
      helpUri: "https://github.com/acme/codemods/blob/HEAD/docs/transforms/fake-shipped.md",
      properties: { rule: "R3" },
    });
  });

  it("without a docs URL the doc path goes into the help text (SARIF requires an absolute helpUri)", () => {
    const log = sarifLog(reportOf([], { name: "redis-codemods", version: "1.2.3" }, ["fake-shipped"]));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const rule = log.runs[0].tool.driver.rules[0];
    expect(rule).not.toHaveProperty("helpUri");
    expect(rule.help.text).toContain("docs/transforms/fake-shipped.md");
  });
});

describe("fixes replay the change exactly", () => {
  const cases: Array<[string, string, string]> = [
    ["no final newline", "a();\nlegacyCall();", "a();\nmodernCall();"],
    ["a final newline added", "legacyCall();", "modernCall();\n"],
    ["CRLF", "a();\r\nlegacyCall();\r\nb();\r\n", "a();\r\nmodernCall();\r\nb();\r\n"],
    ["lines inserted at the end", "a();\n", "a();\nb();\nc();\n"],
    ["lines deleted at the end", "a();\nb();\nc();\n", "a();\n"],
    ["a multi-byte line", "const s = '😀'; legacyCall();\n", "const s = '😀'; modernCall();\n"],
  ];
  for (const [label, before, after] of cases) {
    it(label, () => {
      const file: FileReport = { path: "src/a.js", status: "changed", diff: unifiedDiff("src/a.js", before, after), changedBy: ["t"], findings: [] };
      const log = sarifLog(reportOf([file], { name: "redis-codemods", version: "0.0.0" }, ["t"]));
      expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
      const replacements = log.runs[0].results.flatMap((r) => r.fixes ?? []).flatMap((f) => f.artifactChanges[0].replacements);
      expect(applyReplacements(before, replacements)).toBe(after);
    });
  }

  it("a created module is one result whose fix writes the whole file", () => {
    const content = "export const a = 1;\nexport const b = 2;\n";
    const created: CreatedFileReport = { path: "src/redis/key.js", status: "created", transform: "t", diff: unifiedDiff("src/redis/key.js", "", content, true) };
    const log = sarifLog(reportOf([], { name: "redis-codemods", version: "0.0.0" }, ["t"], [created]));
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const [result] = log.runs[0].results;
    expect(result.message.text).toBe("t would create the generated module src/redis/key.js.");
    expect(applyReplacements("", result.fixes![0].artifactChanges[0].replacements)).toBe(content);
  });
});
