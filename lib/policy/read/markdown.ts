/**
 * Markdown (and the plain text the seeds are) to HTML, so every document takes the same HTML path.
 * `marked` is a well-kept CommonMark + GFM renderer that runs in Node, workers and pages; it passes
 * inline HTML through, which is what policy Markdown often contains (tables written as HTML).
 */
import { Marked } from 'marked';
import { runSync, type Budget, type Steps } from './steps';

const marked = new Marked({ gfm: true, breaks: false, async: false });

/** Render Markdown to HTML. Kramdown attribute lines (`{:.class}`, `{.table}`) are dropped first. */
export function markdownToHtml(md: string): string {
  return runSync(markdownToHtmlSteps(md));
}

/**
 * The same in steps. A large document is rendered piece by piece (see `pieces`), with a pause point after
 * each, and only its first `MAX_MARKDOWN_CHARS` (`marked` renders about 5 MB/s: all of a 5 MB page would
 * hold the reader past its 1 s aim).
 */
export function* markdownToHtmlSteps(md: string, budget?: Budget, warnings?: string[]): Steps<string> {
  if (md.length > MAX_MARKDOWN_CHARS) {
    warnings?.push(`Markdown of ${md.length} characters: only the first ${MAX_MARKDOWN_CHARS} were read`);
    md = md.slice(0, MAX_MARKDOWN_CHARS);
  }
  const cleaned = md
    .replace(/^\uFEFF?---\r?\n[\s\S]{0,20000}?\r?\n---\r?\n/, '') // YAML front matter
    // Line-anchored patterns use [ \t], never \s: \s crosses line ends, and on a page of blank lines every
    // line start scanned to the end (100,000 blank lines took 95 s).
    .replace(/^[ \t]*\{:?[ \t]*[.#][^}\n]*\}[ \t]*$/gm, '')
    .replace(/\{:?\s*\.[\w-]+\s*\}/g, '')
    ;
  yield;
  const parts = pieces(cleaned);
  const html: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    yield;
    if (budget?.spent) {
      const w = budget.warning(`Markdown rendered up to piece ${i} of ${parts.length}`);
      if (w) warnings?.push(w);
      break;
    }
    // Line by line, so piece by piece gives what the whole would.
    html.push(marked.parse(keepPlaceholders(escapeTableUnderscores(fixDelimiterRows(flattenDeepNesting(parts[i]!))))) as string);
  }
  return html.join('\n');
}

/** Markdown and plain text past this are not read (the largest Markdown policy in the corpus is 210 KB). */
export const MAX_MARKDOWN_CHARS = 1_500_000;

/** Documents up to this size are rendered whole, as they always were; larger ones piece by piece. */
const WHOLE_UP_TO = 256 * 1024;
const PIECE = 32 * 1024;
const LIST_ITEM = /^(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;

/**
 * A table's delimiter row (`|---|:--:|`, `---|---`): what `/^\s*\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)+\|?\s*$/` says,
 * without that pattern's backtracking over runs of spaces (a second per thousand indented lines).
 */
export function isDelimiterRow(line: string): boolean {
  if (line.length > 4096 || !line.includes('-') || !line.includes('|')) return false;
  let t = line.trim();
  if (t.startsWith('|')) t = t.slice(1);
  const cells = t.split('|');
  if (cells.length < 2) return false;
  if (!/^:?-+:?$/.test(cells[0]!.trim())) return false;
  for (let i = 1; i < cells.length; i++) if (!/^:?-*:?$/.test(cells[i]!.trim())) return false;
  return true;
}

/**
 * A large Markdown document cut into pieces that render alone as they would in place, so that rendering
 * (`marked` is synchronous, about 1 s for 5 MB) can pause between pieces. Cuts go, by preference:
 *   - before an unindented line after a blank line, outside fenced code, that does not continue a list;
 *   - past two pieces' worth, between the rows of a table, the next piece starting with the table's header;
 *   - past four pieces' worth, at any line (a fence open at the cut is closed and reopened).
 * Lines longer than a piece are first broken at a space: a line end inside a paragraph is a soft break.
 */
export function pieces(md: string): string[] {
  if (md.length <= WHOLE_UP_TO) return [md];
  const lines: string[] = [];
  for (const line of md.split('\n')) {
    if (line.length <= PIECE) {
      lines.push(line);
      continue;
    }
    for (let at = 0; at < line.length; ) {
      let cut = Math.min(line.length, at + PIECE);
      if (cut < line.length) {
        const space = line.lastIndexOf(' ', cut);
        if (space > at) cut = space + 1;
      }
      lines.push(line.slice(at, cut));
      at = cut;
    }
  }
  const out: string[] = [];
  let piece: string[] = [];
  let size = 0;
  let fence: string | null = null;
  let prevBlank = true;
  let tableHead: string[] | null = null;
  const cut = (carry: string[]) => {
    out.push(piece.join('\n'));
    piece = [...carry];
    size = carry.reduce((n, l) => n + l.length + 1, 0);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const blank = line.trim() === '';
    if (size >= PIECE) {
      if (fence === null && prevBlank && !blank && /^\S/.test(line) && !LIST_ITEM.test(line)) cut([]);
      else if (fence === null && size >= 2 * PIECE && tableHead && line.includes('|')) cut(tableHead);
      else if (size >= 4 * PIECE) {
        if (fence !== null) piece.push(fence);
        cut(fence !== null ? [fence] : []);
      }
    }
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]![0] === fence[0] && f[1]!.length >= fence.length && line.trim() === f[1]) fence = null;
    }
    if (blank) tableHead = null;
    else if (fence === null && isDelimiterRow(line) && i > 0 && lines[i - 1]!.includes('|')) tableHead = [lines[i - 1]!, line];
    piece.push(line);
    size += line.length + 1;
    prevBlank = blank;
  }
  if (piece.length > 0) out.push(piece.join('\n'));
  return out;
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
    if (!isDelimiterRow(line)) continue;
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
  return md.replace(/^[ \t]*\|.*\|[ \t]*$/gm, (row) => row.replace(/(?<!\\)_(?=[\w{])|(?<=[\w}])(?<!\\)_/g, '\\_'));
}

const HTML_TAGS = new Set(
  ('a abbr b bdi bdo big blockquote br button center cite code data dd del details dfn div dl dt em figure font ' +
    'h1 h2 h3 h4 h5 h6 hr i img input ins kbd label li mark nobr ol option p pre q s samp section select small span ' +
    'strike strong sub summary sup table tbody td tfoot th thead time tr tt u ul var wbr').split(' '),
);

/**
 * A placeholder in angle brackets glued to a name (`_ga_<ID>`, `ttcsid\_<ID>`, `_ga_<container-id>`) is text,
 * not a tag: escaped so the renderer keeps it (issue 13). Real tags (`word<br>`) and code spans are left alone.
 */
function keepPlaceholders(md: string): string {
  if (!md.includes('<')) return md;
  return md
    .split('\n')
    .map((line) => {
      if (!line.includes('<')) return line;
      // Outside code spans only: the even parts of a split on backticks.
      return line
        .split('`')
        .map((part, i) =>
          i % 2 === 1 ? part : part.replace(/(?<=[\w\\.\-])<([A-Za-z][\w-]{0,40})>/g, (m, tag: string) => (HTML_TAGS.has(tag.toLowerCase()) ? m : `\\<${tag}\\>`)),
        )
        .join('`');
    })
    .join('\n');
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
  return runSync(textToHtmlSteps(text));
}

export function* textToHtmlSteps(text: string, budget?: Budget, warnings?: string[]): Steps<string> {
  if (text.length > MAX_MARKDOWN_CHARS) {
    warnings?.push(`text of ${text.length} characters: only the first ${MAX_MARKDOWN_CHARS} were read`);
    text = text.slice(0, MAX_MARKDOWN_CHARS);
  }
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
  yield;
  return yield* markdownToHtmlSteps(out.join('\n'), budget, warnings);
}

function escapeMd(s: string): string {
  return s.replace(/([\\`*_[\]<>])/g, '\\$1').replace(/^(\d+)\.(\s)/, '$1\\.$2');
}
