/**
 * Worker-thread entry: processes a batch of files with the transforms named by id (or loaded
 * from a path for custom transforms) and returns plain outcomes. The project index arrives as
 * data and is wrapped again here.
 */
import { projectIndexFrom, type ProjectIndexData } from "../transforms/lib/redis/project.js";
import type { ResolvedConfig } from "../transforms/lib/config.js";
import { findTransform, type TransformModule } from "../transforms/registry.js";
import { processFile, type FileOutcome } from "./process-file.js";

export interface WorkerTask {
  files: string[];
  /** Built-in ids, or `file:` URLs of custom transform modules. */
  transforms: string[];
  config: ResolvedConfig;
  project: ProjectIndexData;
  includeTests: boolean;
  mark: boolean;
  runFiles?: readonly string[];
}

const loaded = new Map<string, TransformModule>();

async function load(ref: string): Promise<TransformModule> {
  let module = loaded.get(ref);
  if (!module) {
    module = ref.startsWith("file:") ? ((await import(ref)) as TransformModule) : findTransform(ref);
    if (!module) throw new Error(`unknown transform in worker: ${ref}`);
    loaded.set(ref, module);
  }
  return module;
}

export default async function run(task: WorkerTask): Promise<FileOutcome[]> {
  const transforms = await Promise.all(task.transforms.map(load));
  const project = projectIndexFrom(task.project);
  return task.files.map((file) => processFile(file, transforms, { config: task.config, project, includeTests: task.includeTests, mark: task.mark, runFiles: task.runFiles }));
}
