/**
 * Every transform is complete: registered, documented, with fixtures (rewritten and unchanged-
 * cases) and a test file of the same name; and nothing in transforms/ escapes the registry.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { transforms } from "../registry.js";
import { findFixtureCases, FIXTURES_ROOT } from "./harness.js";

const TRANSFORMS_DIR = join(FIXTURES_ROOT, "..");
const REPO = join(TRANSFORMS_DIR, "..");
/** The sections every transform doc has, in this order (CLAUDE.md, "Adding a transform"). */
const DOC_SECTIONS = ["Why", "Before / After", "Options", "Not transformed", "Needs review"];

describe("transform registry", () => {
  it("registers every transform file in transforms/", () => {
    const files = readdirSync(TRANSFORMS_DIR).filter((f) => f.endsWith(".ts") && f !== "registry.ts").map((f) => f.replace(/\.ts$/, ""));
    expect(transforms.map((t) => t.meta.id).sort()).toEqual(files.sort());
  });

  it("keeps the SPEC order for `all`", () => {
    const order = ["shared-client", "keys-to-scan", "require-ttl", "namespace-keys"];
    const ids = transforms.map((t) => t.meta.id);
    expect(ids).toEqual(order.filter((id) => ids.includes(id)));
  });

  for (const t of transforms) {
    describe(t.meta.id, () => {
      it("has a doc with the expected sections, in order", () => {
        const doc = join(REPO, "docs", "transforms", `${t.meta.id}.md`);
        expect(existsSync(doc)).toBe(true);
        const headings = [...readFileSync(doc, "utf8").matchAll(/^## (.+)$/gm)].map((m) => m[1]);
        const found = DOC_SECTIONS.map((section) => headings.findIndex((h) => h.startsWith(section)));
        expect(found.every((index) => index >= 0), `sections of ${doc}: ${headings.join(" | ")}`).toBe(true);
        expect(found).toEqual([...found].sort((a, b) => a - b));
      });
      it("has rewritten and unchanged- fixtures", () => {
        const cases = findFixtureCases(t.meta.id);
        expect(cases.some((c) => c.output)).toBe(true);
        expect(cases.some((c) => c.name.split("/").pop()!.startsWith("unchanged-"))).toBe(true);
      });
      it("has a test file", () => {
        expect(existsSync(join(TRANSFORMS_DIR, "__tests__", `${t.meta.id}.test.ts`))).toBe(true);
      });
      it("has meta for the CLI", () => {
        expect(t.meta.rule).toMatch(/^R[1-4]$/);
        expect(t.meta.description.length).toBeGreaterThan(10);
      });
    });
  }
});

describe("README", () => {
  it("lists every transform (regenerate with `npm run docs`)", async () => {
    const { transformsTable } = await import("../../src/docs.js");
    const readme = readFileSync(join(REPO, "README.md"), "utf8");
    expect(transformsTable(readme, transforms)).toBe(readme);
  });
});
