/**
 * Markdown that must fit GitHub's 65,536-character limit on comment and review bodies: parts are
 * added in priority order, parts that do not fit are cut whole and named in a closing note.
 */

/** GitHub rejects comment and review bodies longer than this. */
export const GITHUB_BODY_LIMIT = 65_536;

/** Room kept for the closing note; it is itself capped below this. */
const NOTE_RESERVE = 4_000;
const NAMES_IN_NOTE = 8;

export class Budget {
  private readonly parts: string[] = [];
  private used = 0;
  private readonly cut = new Map<string, string[]>();

  constructor(private readonly limit: number = GITHUB_BODY_LIMIT) {}

  /** Adds a part that must be shown whatever its size (headers, the summary). */
  always(text: string): void {
    this.parts.push(text);
    this.used += text.length;
  }

  /** Adds `text` when it fits, else records `name` under `kind` as cut; says whether it was added. */
  add(text: string, kind: string, name: string): boolean {
    if (this.used + text.length > this.limit - NOTE_RESERVE) {
      this.cut.set(kind, [...(this.cut.get(kind) ?? []), name]);
      return false;
    }
    this.always(text);
    return true;
  }

  /** Adds a section: its heading goes in with the first item that fits. */
  section(heading: string, items: Array<{ text: string; name: string }>, kind: string): void {
    let headed = false;
    for (const item of items) {
      const added = this.add(headed ? item.text : heading + item.text, kind, item.name);
      headed ||= added;
    }
  }

  /** The text, ending with a note naming what was cut when something was. */
  toString(): string {
    const body = this.parts.join("");
    const note = this.note();
    const text = note ? `${body}\n${note}\n` : body;
    // The always-parts are small by construction; this only guards against a pathological report.
    return text.length <= this.limit ? text : `${text.slice(0, this.limit - 80)}\n\n… (cut at ${this.limit} characters)\n`;
  }

  private note(): string {
    if (!this.cut.size) return "";
    const lines = [...this.cut].map(([kind, names]) => {
      const shown = names.slice(0, NAMES_IN_NOTE).map((n) => `\`${n.replace(/`/g, "'").slice(0, 80)}\``).join(", ");
      const more = names.length > NAMES_IN_NOTE ? ` and ${names.length - NAMES_IN_NOTE} more` : "";
      return `- ${names.length} ${kind}: ${shown}${more}`;
    });
    return `> [!NOTE]\n> Cut to stay under GitHub's ${this.limit.toLocaleString("en-US")}-character limit; run with \`--format json\` or \`--dry\` for everything:\n${lines.map((l) => `> ${l}`).join("\n")}`;
  }
}
