/**
 * Runs files through the transforms: files a text prefilter settles are handled on the main
 * thread; the rest are parsed in worker threads (tinypool) when that pays off. Outcomes come
 * back in the input order whatever the number of jobs, so reports are deterministic.
 */
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Tinypool } from "tinypool";
import { findTransform, type TransformModule } from "../transforms/registry.js";
import { processFile, quickOutcome, type FileOutcome, type ProcessOptions } from "./process-file.js";
import type { WorkerTask } from "./worker.js";

/** Below this many files to parse, starting threads costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 24;
const BATCH_SIZE = 8;
const WORKER_HEAP_MB = 128;

export interface PoolOptions {
  jobs?: number;
  /**
   * The files are a slice of a larger run (`--shard`, `--since`): transforms that look across
   * files must then list the project themselves, so every slice decides alike.
   */
  partial?: boolean;
  onFile?: (outcome: FileOutcome, done: number, total: number) => void;
}

/** Every file's outcome, in the order of `files`. */
export async function processFiles(files: string[], transforms: TransformModule[], opts: ProcessOptions, pool: PoolOptions = {}): Promise<FileOutcome[]> {
  const outcomes: FileOutcome[] = new Array(files.length);
  let done = 0;
  const finish = (index: number, outcome: FileOutcome) => {
    outcomes[index] = outcome;
    pool.onFile?.(outcome, ++done, files.length);
  };
  const toParse: number[] = [];
  files.forEach((file, i) => {
    const quick = quickOutcome(file, transforms, opts);
    if (quick) finish(i, quick);
    else toParse.push(i);
  });
  const parseOptions: ProcessOptions = { ...opts, runFiles: pool.partial ? undefined : toParse.map((i) => files[i]) };
  const jobs = Math.max(1, pool.jobs ?? availableParallelism());
  const workerFile = compiledWorker();
  const refs = transformRefs(transforms);
  if (jobs === 1 || toParse.length < MIN_FILES_FOR_WORKERS || !workerFile || !refs) {
    for (const i of toParse) finish(i, processFile(files[i], transforms, parseOptions));
    return outcomes;
  }
  await inWorkers(workerFile, jobs, toParse, files, refs, parseOptions, finish);
  return outcomes;
}

async function inWorkers(
  workerFile: string,
  jobs: number,
  indexes: number[],
  files: string[],
  refs: string[],
  opts: ProcessOptions,
  finish: (index: number, outcome: FileOutcome) => void,
): Promise<void> {
  const threads = Math.min(jobs, Math.ceil(indexes.length / BATCH_SIZE));
  // A worker's live set is small (one file at a time); a capped heap makes V8 collect instead of growing RSS.
  const pool = new Tinypool({ filename: workerFile, minThreads: threads, maxThreads: threads, isolateWorkers: false, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
  const project = { root: opts.project.root, modules: opts.project.modules };
  try {
    const batches: number[][] = [];
    for (let i = 0; i < indexes.length; i += BATCH_SIZE) batches.push(indexes.slice(i, i + BATCH_SIZE));
    await Promise.all(
      batches.map(async (batch) => {
        const task: WorkerTask = { files: batch.map((i) => files[i]), transforms: refs, config: opts.config, project, includeTests: opts.includeTests, mark: opts.mark, runFiles: opts.runFiles };
        const results = (await pool.run(task)) as FileOutcome[];
        results.forEach((outcome, k) => finish(batch[k], outcome));
      }),
    );
  } finally {
    await pool.destroy();
  }
}

/** The compiled worker next to this module; undefined when running from TypeScript sources (tests). */
function compiledWorker(): string | undefined {
  const url = new URL("./worker.js", import.meta.url);
  return import.meta.url.endsWith(".js") ? fileURLToPath(url) : undefined;
}

/** How a worker finds each transform: a built-in id or a custom module's URL; undefined if one cannot be found there. */
function transformRefs(transforms: TransformModule[]): string[] | undefined {
  const refs: string[] = [];
  for (const t of transforms) {
    if (t.source) refs.push(t.source);
    else if (findTransform(t.meta.id) === t) refs.push(t.meta.id);
  }
  return refs.length === transforms.length ? refs : undefined;
}
