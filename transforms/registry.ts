/**
 * The transforms the CLI offers, in the order `all` applies them (SPEC §2). Each entry comes from
 * the transform module's own `meta`, the single source for ids, rules and descriptions.
 */
import type { API, FileInfo, Options } from "jscodeshift";
import type { TransformMeta } from "./lib/context.js";
import * as keysToScan from "./keys-to-scan.js";
import * as namespaceKeys from "./namespace-keys.js";
import * as requireTtl from "./require-ttl.js";
import * as sharedClient from "./shared-client.js";

export type TransformFn = (file: FileInfo, api: API, options: Options) => string | null | undefined | void;

export interface TransformModule {
  default: TransformFn;
  meta: TransformMeta;
  /** `file:` URL of a custom transform loaded from a path (so worker threads can load it too). */
  source?: string;
}

export const transforms: TransformModule[] = [sharedClient, keysToScan, requireTtl, namespaceKeys];

export function findTransform(id: string): TransformModule | undefined {
  return transforms.find((t) => t.meta.id === id);
}
