/**
 * One document in, one Declaration out: detects the format from the content (HTML, HTML inside a
 * template, Markdown, plain text, a consent platform's JSON or JS), reads it, and expands providers
 * declared without cookie names into their known cookies.
 */
import type { Declaration, DeclaredCookie, Purpose, SourceKind } from '../../types';
import { extractSteps, MAX_DOCUMENT_CHARS } from './extract-html';

export { MAX_DOCUMENT_CHARS };
import { markdownToHtmlSteps, textToHtmlSteps } from './markdown';
import { sha256Hex } from './digest';
import { Budget, DEFAULT_READ_BUDGET_MS, runSliced, runSync, type SliceOptions, type Steps } from './steps';
import { findProviderMentions, type KnowledgeBase } from '../../cookies/knowledge';
import { matchesName } from '../../cookies/pattern';
import { parseCmp } from './cmp/detect';
import { templateToHtml } from './template';

export interface ReadOptions {
  /** URL or file the document came from. */
  url: string;
  /** Known cookies, for expanding providers named without cookie names. */
  knowledge?: KnowledgeBase;
  fetchedAt?: string;
  /** A hint from the file name or Content-Type; the content decides when it disagrees. */
  hint?: 'html' | 'markdown' | 'text' | 'json' | 'js';
  /** SHA-256 of the document (`documentSha256`), computed by the caller's async step; '' when not given. */
  sha256?: string;
  /** Time allowed for the whole read; once spent, reading stops with a warning (`readDocumentAsync`: 4 s by default). */
  budgetMs?: number;
}

export type DocumentFormat = 'html' | 'template' | 'markdown' | 'text';

/** Tell HTML from Markdown from plain text by the content. */
export function detectFormat(text: string, hint?: ReadOptions['hint']): DocumentFormat {
  const head = text.slice(0, 200_000);
  // Block-level tags only: Markdown tables often carry inline <br> and <a>, which do not make them HTML.
  const tags = (head.match(/<\/?(?:p|div|table|tr|td|th|h[1-6]|ul|ol|li|section|article|html|body|details|summary)\b[^>]*>/gi) ?? []).length;
  const templated = /\{%[\s\S]{0,200}?%\}|\{\{[\s\S]{0,200}?\}\}|<\?php/.test(head);
  // Line-anchored patterns use [ \t], never \s: \s crosses line ends and makes the scan backtrack.
  const count = (re: RegExp) => (head.match(re) ?? []).length;
  const mdHeadings = count(/^[ \t]{0,3}#{1,6}[ \t]/gm);
  const strongMd =
    mdHeadings +
    count(/\*\*[^*\n]+\*\*/g) +
    count(/`[^`\n]+`/g) +
    count(/\[[^\]\n]+\]\([^)\n]+\)/g) +
    count(/^[ \t]*\|?[ \t]*:?-{3,}/gm) +
    count(/^[ \t]*\|[^\n]*\|[ \t]*$/gm);
  if (/^\s*(?:<!doctype html|<html)/i.test(head)) return 'html';
  if (templated && (tags > 0 || /govuk\w*\(/.test(head))) return 'template';
  if (tags >= 5 && tags >= strongMd) return 'html';
  const inline = (head.match(/<(?:a|span|strong|b|em|i|code|br|img)\b[^>]*>/gi) ?? []).length;
  if (hint === 'html' && tags + inline > 0) return 'html';
  if (hint === 'text' && tags === 0) return 'text';
  // Plain text extracted from a page keeps headings as bare lines: few blank lines, no Markdown headings.
  const blankLines = count(/\n[ \t]*\n/g);
  const lines = (head.match(/\n/g) ?? []).length + 1;
  if (strongMd >= 2 && (blankLines > 0 || hint === 'markdown') && !(hint !== 'markdown' && blankLines < lines / 20 && mdHeadings === 0)) return 'markdown';
  if (hint === 'markdown') return 'markdown';
  if (tags > 0 || (inline >= 2 && strongMd === 0)) return 'html';
  return 'text';
}

const EMPTY_STATEMENT = { stance: 'unspecified' as const, sentence: null };

/**
 * Read one document straight through (the CLI, the bench, tests): no time bound unless `budgetMs` is given,
 * so the result does not depend on the machine's load.
 */
export function readDocument(input: string, options: ReadOptions): Declaration {
  return runSync(readDocumentSteps(input, options, new Budget(options.budgetMs ?? Infinity)));
}

/**
 * Read one document without holding the thread: the work runs in slices of a few milliseconds, with a
 * macrotask between them, so the background answers cookie events and messages while it reads a 5 MB page.
 * The background reads through here; the result is the same as `readDocument`'s.
 */
export function readDocumentAsync(input: string, options: ReadOptions & SliceOptions): Promise<Declaration> {
  return runSliced(readDocumentSteps(input, options, new Budget(options.budgetMs ?? DEFAULT_READ_BUDGET_MS)), options);
}

/** The hash a declaration records for a document: of the text the reader reads (cut at its limit). */
export function documentSha256(input: string): Promise<string> {
  return sha256Hex(input.length > MAX_DOCUMENT_CHARS ? input.slice(0, MAX_DOCUMENT_CHARS) : input);
}

export function* readDocumentSteps(input: string, options: ReadOptions, budget: Budget): Steps<Declaration> {
  const warnings: string[] = [];
  let text = input;
  if (text.length > MAX_DOCUMENT_CHARS) {
    warnings.push(`document of ${text.length} characters cut at ${MAX_DOCUMENT_CHARS}`);
    text = text.slice(0, MAX_DOCUMENT_CHARS);
  }
  // Binary or mis-decoded input: NULs and replacement characters say it is not a text document.
  const bad = countBad(text);
  if (bad > 0) {
    warnings.push(`${bad} binary or invalid characters removed`);
    text = text.replace(/[\u0000-\u0008\u000e-\u001f\ufffd]/g, ' ');
  }
  yield;
  const sha256 = options.sha256 ?? '';
  const cmp = parseCmp(text, options.url);
  yield;
  if (cmp) {
    cmp.sources = cmp.sources.map((s) => ({ ...s, sha256, fetchedAt: options.fetchedAt }));
    cmp.warnings.unshift(...warnings);
    if (options.knowledge) expandProviders(cmp, options.knowledge);
    return cmp;
  }
  const format = detectFormat(text, options.hint);
  let html: string;
  let kind: SourceKind;
  switch (format) {
    case 'html':
      html = text;
      kind = 'html';
      break;
    case 'template':
      html = templateToHtml(text);
      kind = 'html';
      break;
    case 'markdown':
      html = yield* markdownToHtmlSteps(text, budget, warnings);
      kind = 'markdown';
      break;
    case 'text':
      html = yield* textToHtmlSteps(text, budget, warnings);
      kind = 'text';
      break;
  }
  yield;
  const kb = options.knowledge;
  const extraction = yield* extractSteps(html, options.url, kb ? (name) => kb.lookup(name)?.purpose ?? null : null, budget);
  const declaration: Declaration = {
    sources: [{ url: options.url, kind, sha256, fetchedAt: options.fetchedAt }],
    cookies: extraction.cookies,
    storage: extraction.storage,
    providers: extraction.providers,
    statements: extraction.statements ?? { dnt: EMPTY_STATEMENT, gpc: EMPTY_STATEMENT },
    links: extraction.links,
    warnings: [...warnings, ...extraction.warnings],
  };
  yield;
  addProviderMentions(declaration, extraction.prose);
  if (options.knowledge) expandProviders(declaration, options.knowledge);
  return declaration;
}

function countBad(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length && i < MAX_DOCUMENT_CHARS; i++) {
    const c = text.charCodeAt(i);
    if ((c < 9 || (c > 13 && c < 32)) || c === 0xfffd) n++;
  }
  return n;
}

/**
 * Providers the prose names ("we use Google Analytics") whose cookies the document does not name:
 * declared without cookie names. Their purpose is what the nearby words say, else the knowledge base's.
 */
function addProviderMentions(declaration: Declaration, text: string): void {
  for (const mention of findProviderMentions(text)) {
    if (declaration.providers.some((p) => p.name.toLowerCase().includes(mention.label.toLowerCase()) || mention.label.toLowerCase().includes(p.name.toLowerCase()))) continue;
    declaration.providers.push({ name: mention.label, purposeAsWritten: null, purpose: 'unknown', knownAs: null });
  }
}

/** Expand each provider into its known cookies, marked `expandedFrom`, unless the document names them already. */
export function expandProviders(declaration: Declaration, kb: KnowledgeBase): void {
  const kept: typeof declaration.providers = [];
  for (const provider of declaration.providers) {
    const mention = findProviderMentions(provider.name)[0];
    if (!mention) {
      kept.push(provider);
      continue;
    }
    const known = kb.cookiesOf(mention);
    const declaredHere = known.some((k) => declaration.cookies.some((c) => !c.expandedFrom && matchesName(k.pattern, c.name)));
    if (declaredHere && provider.purposeAsWritten === null) continue; // named its cookies: not a provider-only declaration
    provider.knownAs = mention.label;
    if (provider.purpose === 'unknown') provider.purpose = majorityPurpose(known.map((k) => k.purpose));
    kept.push(provider);
    for (const k of known) {
      if (declaration.cookies.some((c) => c.pattern === k.pattern.pattern && c.match === k.pattern.match)) continue;
      const entry: DeclaredCookie = {
        name: k.pattern.match === 'prefix' ? `${k.pattern.pattern}*` : k.name,
        match: k.pattern.match,
        pattern: k.pattern.pattern,
        purposeAsWritten: provider.purposeAsWritten,
        purpose: provider.purpose,
        durationSeconds: k.retentionSeconds,
        durationAsWritten: null,
        provider: mention.label,
        domain: k.domain || null,
        expandedFrom: provider.name,
      };
      declaration.cookies.push(entry);
    }
  }
  declaration.providers = kept;
}

function majorityPurpose(purposes: Purpose[]): Purpose {
  const counts = new Map<Purpose, number>();
  for (const p of purposes) counts.set(p, (counts.get(p) ?? 0) + 1);
  let best: Purpose = 'unknown';
  let n = 0;
  for (const [p, c] of counts) if (c > n) [best, n] = [p, c];
  return best;
}
