/** Edits safe to repeat: unique names that ignore property keys, semicolons before comments. */
import { jscodeshiftFor } from "../lib/parser.js";
import { uniqueIdentifier } from "../lib/edit/imports.js";
import { keepSemicolonStyle } from "../lib/edit/print.js";

describe("uniqueIdentifier", () => {
  const j = jscodeshiftFor("ts");

  it("ignores property keys and member names, which are not bindings", () => {
    const root = j(`const o = { redis: 1 }; o.redis; class A { redis() {} }`);
    expect(uniqueIdentifier(j, root, "redis")).toBe("redis");
  });

  it("avoids bindings, references and shorthand properties", () => {
    expect(uniqueIdentifier(j, j(`const redis = 1;`), "redis")).toBe("redis2");
    expect(uniqueIdentifier(j, j(`f(redis);`), "redis")).toBe("redis2");
    expect(uniqueIdentifier(j, j(`const o = { redis };`), "redis")).toBe("redis2");
  });
});

describe("keepSemicolonStyle before a comment", () => {
  it("drops the semicolon of an added line followed by a comment line", () => {
    const original = "const a = 1\n// note\nf(a)\n";
    expect(keepSemicolonStyle("const a = 1\nconst b = 2;\n// note\nf(a)\n", original)).toBe("const a = 1\nconst b = 2\n// note\nf(a)\n");
  });
});
