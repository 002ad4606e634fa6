/**
 * The per-site policy cache (stored in `storage.local` by the background, one entry per registrable
 * domain): what was found, when, with which validators; failures and when to try again; and, when a
 * refreshed policy declares different cookies, what changed. Pure: the adapter loads and saves entries.
 *
 * Parsed policies are derived data (STYLE.md §4): an entry from another reader version or cache format is
 * discarded and rebuilt.
 */
import * as v from 'valibot';
import { PURPOSES, type Declaration } from '../../types';
import { retryDelayMs } from './backoff';
import { sha256Hex } from '../read/digest';
import type { CmpPointer } from './cmp-pointers';
import { mergeDeclarations, type DiscoveryInput, type DiscoveryOutcome, type FoundDocument } from './discover';
import { strippedDocumentUrl, strippedPageUrl } from './stored-url';

const CACHE_FORMAT = 1;
/** A found policy is checked again (conditionally) after a day. */
export const REFRESH_AFTER_MS = 24 * 3600_000;
/** An attempt that started this recently and never finished (the worker died) is not started again yet. */
const ATTEMPT_GRACE_MS = 60_000;
/** How many names of added / removed cookies a change keeps. */
const MAX_CHANGE_NAMES = 50;

export interface PolicyChange {
  /** ISO date the change was noticed. */
  on: string;
  previousHash: string;
  /** ISO date the previous version was read. */
  previousDate: string | null;
  added: string[];
  removed: string[];
}

export interface PolicyCacheEntry {
  format: number;
  parser: number;
  site: string;
  status: 'found' | 'none' | 'error';
  /** Why none / error (a fetch failure: "timed out", "HTTP 500", ...). */
  reason: string | null;
  documents: FoundDocument[];
  /** What the page showed the last time, to check again without it. */
  input: DiscoveryInput | null;
  /** sha256 over the documents' hashes: changes when any document's text changes. */
  hash: string | null;
  /** When the current version was first read. */
  fetchedAt: string | null;
  /** When it was last checked (fetched or revalidated), successfully or not. */
  checkedAt: string | null;
  /** When the last attempt started (recorded before fetching). */
  attemptAt: string | null;
  /** Failures in a row. */
  failures: number;
  /** After a failure: not before this. */
  retryAt: string | null;
  change: PolicyChange | null;
}

export type CacheAction =
  /** Use the entry as it is. */
  | 'use'
  /** Use it, and check it again in the background (found, but stale or due for a retry). */
  | 'refresh'
  /** Nothing usable: discover now. */
  | 'discover';

export function isCurrent(entry: PolicyCacheEntry | null, parser: number): entry is PolicyCacheEntry {
  return entry !== null && entry.format === CACHE_FORMAT && entry.parser === parser;
}

export function nextAction(entry: PolicyCacheEntry | null, parser: number, now: number): CacheAction {
  if (!isCurrent(entry, parser)) return 'discover';
  const attempt = entry.attemptAt ? Date.parse(entry.attemptAt) : NaN;
  const checked = entry.checkedAt ? Date.parse(entry.checkedAt) : NaN;
  // An attempt that started after the last check and has not finished: in flight elsewhere, or the worker died.
  if (Number.isFinite(attempt) && (!Number.isFinite(checked) || attempt > checked) && now - attempt < ATTEMPT_GRACE_MS) return 'use';
  const due = (): boolean => {
    // An unparsable retry time is due now (issue 8 §3: `now >= NaN` kept a failed site from ever retrying).
    if (entry.retryAt) return !(now < Date.parse(entry.retryAt));
    return !Number.isFinite(checked) || now - checked >= REFRESH_AFTER_MS;
  };
  if (!due()) return 'use';
  return entry.status === 'found' ? 'refresh' : 'discover';
}

/** The entry's documents as one declaration, or null when nothing was found. */
export function declarationOf(entry: PolicyCacheEntry): Declaration | null {
  if (entry.status !== 'found' || entry.documents.length === 0) return null;
  return mergeDeclarations(entry.documents.map((d) => d.declaration));
}

/** One hash for a set of documents: SHA-256 over their sources' hashes (computed where they were fetched). */
export function documentsHash(documents: readonly FoundDocument[]): Promise<string> {
  return sha256Hex(documents.map((d) => d.declaration.sources.map((s) => s.sha256).join(',')).join('|'));
}

/** The cookie names a declaration states itself (not those expanded from providers), sorted, unique. */
function declaredNames(declaration: Declaration | null): string[] {
  if (!declaration) return [];
  return [...new Set(declaration.cookies.filter((c) => !c.expandedFrom).map((c) => c.name))].sort();
}

export function diffNames(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const a = new Set(before);
  const b = new Set(after);
  return { added: after.filter((n) => !a.has(n)), removed: before.filter((n) => !b.has(n)) };
}

/** Mark an attempt as started (saved before fetching, STYLE.md §5). */
export function markAttempt(entry: PolicyCacheEntry | null, site: string, parser: number, now: number): PolicyCacheEntry {
  const base = isCurrent(entry, parser) ? entry : emptyEntry(site, parser);
  return { ...base, attemptAt: new Date(now).toISOString() };
}

function emptyEntry(site: string, parser: number): PolicyCacheEntry {
  return {
    format: CACHE_FORMAT,
    parser,
    site,
    status: 'none',
    reason: null,
    documents: [],
    input: null,
    hash: null,
    fetchedAt: null,
    checkedAt: null,
    attemptAt: null,
    failures: 0,
    retryAt: null,
    change: null,
  };
}

/** The entry after a discovery (first or refresh) finished. */
export function applyOutcome(
  previous: PolicyCacheEntry | null,
  outcome: DiscoveryOutcome,
  ctx: { site: string; parser: number; now: number; input: DiscoveryInput | null; random?: () => number },
): PolicyCacheEntry {
  const prev = isCurrent(previous, ctx.parser) ? previous : null;
  const nowIso = new Date(ctx.now).toISOString();
  const input = ctx.input ? storedInput(ctx.input) : (prev?.input ?? null);
  const base: PolicyCacheEntry = { ...(prev ?? emptyEntry(ctx.site, ctx.parser)), input, checkedAt: nowIso };
  if (outcome.status === 'found') {
    const hash = outcome.hash;
    const next: PolicyCacheEntry = {
      ...base,
      status: 'found',
      reason: null,
      documents: outcome.documents.map(storedDocument),
      hash,
      fetchedAt: prev?.hash === hash ? (prev.fetchedAt ?? nowIso) : nowIso,
      failures: 0,
      retryAt: null,
    };
    if (prev?.status === 'found' && prev.hash && prev.hash !== hash) {
      const { added, removed } = diffNames(declaredNames(declarationOf(prev)), declaredNames(declarationOf(next)));
      if (added.length > 0 || removed.length > 0) {
        next.change = {
          on: nowIso,
          previousHash: prev.hash,
          previousDate: prev.fetchedAt,
          added: added.slice(0, MAX_CHANGE_NAMES),
          removed: removed.slice(0, MAX_CHANGE_NAMES),
        };
      }
    }
    return next;
  }
  if (outcome.status === 'none') {
    // Nothing to find is an answer, not a failure: look again after the usual day.
    return { ...base, status: 'none', reason: outcome.reason, documents: [], hash: null, failures: 0, retryAt: null };
  }
  const failures = (prev?.failures ?? 0) + 1;
  const retryAt = new Date(ctx.now + retryDelayMs(failures, ctx.random)).toISOString();
  if (prev?.status === 'found') {
    // A refresh that failed keeps the policy we have, and tries again sooner than a day.
    return { ...base, reason: outcome.reason, failures, retryAt };
  }
  return { ...base, status: 'error', reason: outcome.reason, documents: [], hash: null, failures, retryAt };
}

/** Cached documents by the URL they were asked for, for conditional requests. */
export function cachedDocuments(entry: PolicyCacheEntry | null): Map<string, FoundDocument> {
  return new Map((entry?.documents ?? []).map((d) => [d.url, d]));
}

// ---- What is stored: no tokens, bounded size --------------------------------------------------------

/** The discovery input as stored: page URLs without query or fragment (issue 8 §3: they can hold tokens). */
function storedInput(input: DiscoveryInput): DiscoveryInput {
  return {
    pageUrl: strippedPageUrl(input.pageUrl),
    lang: input.lang,
    pointers: input.pointers.map((p): CmpPointer => (p.platform === 'cookiebot' ? { ...p, referer: strippedPageUrl(p.referer) } : p)),
    links: input.links.map((l) => ({ ...l, url: strippedDocumentUrl(l.url) })),
  };
}

/** A found document as stored: its URLs, its sources' and its links' without tokens. */
function storedDocument(doc: FoundDocument): FoundDocument {
  const d = doc.declaration;
  const out: FoundDocument = {
    ...doc,
    url: strippedDocumentUrl(doc.url),
    declaration: {
      ...d,
      sources: d.sources.map((src) => ({ ...src, url: strippedDocumentUrl(src.url) })),
      links: d.links.map((l) => ({ ...l, url: strippedDocumentUrl(l.url) })),
    },
  };
  if (doc.referer !== undefined) out.referer = strippedPageUrl(doc.referer);
  return out;
}

/** What one entry costs in storage, estimated as its JSON length (what `storage.local` serialises). */
export function entrySize(entry: PolicyCacheEntry): number {
  return JSON.stringify(entry).length;
}

/** One entry may take at most this much (a page with a large inline consent config made a 491 KB entry). */
const MAX_ENTRY_BYTES = 512 * 1024;

/**
 * The entry cut down to `cap`, dropping first what only serves a check without the page (inline consent
 * configs, then the whole stored input: the next visit brings them again), then warnings and links; null
 * when even the declaration alone is larger (it is then kept in memory only, never stored).
 */
export function trimEntry(entry: PolicyCacheEntry, cap = MAX_ENTRY_BYTES): PolicyCacheEntry | null {
  if (entrySize(entry) <= cap) return entry;
  let e: PolicyCacheEntry = entry.input
    ? { ...entry, input: { ...entry.input, pointers: entry.input.pointers.filter((p) => !('json' in p)), links: entry.input.links.slice(0, 20) } }
    : entry;
  if (entrySize(e) <= cap) return e;
  e = { ...e, input: null };
  if (entrySize(e) <= cap) return e;
  e = { ...e, documents: e.documents.map((d) => ({ ...d, declaration: { ...d.declaration, warnings: [], links: [] } })) };
  return entrySize(e) <= cap ? e : null;
}

// ---- Reading an entry back: whatever storage holds is checked before it is used --------------------

const str = v.string();
const nullishStr = v.nullish(str);
const isoDate = v.pipe(str, v.check((s) => Number.isFinite(Date.parse(s)), 'unparsable date'));
const count = v.pipe(v.number(), v.integer(), v.minValue(0));
const purpose = v.picklist(PURPOSES);
const link = v.looseObject({ url: str, text: str, kind: v.picklist(['cookie-policy', 'privacy-policy']) });
const statement = v.looseObject({ stance: v.picklist(['honored', 'ignored', 'unspecified']), sentence: nullishStr });
const declarationSchema = v.looseObject({
  sources: v.array(v.looseObject({ url: str, kind: str, sha256: str, fetchedAt: v.optional(str) })),
  cookies: v.array(
    v.looseObject({
      name: str,
      match: v.picklist(['exact', 'prefix', 'glob']),
      pattern: str,
      purposeAsWritten: nullishStr,
      purpose,
      durationSeconds: v.nullish(v.pipe(v.number(), v.finite())),
      durationAsWritten: nullishStr,
      provider: nullishStr,
      domain: nullishStr,
      expandedFrom: v.optional(str),
      sourceIndex: v.optional(count),
    }),
  ),
  storage: v.array(v.looseObject({ key: str, storage: v.picklist(['localStorage', 'sessionStorage', 'unknown']), purposeAsWritten: nullishStr, purpose })),
  providers: v.array(v.looseObject({ name: str, purposeAsWritten: nullishStr, purpose, knownAs: nullishStr })),
  statements: v.looseObject({ dnt: statement, gpc: statement }),
  links: v.array(link),
  warnings: v.array(str),
});
const documentSchema = v.looseObject({
  url: str,
  referer: v.optional(str),
  via: v.picklist(['consent-platform', 'page-link', 'usual-path', 'linked-policy']),
  etag: nullishStr,
  lastModified: nullishStr,
  declaration: declarationSchema,
});
const pointerSchema = v.variant('platform', [
  v.looseObject({ platform: v.literal('cookiebot'), cbid: str, url: str, referer: str }),
  v.looseObject({ platform: v.literal('onetrust'), domainId: str, rulesetUrl: str }),
  v.looseObject({ platform: v.literal('cookieyes'), url: str }),
  v.looseObject({ platform: v.literal('termly'), websiteUuid: str, apiUrl: str }),
  v.looseObject({ platform: v.literal('complianz'), url: str }),
  v.looseObject({ platform: v.picklist(['klaro', 'vanilla-cookieconsent', 'tarteaucitron']), json: str }),
]);
const entrySchema = v.looseObject({
  format: v.literal(CACHE_FORMAT),
  parser: count,
  site: v.pipe(str, v.minLength(1), v.maxLength(253)),
  status: v.picklist(['found', 'none', 'error']),
  reason: v.nullable(str),
  documents: v.array(documentSchema),
  input: v.nullable(v.looseObject({ pageUrl: str, lang: str, pointers: v.array(pointerSchema), links: v.array(link) })),
  hash: v.nullable(str),
  fetchedAt: v.nullable(isoDate),
  checkedAt: v.nullable(isoDate),
  attemptAt: v.nullable(isoDate),
  failures: count,
  retryAt: v.nullable(isoDate),
  change: v.nullable(
    v.looseObject({ on: isoDate, previousHash: str, previousDate: v.nullable(isoDate), added: v.array(str), removed: v.array(str) }),
  ),
});

/**
 * A stored entry checked field by field, or null when it is corrupt or half-written (wrong shape, bad
 * types, unparsable dates, a "found" entry without documents): the caller discards it and discovers again.
 * Issue 8 §3: such an entry left its site "pending" for good. Never throws.
 */
export function readCacheEntry(raw: unknown): PolicyCacheEntry | null {
  let parsed: v.SafeParseResult<typeof entrySchema>;
  try {
    parsed = v.safeParse(entrySchema, raw);
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const entry = parsed.output as unknown as PolicyCacheEntry;
  if (entry.status === 'found' && entry.documents.length === 0) return null;
  return entry;
}
