/** Pretty rendering of `inspect`. */
import { createColors } from "picocolors";
import type { Inspection } from "../inspect.js";

export function renderInspection(result: Inspection, color: boolean): string {
  const c = createColors(color);
  const out: string[] = [];
  for (const f of result.files) {
    out.push(c.bold(f.path));
    for (const cl of f.clients) {
      const flavour = cl.major ? `${cl.flavour}@${cl.major}` : cl.flavour;
      out.push(`  ${c.green("client")}   ${f.path}:${cl.line}  ${cl.name}  ${c.cyan(flavour)}${cl.cluster ? " cluster" : ""}  ${c.dim(cl.proof)}`);
    }
    for (const cmd of f.commands) {
      const keys = cmd.keys.length ? cmd.keys.join(", ") : "-";
      const extra = [cmd.form !== "method" ? cmd.form : "", cmd.inTransaction ? "queued" : "", cmd.keysComplete ? "" : "keys incomplete"].filter(Boolean).join(", ");
      out.push(`  ${c.blue("command")}  ${f.path}:${cmd.line}:${cmd.column}  ${cmd.command.padEnd(10)} keys: ${keys}${extra ? c.dim(`  (${extra})`) : ""}`);
    }
    for (const p of f.possibleClients) {
      out.push(`  ${c.yellow("possible")} ${f.path}:${p.line}:${p.column}  ${p.receiver}.${p.method}  ${c.dim(p.reason)}`);
    }
  }
  for (const e of result.errors) out.push(`${c.red("error")} ${e.path}: ${e.reason}`);
  const s = result.summary;
  out.push(`\n${s.files} files: ${s.clients} clients, ${s.commands} command calls, ${s.possibleClients} possible clients`);
  return out.join("\n") + "\n";
}
