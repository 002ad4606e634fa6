/**
 * A small, bounded element tree built from htmlparser2's streaming callbacks. We build our own rather than
 * use a full DOM so that every bound a hostile page could push on (nodes, depth, text) is enforced while
 * parsing, and so that the same code runs in Node, a service worker and a page.
 */
import { Parser, type Handler } from 'htmlparser2';
import { runSync, type Budget, type Steps } from './steps';

export interface HtmlElement {
  type: 'element';
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}

export interface HtmlText {
  type: 'text';
  data: string;
}

export type HtmlNode = HtmlElement | HtmlText;

export interface TreeLimits {
  maxNodes: number;
  maxDepth: number;
  /**
   * Open elements htmlparser2 may hold at once (its own stack, script and SVG included). Deeper opening tags
   * are dropped before the parser sees them: see `BoundedParser`.
   */
  maxOpen: number;
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { maxNodes: 400_000, maxDepth: 200, maxOpen: 256 };

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head']);

export interface ParsedHtml {
  root: HtmlElement;
  warnings: string[];
}

/** HTML is fed to the parser in chunks of this many characters, with a pause point between chunks. */
const CHUNK = 32 * 1024;

/** Elements htmlparser2 never pushes on its stack. */
const VOID = new Set([
  'area', 'base', 'basefont', 'br', 'col', 'command', 'embed', 'frame', 'hr', 'img', 'input', 'isindex', 'keygen',
  'link', 'meta', 'param', 'source', 'track', 'wbr',
]);
/** Elements whose content the tokenizer reads as raw text by their name: never dropped, or their text would show. */
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'iframe', 'noembed', 'noframes', 'plaintext']);

/**
 * htmlparser2 with a bound on its open-element stack.
 *
 * htmlparser2 keeps that stack with `Array#unshift` / `shift` and searches it with `indexOf`, so every tag
 * costs time in proportion to the nesting: 100,000 nested <div> took 11 s and 100,000 nested table cells
 * 100 s (issue 8), and a bound applied to the tree after parsing came too late. Here an opening tag that
 * would push the stack past `maxOpen` is dropped before the parser sees it (its attributes and its
 * closing tag with it), so each tag costs at most `maxOpen` steps and any document parses in linear time.
 * What is dropped is structure only: the text inside still goes to the deepest element kept. Void and
 * raw-text elements are never dropped (they cannot nest, and a dropped <script> would show its code).
 */
class BoundedParser extends Parser {
  /** Dropped opening tags by name, still open: their closing tags are dropped too. */
  private readonly dropped = new Map<string, number>();
  private droppedOpen = 0;
  droppedTotal = 0;

  constructor(
    handler: Partial<Handler>,
    private readonly source: string,
    private readonly maxOpen: number,
    private readonly depth: () => number,
  ) {
    super(handler, PARSER_OPTIONS);
  }

  override onopentagname(start: number, endIndex: number): void {
    if (this.depth() >= this.maxOpen) {
      const name = this.source.slice(start, endIndex).toLowerCase();
      if (!VOID.has(name) && !RAW_TEXT.has(name)) {
        // Not calling the parser leaves its current tag empty: the attributes and the tag's end are no-ops.
        this.dropped.set(name, (this.dropped.get(name) ?? 0) + 1);
        this.droppedOpen++;
        this.droppedTotal++;
        return;
      }
    }
    super.onopentagname(start, endIndex);
  }

  override onclosetag(start: number, endIndex: number): void {
    if (this.droppedOpen > 0) {
      const name = this.source.slice(start, endIndex).toLowerCase();
      const open = this.dropped.get(name);
      if (open) {
        if (open === 1) this.dropped.delete(name);
        else this.dropped.set(name, open - 1);
        this.droppedOpen--;
        this.endIndex = endIndex;
        this.startIndex = endIndex + 1;
        return;
      }
    }
    super.onclosetag(start, endIndex);
  }
}

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true };

/** Parse HTML into a bounded tree. Scripts, styles and other non-text content are dropped. */
export function parseHtml(html: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): ParsedHtml {
  return runSync(parseHtmlSteps(html, limits));
}

/**
 * The same, in steps: a pause point after each chunk of input. With a budget, parsing stops once it is spent
 * (the tree holds what was read so far, and a warning says so).
 */
export function* parseHtmlSteps(html: string, limits: TreeLimits = DEFAULT_TREE_LIMITS, budget?: Budget): Steps<ParsedHtml> {
  const root: HtmlElement = { type: 'element', name: '#root', attribs: {}, children: [], parent: null };
  const warnings: string[] = [];
  let current = root;
  let depth = 0;
  // Elements opened past the depth bound are not added; we count them so their closes are ignored too.
  let overflowDepth = 0;
  let skipDepth = 0;
  let nodes = 0;
  let stopped = false;
  let depthWarned = false;
  // Elements open in the parser (its stack): every element it opens is closed by an event, voids at once.
  let open = 0;

  const handler: Partial<Handler> = {
    onopentagname() {
      open++;
    },
    onopentag(name, attribs) {
      if (stopped) return;
      if (skipDepth > 0 || SKIPPED.has(name)) {
        skipDepth++;
        return;
      }
      if (depth >= limits.maxDepth) {
        overflowDepth++;
        if (!depthWarned) {
          warnings.push(`HTML nested deeper than ${limits.maxDepth} elements: deeper structure flattened`);
          depthWarned = true;
        }
        return;
      }
      if (++nodes > limits.maxNodes) {
        stopped = true;
        warnings.push(`HTML has more than ${limits.maxNodes} nodes: the rest was not read`);
        return;
      }
      const el: HtmlElement = { type: 'element', name, attribs, children: [], parent: current };
      current.children.push(el);
      current = el;
      depth++;
    },
    onclosetag() {
      open--;
      if (stopped) return;
      if (skipDepth > 0) {
        skipDepth--;
        return;
      }
      if (overflowDepth > 0) {
        overflowDepth--;
        return;
      }
      if (current.parent) {
        current = current.parent;
        depth--;
      }
    },
    ontext(data) {
      if (stopped || skipDepth > 0) return;
      const last = current.children[current.children.length - 1];
      if (last && last.type === 'text') {
        last.data += data;
        return;
      }
      if (++nodes > limits.maxNodes) {
        stopped = true;
        warnings.push(`HTML has more than ${limits.maxNodes} nodes: the rest was not read`);
        return;
      }
      current.children.push({ type: 'text', data });
    },
  };
  const parser = new BoundedParser(handler, html, limits.maxOpen, () => open);
  for (let at = 0; at < html.length && !stopped; at += CHUNK) {
    if (budget?.spent) {
      const w = budget.warning(`HTML read up to character ${at} of ${html.length}`);
      if (w) warnings.push(w);
      break;
    }
    parser.write(html.slice(at, at + CHUNK));
    yield;
  }
  parser.end();
  if (parser.droppedTotal > 0 && !depthWarned) {
    warnings.push(`HTML nested deeper than ${limits.maxDepth} elements: deeper structure flattened`);
  }
  return { root, warnings };
}

const BLOCK = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'ul', 'ol', 'li', 'dl', 'dt', 'dd',
  'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre',
  'details', 'summary', 'form', 'fieldset', 'figure', 'figcaption', 'caption', 'address', 'hr',
]);

export function isBlock(name: string): boolean {
  return BLOCK.has(name);
}

/**
 * Visible text of a node, whitespace folded. `<br>` and block boundaries become newlines so that cells
 * listing one name per line can be split. Bounded by `max` characters; iterative (no recursion), so deep
 * trees cannot overflow the stack.
 */
export function textOf(node: HtmlNode, max = 20_000): string {
  const raw = rawMax(max);
  if (node.type === 'text') return foldWhitespace(node.data.length > raw ? node.data.slice(0, raw) : node.data).slice(0, max);
  return foldWhitespace(runSync(rawTextSteps(node, raw))).slice(0, max);
}

/**
 * The text under an element, unfolded, up to `raw` characters: blocks on lines of their own. Iterative, with a
 * pause point every 4,096 nodes; stops when the budget is spent.
 */
function* rawTextSteps(node: HtmlNode, raw: number, budget?: Budget): Steps<string> {
  let out = '';
  const stack: Array<HtmlNode | '\n'> = [node];
  let visited = 0;
  while (stack.length > 0 && out.length < raw) {
    if (++visited % 4096 === 0) {
      yield;
      if (budget?.spent) break;
    }
    const n = stack.pop()!;
    if (n === '\n') {
      out += '\n';
      continue;
    }
    if (n.type === 'text') {
      out += n.data.length > raw ? n.data.slice(0, raw) : n.data;
      continue;
    }
    if (n.name === 'br') {
      out += '\n';
      continue;
    }
    const block = n !== node && BLOCK.has(n.name);
    if (block) stack.push('\n');
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
    if (block) stack.push('\n');
  }
  return out;
}

/**
 * Raw text read for `max` folded characters: folding only shrinks text, and white space in page source
 * can be most of it, so read a margin beyond `max`; but never a whole huge text node (folding 5 MB to keep
 * 300 characters took 300 ms on a hostile page).
 */
function rawMax(max: number): number {
  return max >= 1_000_000 ? max : max * 4 + 4096;
}

/** `textOf` in steps: a pause point every 4,096 nodes, for the text of a whole page; stops when the budget is spent. */
export function* textOfSteps(node: HtmlNode, max: number, budget?: Budget): Steps<string> {
  if (node.type === 'text') return textOf(node, max);
  const out = yield* rawTextSteps(node, rawMax(max), budget);
  // Folding works line by line: fold a long text in runs of lines, with a pause point between runs.
  if (out.length <= FOLD_RUN) return foldWhitespace(out).slice(0, max);
  const folded: string[] = [];
  for (let at = 0; at < out.length; ) {
    let end = at + FOLD_RUN >= out.length ? out.length : out.lastIndexOf('\n', at + FOLD_RUN);
    if (end <= at) end = Math.min(out.length, at + FOLD_RUN); // one huge line: cut it, between words if we can
    if (end < out.length && out[end] !== '\n') {
      const space = out.lastIndexOf(' ', end);
      if (space > at) end = space;
    }
    const part = foldWhitespace(out.slice(at, end));
    if (part) folded.push(part);
    at = end;
    yield;
  }
  return folded.join('\n').slice(0, max);
}

const FOLD_RUN = 128 * 1024;

/** Fold runs of spaces within lines, trim lines, drop empty lines. */
function foldWhitespace(s: string): string {
  const spaced = s.replace(/[\t\f\r \u00a0\u200b]+/g, ' ');
  if (!spaced.includes('\n')) return spaced.trim();
  return spaced
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/** All descendant elements with one of the given names, in document order (iterative). */
export function findAll(root: HtmlElement, names: ReadonlySet<string>): HtmlElement[] {
  const out: HtmlElement[] = [];
  const stack: HtmlNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type !== 'element') continue;
    if (n !== root && names.has(n.name)) out.push(n);
    for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i]!);
  }
  return out;
}
