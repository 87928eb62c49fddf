#!/usr/bin/env node
/** Regenerates the transforms table in README.md from the built registry (`npm run build` first). */
import { readFileSync, writeFileSync } from "node:fs";
import { transforms } from "../dist/transforms/registry.js";
import { transformsTable } from "../dist/src/docs.js";

const readme = new URL("../README.md", import.meta.url);
writeFileSync(readme, transformsTable(readFileSync(readme, "utf8"), transforms));
