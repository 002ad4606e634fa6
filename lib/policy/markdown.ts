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
    .replace(/^\s*\{:?\s*[.#][^}\n]*\}\s*$/gm, '')
    .replace(/\{:?\s*\.[\w-]+\s*\}/g, '')
    // kramdown tables written `-|-` separators
    .replace(/^\s*-\|-[-|\s]*$/gm, (line) => line.replace(/-/g, '---'));
  return marked.parse(cleaned) as string;
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
