/**
 * Markdown (and the plain text the seeds are) to HTML, so every document takes the same HTML path.
 * `marked` is a well-kept CommonMark + GFM renderer that runs in Node, workers and pages; it passes
 * inline HTML through, which is what policy Markdown often contains (tables written as HTML).
 */
import { Marked } from 'marked';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Render Markdown to HTML. Kramdown attribute lines (`{:.class}`, `{.table}`) are dropped first. */
export function markdownToHtml(md: string): string {
  const cleaned = md
    .replace(/^\uFEFF?---\r?\n[\s\S]{0,20000}?\r?\n---\r?\n/, '') // YAML front matter
    .replace(/^\s*\{:?\s*[.#][^}\n]*\}\s*$/gm, '')
    .replace(/\{:?\s*\.[\w-]+\s*\}/g, '')
    ;
  return marked.parse(escapeTableUnderscores(fixDelimiterRows(flattenDeepNesting(cleaned)))) as string;
}

const MAX_INDENT = 24;
const MAX_MARKERS = 6;

/**
 * Hostile nesting: marked recurses per level of list or quote, so thousands of levels overflow the stack,
 * and deep indentation costs it super-linear time. No real policy nests more than a few levels: cap the
 * indentation and the run of markers a line starts with.
 */
function flattenDeepNesting(md: string): string {
  return md.replace(/^[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|>)[ \t]*)*/gm, (lead) => {
    if (lead.length <= MAX_INDENT) return lead;
    const indent = /^[ \t]*/.exec(lead)![0].replace(/\t/g, '    ');
    const markers = lead.slice(/^[ \t]*/.exec(lead)![0].length).match(/(?:[-*+]|\d{1,9}[.)]|>)[ \t]*/g) ?? [];
    return ' '.repeat(Math.min(indent.length, MAX_INDENT)) + markers.slice(0, MAX_MARKERS).join('');
  });
}

/**
 * GFM wants a table's delimiter row to have as many cells as its header; kramdown accepts `-|-` for any
 * width. Rewrite every delimiter row to match the row above it.
 */
function fixDelimiterRows(md: string): string {
  const lines = md.split('\n');
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/^\s*\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)+\|?\s*$/.test(line) || !line.includes('|')) continue;
    const header = lines[i - 1]!;
    if (!header.includes('|')) continue;
    const cells = splitRow(header).length;
    const wanted = splitRow(line).length;
    if (cells > 0 && cells !== wanted) lines[i] = `|${' --- |'.repeat(cells)}`;
  }
  return lines.join('\n');
}

/**
 * In table rows, underscores are cookie names (`_BEAMER_FIRST_VISIT_{product ID}`), not emphasis:
 * escape them so the renderer keeps them.
 */
function escapeTableUnderscores(md: string): string {
  return md.replace(/^\s*\|.*\|\s*$/gm, (row) => row.replace(/(?<!\\)_(?=[\w{])|(?<=[\w}])(?<!\\)_/g, '\\_'));
}

function splitRow(row: string): string[] {
  let r = row.trim();
  if (r.startsWith('|')) r = r.slice(1);
  if (r.endsWith('|') && !r.endsWith('\\|')) r = r.slice(0, -1);
  return r.split(/(?<!\\)\|/);
}

/**
 * Plain text extracted from a page (the seeds): each line is a paragraph, except pipe-table lines, which
 * stay together so the Markdown renderer sees the table. A short line that ends without punctuation and
 * is followed by text reads as a heading.
 */
export function textToHtml(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let inTable = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trimEnd();
    const isTable = line.includes('|');
    if (isTable) {
      if (!inTable) out.push('');
      // GFM needs the first row to be the header: make sure each row starts and ends with a pipe.
      let row = line.trim();
      if (!row.startsWith('|')) row = `| ${row}`;
      if (!row.endsWith('|')) row = `${row} |`;
      out.push(row);
      inTable = true;
      continue;
    }
    inTable = false;
    const trimmed = line.trim();
    if (!trimmed) continue;
    out.push('');
    if (/^[-•*]\s/.test(trimmed)) {
      out.push(trimmed.replace(/^[•*]/, '-'));
    } else if (trimmed.length <= 80 && !/[.:;,!?]$/.test(trimmed) && !/:\s/.test(trimmed)) {
      out.push(`### ${escapeMd(trimmed)}`);
    } else {
      out.push(escapeMd(trimmed));
    }
  }
  return markdownToHtml(out.join('\n'));
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/^(\d+)\.(\s)/, '$1\\.$2');
}
