/** The progress line: drawn on a terminal for long runs, silent in CI, off a terminal and for short runs. */
import { createProgress } from "../src/progress.js";
import type { FileOutcome } from "../src/process-file.js";

function fakeStream(isTTY: boolean) {
  const writes: string[] = [];
  return { stream: { isTTY, write: (s: string) => writes.push(s) } as unknown as NodeJS.WriteStream, writes };
}

const outcome = (status: FileOutcome["status"]): FileOutcome => ({ file: "f", status, changedBy: [], findings: [], migrations: [], contributions: [] });

describe("progress", () => {
  const ci = process.env.CI;
  afterEach(() => {
    if (ci === undefined) delete process.env.CI;
    else process.env.CI = ci;
  });

  it("shows files done, changed, errors and time left on a terminal, then clears the line", () => {
    delete process.env.CI;
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream);
    for (let i = 1; i <= 300; i++) progress.onFile(outcome(i % 100 === 0 ? "error" : i % 10 === 0 ? "changed" : "unchanged"), i, 300);
    progress.done();
    const clear = "\r\u001b[K";
    expect(writes.some((w) => w.startsWith(clear) && /^300\/300 files, 27 changed, 3 errors, ~\d+s left$/.test(w.slice(clear.length)))).toBe(true);
    expect(writes.at(-1)).toBe("\r\u001b[K");
  });

  it("prints nothing off a terminal, in CI, or for a short run", () => {
    delete process.env.CI;
    for (const [isTTY, total] of [[false, 500], [true, 10]] as const) {
      const { stream, writes } = fakeStream(isTTY);
      const progress = createProgress(stream);
      for (let i = 1; i <= total; i++) progress.onFile(outcome("unchanged"), i, total);
      progress.done();
      expect(writes).toEqual([]);
    }
    process.env.CI = "true";
    const { stream, writes } = fakeStream(true);
    const progress = createProgress(stream);
    for (let i = 1; i <= 500; i++) progress.onFile(outcome("unchanged"), i, 500);
    expect(writes).toEqual([]);
  });
});
