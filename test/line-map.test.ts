/** Findings of a later transform are reported on the lines of the file as it is on disk. */
import { lineMap } from "../src/process-file.js";

describe("lineMap", () => {
  it("maps kept lines to their old number and inserted lines to the line they replace or follow", () => {
    const m = lineMap("a\nb\nc\nd\n", "a\nX\nY\nc\nd\nZ\n");
    expect([1, 2, 3, 4, 5, 6].map(m)).toEqual([1, 2, 2, 3, 4, 4]);
  });

  it("skips removed lines", () => {
    const m = lineMap("a\nb\nc\n", "a\nc\n");
    expect([1, 2].map(m)).toEqual([1, 3]);
  });
});
