/** Programmatic API of redis-codemods. */
export { run, resolveTransforms, DirtyTreeError, type RunOptions } from "./run.js";
export { inspect, type Inspection, type InspectOptions } from "./inspect.js";
export { render, FORMATS, type Format } from "./report/index.js";
export { exitCodeOf, REPORT_VERSION, type Report, type FileReport } from "./report/model.js";
export { transforms } from "../transforms/registry.js";
export { loadConfig, ConfigError, type RedisCodemodsConfig } from "../transforms/lib/config.js";
