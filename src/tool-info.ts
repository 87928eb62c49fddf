/**
 * The `tool` block of a report: name, version, and the links SARIF wants (the tool's home and
 * where each transform's doc lives), derived from the tool's own package.json `repository` or
 * `homepage`. Read here, once, so renderers never do I/O.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Report } from "./report/model.js";
import { toolVersion } from "./version.js";

const TOOL_NAME = "redis-codemods";
const DOCS_FOLDER = "docs/transforms/";

interface PackageLinks {
  repository?: string | { url?: string; directory?: string };
  homepage?: string;
}

let cached: Report["tool"] | undefined;

/** Name, version and (when package.json has them) informationUri and docsUri. */
export function toolInfo(): Report["tool"] {
  cached ??= { name: TOOL_NAME, version: toolVersion(), ...toolLinks(ownPackage()) };
  return cached;
}

/** Links from package.json fields: a repository wins over a homepage; neither gives none. */
export function toolLinks(pkg: PackageLinks): { informationUri?: string; docsUri?: string } {
  const repository = typeof pkg.repository === "string" ? { url: pkg.repository } : pkg.repository;
  const repoUrl = repositoryUrl(repository?.url) ?? repositoryUrl(pkg.homepage, true);
  if (repoUrl) {
    const directory = repository?.directory ? `${repository.directory.replace(/^\/+|\/+$/g, "")}/` : "";
    const browse = new URL(repoUrl).hostname === "bitbucket.org" ? "src" : "blob";
    // HEAD resolves to the default branch on every forge, so the link works without release tags.
    return { informationUri: repoUrl, docsUri: `${repoUrl}/${browse}/HEAD/${directory}${DOCS_FOLDER}` };
  }
  if (!pkg.homepage || !/^https?:\/\//.test(pkg.homepage)) return {};
  const home = new URL(pkg.homepage);
  home.hash = "";
  if (!home.pathname.endsWith("/")) home.pathname += "/";
  return { informationUri: pkg.homepage, docsUri: new URL(DOCS_FOLDER, home).href };
}

const SHORTCUT_HOSTS: Record<string, string> = { github: "github.com", gitlab: "gitlab.com", bitbucket: "bitbucket.org" };
const FORGES = new Set(Object.values(SHORTCUT_HOSTS));

/** `github:o/r`, `o/r`, `git+https://…/o/r.git`, `git@host:o/r.git` → `https://host/o/r`; `forgeOnly` accepts forge URLs only (homepages). */
function repositoryUrl(value: string | undefined, forgeOnly = false): string | undefined {
  if (!value) return undefined;
  const shortcut = /^(?:(github|gitlab|bitbucket):)?([\w.-]+\/[\w.-]+)$/.exec(value);
  if (shortcut && !forgeOnly) return `https://${SHORTCUT_HOSTS[shortcut[1] ?? "github"]}/${shortcut[2].replace(/\.git$/, "")}`;
  const scp = /^(?:[\w.-]+@)?([\w.-]+):(?!\/\/)([\w.-]+\/[\w.-]+?)(?:\.git)?\/?$/.exec(value);
  const url = scp ? new URL(`https://${scp[1]}/${scp[2]}`) : tryUrl(value.replace(/^git\+/, ""));
  if (!url || (forgeOnly && !FORGES.has(url.hostname))) return undefined;
  const [owner, repo] = url.pathname.replace(/^\/+/, "").split("/");
  if (!owner || !repo) return forgeOnly ? undefined : `https://${url.hostname}${url.pathname.replace(/\/+$/, "")}`;
  return `https://${url.hostname}/${owner}/${repo.replace(/\.git$/, "")}`;
}

function tryUrl(value: string): URL | undefined {
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** The tool's own package.json (found upward from the compiled or source file), or nothing. */
function ownPackage(): PackageLinks {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      if (pkg.name === TOOL_NAME) return pkg;
    } catch {
      // keep looking upward
    }
  }
  return {};
}
