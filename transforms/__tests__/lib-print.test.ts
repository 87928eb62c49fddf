/** Printing in the author's style: no semicolons added to a semicolon-free file, ASI hazards kept. */
import { keepSemicolonStyle, usesSemicolons } from "../lib/edit/print.js";

describe("keepSemicolonStyle", () => {
  const original = "const a = require('a')\nmodule.exports = function () {\n  return a\n}\n";

  it("drops the semicolons recast adds on new or reprinted lines of a semicolon-free file", () => {
    const printed = "const a = require('a')\nconst { key } = require('./key');\nmodule.exports = function () {\n  return a\n};\n";
    expect(keepSemicolonStyle(printed, original)).toBe("const a = require('a')\nconst { key } = require('./key')\nmodule.exports = function () {\n  return a\n}\n");
  });

  it("keeps a semicolon where the next line would continue the statement", () => {
    const printed = "const a = require('a');\n(async () => {})()\nmodule.exports = function () {\n  return a\n}\n";
    expect(keepSemicolonStyle(printed, original)).toBe(printed);
  });

  it("leaves files that use semicolons, and lines the edit did not touch, alone", () => {
    const withSemis = "const a = 1;\nconst b = 2;\n";
    expect(keepSemicolonStyle("const a = 1;\nconst c = 3;\nconst b = 2;\n", withSemis)).toBe("const a = 1;\nconst c = 3;\nconst b = 2;\n");
    expect(usesSemicolons(withSemis)).toBe(true);
    expect(usesSemicolons(original)).toBe(false);
  });
});
