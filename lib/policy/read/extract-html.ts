/**
 * From a policy page (HTML, or Markdown rendered to HTML) to a Declaration.
 *
 * Reads the page as a person would, block by block, keeping the headings above as context: tables
 * (`tables.ts`), key-value records (`key-value.ts`), names led by bold or code (`lead-items.ts`), and prose
 * that names cookies or providers only; everything found goes to one collector (`collector.ts`).
 */
import type { DeclaredCookie, DeclaredProvider, DeclaredStorageKey, Purpose } from '../../types';
import { parseHtmlSteps, findAll, textOf, textOfSteps, DEFAULT_TREE_LIMITS } from './html-tree';
import { toBlocksSteps } from './blocks';
import { runSync, type Budget, type Steps } from './steps';
import { roleOfHeader } from './columns';
import { classOfLeadIn, purposeOfCategory } from './purpose';
import { namesInProse } from './prose-names';
import { findStatements } from '../../signals/statements';
import { policyLinks, type RawLink } from './links';
import { Collector, STORAGE_HEADING } from './collector';
import { readCookieTable } from './tables';
import { readLeadItem } from './lead-items';
import { KeyValueReader, readRecord } from './key-value';
import { cookieHeadings } from './heading-records';

export const MAX_DOCUMENT_CHARS = 5_000_000;

export interface HtmlExtraction {
  cookies: DeclaredCookie[];
  storage: DeclaredStorageKey[];
  providers: DeclaredProvider[];
  statements: ReturnType<typeof findStatements>;
  links: ReturnType<typeof policyLinks>;
  warnings: string[];
  /** Prose outside cookie tables and lists, where providers named without cookie names are looked for. */
  prose: string;
}

interface Heading {
  level: number;
  text: string;
  /** The category this heading names, computed once (undefined: not yet; null: none). */
  category?: { label: string; purpose: Purpose } | null;
}

/** A short line that names a cookie category and nothing else. */
function isCategoryLine(text: string): boolean {
  if (text.length > 60 || text.includes('\n')) return false;
  const t = text.replace(/[\s,:;.]+$/, '');
  return /\b(?:cookies?|cwcis?|trackers?|traceurs?|technologies)\b/i.test(t) && purposeOfCategory(t) !== null;
}

/** The category the headings above a point give: the deepest heading that names a purpose. */
function headingCategory(stack: Heading[]): { label: string; purpose: Purpose } | null {
  for (let i = stack.length - 1; i >= 0; i--) {
    const h = stack[i]!;
    if (h.category === undefined) {
      const p = purposeOfCategory(h.text);
      // A "Local Storage" heading names no purpose but says what follows is not cookies (issue 13): it is the
      // context, so that the tables below it read as storage keys.
      h.category = p ? { label: h.text, purpose: p } : STORAGE_HEADING.test(h.text) ? { label: h.text, purpose: 'unknown' } : null;
    }
    if (h.category) return h.category;
  }
  return null;
}

/** What the knowledge base tells a reader: a known name's purpose, the known name a display name spells. */
export interface ReaderKnowledge {
  purposeOf(name: string): Purpose | null;
  nameOfDisplay(display: string): string | null;
}

export function extractFromHtml(html: string, baseUrl: string, known: ReaderKnowledge | null = null): HtmlExtraction {
  return runSync(extractSteps(html, baseUrl, known));
}

/** `extractFromHtml` in steps (pause points between chunks, elements, blocks and rows), within `budget`. */
export function* extractSteps(
  html: string,
  baseUrl: string,
  known: ReaderKnowledge | null = null,
  budget?: Budget,
): Steps<HtmlExtraction> {
  const warnings: string[] = [];
  if (html.length > MAX_DOCUMENT_CHARS) {
    warnings.push(`document of ${html.length} characters cut at ${MAX_DOCUMENT_CHARS}`);
    html = html.slice(0, MAX_DOCUMENT_CHARS);
  }
  const parsed = yield* parseHtmlSteps(html, DEFAULT_TREE_LIMITS, budget);
  warnings.push(...parsed.warnings);
  const { blocks, warnings: blockWarnings } = yield* toBlocksSteps(parsed.root, budget);
  warnings.push(...blockWarnings);

  const out = new Collector(known ? (name) => known.purposeOf(name) : null);
  const cookieHeads = cookieHeadings(blocks, known ? (display) => known.nameOfDisplay(display) : null);
  const headings: Heading[] = [];
  const kv = new KeyValueReader(out);
  let lastLead: { depth: number; text: string } | null = null;
  /** Paragraphs since the last heading or table: a table's lead-in, which may name its class. */
  let leadIn: string[] = [];
  const prose: string[] = [];

  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi]!;
    yield;
    if (budget?.spent) {
      const w = budget.warning(`${blocks.length - bi} of ${blocks.length} blocks not read`);
      if (w) warnings.push(w);
      break;
    }
    const before = leadIn;
    if (block.kind !== 'paragraph') leadIn = [];
    switch (block.kind) {
      case 'heading': {
        const record = cookieHeads.get(bi);
        if (record) {
          kv.flush();
          while (headings.length > 0 && headings[headings.length - 1]!.level >= block.level) headings.pop();
          const lines = blocks.slice(bi + 1, record.end).flatMap((b) => (b.kind === 'heading' || b.kind === 'table' ? [] : b.text.split('\n')));
          if (record.name) readRecord([record.name], lines, headingCategory(headings), out);
          else warnings.push(`heading "${block.text.slice(0, 80)}" names a cookie by a display name that spells no known cookie: not read`);
          lastLead = null;
          bi = record.end - 1;
          break;
        }
        // Complianz and similar lists: a small heading "Name" / "Expiration" / "Function" and its value below.
        const next = blocks[bi + 1];
        if (block.level >= 4 && next && next.kind === 'paragraph' && next.text.length <= 500 && roleOfHeader(block.text, true)) {
          if (kv.line(`${block.text.replace(/:\s*$/, '')}: ${next.text.replace(/\n/g, ' ')}`, headingCategory(headings), null)) {
            bi++;
            break;
          }
        }
        kv.flush();
        while (headings.length > 0 && headings[headings.length - 1]!.level >= block.level) headings.pop();
        headings.push({ level: block.level, text: block.text });
        lastLead = null;
        break;
      }
      case 'table': {
        kv.flush();
        yield* readCookieTable(block.rows, block.headRows, headingCategory(headings) ?? classOfLeadIn(before), out, kv);
        break;
      }
      case 'item':
      case 'paragraph': {
        // "Statistical cookies," / "Analytics and customization cookies:" standing alone read as a heading.
        if (block.kind === 'paragraph' && isCategoryLine(block.text)) {
          kv.flush();
          while (headings.length > 0 && headings[headings.length - 1]!.level >= 7) headings.pop();
          headings.push({ level: 7, text: block.text.replace(/[\s,:;.]+$/, '') });
          lastLead = null;
          break;
        }
        const depth = block.kind === 'item' ? block.depth : -1;
        const context = headingCategory(headings);
        let consumed = false;
        for (const line of block.text.split('\n')) {
          if (kv.line(line, context, lastLead && lastLead.depth < depth ? lastLead.text : null)) consumed = true;
        }
        if (consumed) break;
        kv.flush();
        if (block.lead) lastLead = { depth, text: block.lead };
        if (readLeadItem(block, context, out)) break;
        for (const found of namesInProse(block.text)) {
          out.add(
            { names: [found.name], isKey: false, categoryLabel: null, purposeText: found.sentence, duration: found.duration, provider: null, domain: null },
            [context],
          );
        }
        if (prose.length < 10_000) prose.push(block.text);
        // The paragraphs nearest the table (the last three since the heading).
        if (block.kind === 'paragraph') leadIn = [...leadIn.slice(-2), block.text];
        break;
      }
    }
  }
  kv.flush();

  const text = yield* textOfSteps(parsed.root, MAX_DOCUMENT_CHARS, budget);
  yield;
  const statements = findStatements(text);
  const rawLinks: RawLink[] = [];
  for (const a of findAll(parsed.root, new Set(['a']))) {
    if (rawLinks.length % 1024 === 1023) yield;
    rawLinks.push({ href: a.attribs.href ?? '', text: textOf(a, 300), title: a.attribs.title });
  }
  yield;
  return {
    cookies: out.cookies,
    storage: out.storage,
    providers: out.providers,
    statements,
    links: policyLinks(rawLinks, baseUrl),
    warnings: [...warnings, ...out.warnings],
    prose: prose.join('\n'),
  };
}
