/** Path conventions shared by the runner and the transforms. */
import { relative } from "node:path";

/**
 * True for files under test folders or named like tests (`__tests__/`, `test/`, `*.test.*`,
 * `*.spec.*`), judged on the path inside the project so the checkout's own location never counts.
 */
export function isTestFile(file: string, root: string): boolean {
  const inside = relative(root, file);
  return /(^|[\\/])(__tests__|__mocks__|test|tests|spec|e2e)[\\/]/.test(inside) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(inside);
}
