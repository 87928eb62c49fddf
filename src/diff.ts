/** Unified diffs with git-style headers, from the `diff` package. */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from "diff";

/** A git-style unified diff of one file; `created` shows the old side as /dev/null. */
export function unifiedDiff(path: string, before: string, after: string, created = false): string {
  return createTwoFilesPatch(created ? "/dev/null" : `a/${path}`, `b/${path}`, before, after, undefined, undefined, {
    headerOptions: FILE_HEADERS_ONLY,
    context: 3,
  });
}
