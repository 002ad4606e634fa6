/**
 * Flatten a parsed page into blocks in reading order: headings, tables, list items and paragraphs.
 * The extractor reads blocks, never raw HTML.
 */
import { findAll, isBlock, textOf, type HtmlElement, type HtmlNode } from './html-tree';
import { runSync, type Budget, type Steps } from './steps';

export interface Cell {
  text: string;
  /** Texts of <code> children: when present, they are the names a cell lists. */
  codes: string[];
  header: boolean;
  colspan: number;
}

export type Block =
  /** `anchor`: the heading's id or the name of an anchor inside it (a translated page keeps the original's). */
  | { kind: 'heading'; level: number; text: string; anchor?: string }
  | { kind: 'table'; rows: Cell[][]; headRows: number }
  | { kind: 'item'; text: string; depth: number; codes: string[]; lead: string | null }
  | { kind: 'paragraph'; text: string; codes: string[]; lead: string | null };

const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const MAX_ROWS = 20_000;
const MAX_CELLS_PER_ROW = 50;
const CODE = new Set(['code']);
const ROWS = new Set(['tr']);
const CELLS = new Set(['td', 'th']);

export interface BlocksResult {
  blocks: Block[];
  warnings: string[];
}

export function toBlocks(root: HtmlElement): BlocksResult {
  return runSync(toBlocksSteps(root));
}

/** The same, in steps (a pause point per element), stopping when the budget is spent. */
export function* toBlocksSteps(root: HtmlElement, budget?: Budget): Steps<BlocksResult> {
  const blocks: Block[] = [];
  const warnings: string[] = [];
  yield* walk(root, 0, blocks, warnings, budget);
  return { blocks, warnings };
}

function* walk(el: HtmlElement, listDepth: number, out: Block[], warnings: string[], budget: Budget | undefined): Steps<void> {
  // Iterative over siblings, recursive over structure: depth is bounded by the tree builder.
  let inline: HtmlNode[] = [];
  const flushInline = () => {
    if (inline.length === 0) return;
    const holder: HtmlElement = { type: 'element', name: 'span', attribs: {}, children: inline, parent: null };
    pushText(holder, out, 'paragraph', listDepth);
    inline = [];
  };
  for (const child of el.children) {
    if (child.type === 'text') {
      inline.push(child);
      continue;
    }
    yield;
    if (budget?.spent) {
      const w = budget.warning('the rest of the page was not read');
      if (w) warnings.push(w);
      break;
    }
    if (!isBlock(child.name) && !hasBlockInside(child)) {
      inline.push(child);
      continue;
    }
    flushInline();
    const level = HEADINGS[child.name];
    if (level !== undefined) {
      const text = textOf(child, 500).replace(/\n/g, ' ');
      const anchor = anchorOf(child);
      if (text) out.push(anchor ? { kind: 'heading', level, text, anchor } : { kind: 'heading', level, text });
      continue;
    }
    if (child.name === 'summary' || child.name === 'dt' || child.name === 'caption') {
      const text = textOf(child, 500).replace(/\n/g, ' ');
      if (text) out.push({ kind: 'heading', level: 7, text });
      continue;
    }
    if (child.name === 'table') {
      const table = yield* tableBlock(child, warnings);
      if (table.rows.length > 0) out.push(table);
      continue;
    }
    if (child.name === 'li') {
      // The item's own text (without nested lists) is one block; nested lists follow at a deeper level.
      const own: HtmlNode[] = [];
      const nested: HtmlElement[] = [];
      for (const c of child.children) {
        if (c.type === 'element' && (c.name === 'ul' || c.name === 'ol' || c.name === 'table')) nested.push(c);
        else own.push(c);
      }
      const holder: HtmlElement = { type: 'element', name: 'li', attribs: {}, children: own, parent: null };
      pushText(holder, out, 'item', listDepth);
      for (const n of nested) {
        const wrapper: HtmlElement = { type: 'element', name: 'div', attribs: {}, children: [n], parent: null };
        yield* walk(wrapper, listDepth + 1, out, warnings, budget);
      }
      continue;
    }
    if (child.name === 'p' && !child.children.some((c) => c.type === 'element' && isBlock(c.name))) {
      // A short paragraph that is only bold text reads as a heading ("Essential Cookies").
      if (isBoldOnly(child)) {
        const text = textOf(child, 500).replace(/\n/g, ' ');
        if (text && text.length <= 120) {
          out.push({ kind: 'heading', level: 7, text });
          continue;
        }
      }
      pushText(child, out, 'paragraph', listDepth);
      continue;
    }
    yield* walk(child, listDepth, out, warnings, budget);
  }
  flushInline();
}

/** A heading's own id, or the id / name of an anchor at its start: `<h4><a name="x"></a>Text</h4>`. */
function anchorOf(h: HtmlElement): string | undefined {
  if (h.attribs.id) return h.attribs.id.slice(0, 200);
  const a = h.children.find((c): c is HtmlElement => c.type === 'element');
  const id = a?.name === 'a' ? (a.attribs.name ?? a.attribs.id) : undefined;
  return id ? id.slice(0, 200) : undefined;
}

/** Does an element hold block content (a <span> or <bdt> wrapping tables, <html>, <body>, custom elements)? */
function hasBlockInside(el: HtmlElement): boolean {
  const stack: HtmlNode[] = [...el.children];
  let budget = 5_000;
  while (stack.length > 0 && budget-- > 0) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    if (isBlock(n.name)) return true;
    for (const c of n.children) stack.push(c);
  }
  return budget <= 0;
}

function isBoldOnly(p: HtmlElement): boolean {
  let bold = false;
  for (const c of p.children) {
    if (c.type === 'text') {
      if (c.data.trim()) return false;
    } else if (c.name === 'strong' || c.name === 'b') bold = true;
    else if (c.name !== 'br') return false;
  }
  return bold;
}

function pushText(el: HtmlElement, out: Block[], kind: 'item' | 'paragraph', depth: number): void {
  const text = textOf(el, 20_000);
  if (!text) return;
  const codes = findAll(el, CODE).map((c) => textOf(c, 300)).filter((t) => t.length > 0);
  const lead = leadOf(el);
  if (kind === 'item') out.push({ kind, text, depth, codes, lead });
  else out.push({ kind, text, codes, lead });
}

/** The bold or code text an item or paragraph starts with ("**_ga**: ..."), if any. */
function leadOf(el: HtmlElement): string | null {
  for (const c of el.children) {
    if (c.type === 'text') {
      if (c.data.trim()) return null;
      continue;
    }
    if (c.name === 'strong' || c.name === 'b' || c.name === 'code' || c.name === 'em') return textOf(c, 300) || null;
    if (c.name === 'p' || c.name === 'span') return leadOf(c);
    return null;
  }
  return null;
}

function* tableBlock(table: HtmlElement, warnings: string[]): Steps<Extract<Block, { kind: 'table' }>> {
  const rows: Cell[][] = [];
  let headRows = 0;
  // Rows of this table only, not of tables nested in its cells.
  const trs: HtmlElement[] = [];
  const stack: HtmlNode[] = [...table.children].reverse();
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    if (n.name === 'table') continue;
    if (ROWS.has(n.name)) {
      trs.push(n);
      continue;
    }
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  if (trs.length > MAX_ROWS) warnings.push(`table with ${trs.length} rows: only the first ${MAX_ROWS} were read`);
  let n = 0;
  for (const tr of trs.slice(0, MAX_ROWS)) {
    if (++n % 64 === 0) yield;
    const cells: Cell[] = [];
    for (const td of tr.children) {
      if (td.type !== 'element' || !CELLS.has(td.name)) continue;
      if (cells.length >= MAX_CELLS_PER_ROW) break;
      const colspan = Math.min(Math.max(parseInt(td.attribs.colspan ?? '1', 10) || 1, 1), MAX_CELLS_PER_ROW);
      cells.push({
        text: textOf(td, 5_000),
        codes: findAll(td, CODE).map((c) => textOf(c, 300)).filter((t) => t.length > 0),
        header: td.name === 'th',
        colspan,
      });
    }
    if (cells.length === 0) continue;
    const inHead = tr.parent?.name === 'thead';
    if (inHead && rows.length === headRows) headRows++;
    rows.push(cells);
  }
  return { kind: 'table', rows, headRows };
}
