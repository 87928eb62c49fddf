/**
 * A one-line progress display on stderr for long runs on a terminal: files done/total, changed,
 * errors and an estimate of the time left. Silent when stderr is not a TTY or in CI.
 */
import type { FileOutcome } from "./process-file.js";

const MIN_FILES = 200;
const REDRAW_MS = 100;

export interface Progress {
  onFile(outcome: FileOutcome, done: number, total: number): void;
  done(): void;
}

/** A progress display, or one that does nothing when it would only add noise. */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const enabled = Boolean(stream.isTTY) && !process.env.CI;
  const started = Date.now();
  let changed = 0;
  let errors = 0;
  let last = 0;
  let drawn = false;
  return {
    onFile(outcome, done, total) {
      if (outcome.status === "changed") changed++;
      if (outcome.status === "error") errors++;
      const now = Date.now();
      if (!enabled || total < MIN_FILES || (now - last < REDRAW_MS && done < total)) return;
      last = now;
      const eta = done ? ((now - started) / done) * (total - done) : 0;
      stream.write(`\r\u001b[K${done}/${total} files, ${changed} changed, ${errors} errors, ~${Math.ceil(eta / 1000)}s left`);
      drawn = true;
    },
    done() {
      if (drawn) stream.write("\r\u001b[K");
    },
  };
}
