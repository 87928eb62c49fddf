/**
 * Interactive `init`: one question per config field, the detected value as the default (Enter
 * keeps it), each answer validated by `loadConfig` and asked again when it is wrong.
 */
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { ConfigError } from "../../transforms/lib/config.js";
import { UsageError } from "../files.js";
import { validateConfig, type ConfigValues } from "./config-file.js";

export interface Prompter {
  /** The answer line, or undefined when the input has ended. */
  ask(question: string): Promise<string | undefined>;
  say(text: string): void;
  close(): void;
}

interface Question {
  field: string;
  label: string;
  show(value: unknown): string;
  parse(answer: string): unknown;
}

const asText = (value: unknown) => String(value);
const NONE = /^(none|-)$/i;

const QUESTIONS: Question[] = [
  { field: "app", label: "App name (first key segment)", show: asText, parse: (a) => a },
  { field: "envVar", label: "Variable naming the environment (second key segment)", show: asText, parse: (a) => a },
  { field: "defaultTtlSeconds", label: "Default TTL in seconds", show: asText, parse: (a) => (/^\d+$/.test(a) ? Number(a) : a) },
  {
    field: "persistentKeys",
    label: "Key patterns that may live without a TTL (comma-separated, 'none')",
    show: (v) => ((v as string[]).length ? (v as string[]).join(", ") : "none"),
    parse: (a) => (NONE.test(a) ? [] : a.split(",").map((p) => p.trim()).filter(Boolean)),
  },
  { field: "keyModule", label: "Key helper module", show: asText, parse: (a) => a },
  { field: "clientModule", label: "Shared client module", show: asText, parse: (a) => a },
];

/** A prompter over any pair of streams; lines typed ahead of a question are kept for it. */
export function streamPrompter(input: Readable, output: Writable): Prompter {
  const rl = createInterface({ input, output, terminal: Boolean((input as { isTTY?: boolean }).isTTY) });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(question) {
      rl.setPrompt(question);
      rl.prompt();
      const next = await lines.next();
      return next.done ? undefined : String(next.value);
    },
    say: (text) => void output.write(`${text}\n`),
    close: () => rl.close(),
  };
}

/** Asks for each field in turn and returns the answered config. */
export async function askConfig(prompter: Prompter, values: ConfigValues, root: string): Promise<ConfigValues> {
  let answered = { ...values };
  for (const q of QUESTIONS) answered = await askOne(prompter, q, answered, root);
  return answered;
}

async function askOne(prompter: Prompter, q: Question, values: ConfigValues, root: string): Promise<ConfigValues> {
  for (;;) {
    const answer = await prompter.ask(`${q.label} [${q.show(values[q.field])}]: `);
    if (answer === undefined) throw new UsageError("input ended before the questions were answered; use --yes to accept the detected values");
    if (answer.trim() === "") return values;
    const candidate = { ...values, [q.field]: q.parse(answer.trim()) };
    try {
      validateConfig(root, candidate);
      return candidate;
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      prompter.say(`  ${error.message}`);
    }
  }
}
