/**
 * A heading per cookie (issue 13): "#### ARRAffinity" then a paragraph on what it does, or key-value lines
 * ("Typ: …", "Dauer: …"). A run of sibling headings reads as cookie names when most of them plainly are names
 * (technical-looking, or known). A heading that is a display name ("ASP.Net Session Id") names the known cookie
 * it spells once case, spaces and punctuation are set aside, or, on a translated page, the one its anchor spells
 * (`<a name="dynamics-365-portal-analytics">` above "Análisis de portal de Dynamics 365"), or the name its text
 * writes in code; a display name that gives no name by any of these is left out, with a warning.
 */
import type { Block } from './blocks';
import { cleanName, looksLikeName, looksTechnical } from './names';
import { roleOfHeader } from './columns';
import { KV_LABEL } from './key-value';

/** The known cookie name a display name stands for, or null. */
export type NameOfDisplay = (display: string) => string | null;

export interface CookieHeading {
  /** The cookie's name, or null for a display name that spells no known cookie. */
  name: string | null;
  /** Index of the first block after this heading's body. */
  end: number;
}

type Heading = Extract<Block, { kind: 'heading' }>;

/** Every heading that declares a cookie, by its block index. */
export function cookieHeadings(blocks: readonly Block[], nameOf: NameOfDisplay | null): Map<number, CookieHeading> {
  const out = new Map<number, CookieHeading>();
  for (let i = 0; i < blocks.length; i++) {
    const first = blocks[i]!;
    if (first.kind !== 'heading') continue;
    const run = runAt(blocks, i, first.level);
    if (run.length >= 2) {
      const names = run.map((r) => {
        const n = nameOfHeading(blocks[r.at] as Heading, nameOf);
        // A display name the knowledge base does not know, with the name in code below it ("`sess_id` keeps …").
        return n.name === null ? { name: codeNameIn(blocks, r.at + 1, r.end), strong: false } : n;
      });
      const plain = names.filter((n) => n.strong).length;
      if (plain >= Math.max(2, run.length * 0.6)) {
        run.forEach((r, k) => out.set(r.at, { name: names[k]!.name, end: r.end }));
      }
    }
    // The run was judged as a whole: go on after it.
    if (run.length > 0) i = run[run.length - 1]!.end - 1;
  }
  return out;
}

/**
 * Sibling headings of one level, each followed by text (paragraphs, items) and nothing else: a table, a
 * deeper heading or a heading without text ends the run, and so does a body with a "Name:" line (a
 * key-value record, read as such).
 */
function runAt(blocks: readonly Block[], start: number, level: number): Array<{ at: number; end: number }> {
  const run: Array<{ at: number; end: number }> = [];
  let i = start;
  while (i < blocks.length) {
    const h = blocks[i]!;
    if (h.kind !== 'heading' || h.level !== level) break;
    let j = i + 1;
    let named = false;
    while (j < blocks.length && (blocks[j]!.kind === 'paragraph' || blocks[j]!.kind === 'item')) {
      const b = blocks[j] as Extract<Block, { kind: 'paragraph' | 'item' }>;
      for (const line of b.text.split('\n')) {
        const m = KV_LABEL.exec(line);
        if (m && (roleOfHeader(m[1]!, true) === 'name' || roleOfHeader(m[1]!, true) === 'key')) named = true;
      }
      j++;
    }
    if (j === i + 1 || named) break;
    run.push({ at: i, end: j });
    i = j;
  }
  return run;
}

function nameOfHeading(h: Heading, nameOf: NameOfDisplay | null): { name: string | null; strong: boolean } {
  const text = cleanName(h.text);
  if (looksLikeName(text)) {
    const known = nameOf?.(text) === text;
    // All lower case ("timezoneoffset") reads as a name among names; a capitalised word ("Overview") does not.
    if (looksTechnical(text) || known) return { name: text, strong: true };
    return { name: /^[a-z0-9]+$/.test(text) ? text : null, strong: false };
  }
  const display = nameOf?.(h.text) ?? (h.anchor ? nameOf?.(h.anchor) : null) ?? null;
  return { name: display, strong: display !== null };
}

/** The first name written in code in a heading's body, or null. */
function codeNameIn(blocks: readonly Block[], from: number, to: number): string | null {
  for (let i = from; i < to; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'paragraph' && b.kind !== 'item') continue;
    for (const code of b.codes) {
      const name = cleanName(code);
      if (looksLikeName(name) && looksTechnical(name)) return name;
    }
  }
  return null;
}
