/**
 * A small, bounded element tree built from htmlparser2's streaming callbacks. We build our own rather than
 * use a full DOM so that every bound a hostile page could push on (nodes, depth, text) is enforced while
 * parsing, and so that the same code runs in Node, a service worker and a page.
 */
import { Parser } from 'htmlparser2';

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
}

export const DEFAULT_TREE_LIMITS: TreeLimits = { maxNodes: 400_000, maxDepth: 200 };

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'head']);

export interface ParsedHtml {
  root: HtmlElement;
  warnings: string[];
}

/** Parse HTML into a bounded tree. Scripts, styles and other non-text content are dropped. */
export function parseHtml(html: string, limits: TreeLimits = DEFAULT_TREE_LIMITS): ParsedHtml {
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

  const parser = new Parser(
    {
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
      onclosetag(name) {
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
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
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
  if (node.type === 'text') return fold(node.data).slice(0, max);
  let out = '';
  const stack: Array<HtmlNode | '\n'> = [node];
  while (stack.length > 0 && out.length < max) {
    const n = stack.pop()!;
    if (n === '\n') {
      out += '\n';
      continue;
    }
    if (n.type === 'text') {
      out += n.data;
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
  return fold(out).slice(0, max);
}

/** Fold runs of spaces within lines, trim lines, drop empty lines. */
function fold(s: string): string {
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
