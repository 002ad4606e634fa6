/**
 * The per-site policy cache (stored in `storage.local` by the background, one entry per registrable
 * domain): what was found, when, with which validators; failures and when to try again; and, when a
 * refreshed policy declares different cookies, what changed. Pure: the adapter loads and saves entries.
 *
 * Parsed policies are derived data (STYLE.md §4): an entry from another reader version or cache format is
 * discarded and rebuilt.
 */
import type { Declaration } from '../types';
import { retryDelayMs } from './backoff';
import { mergeDeclarations, type DiscoveryInput, type DiscoveryOutcome, type FoundDocument } from './discover';
import { sha256Hex } from './sha256';

export const CACHE_FORMAT = 1;
/** A found policy is checked again (conditionally) after a day. */
export const REFRESH_AFTER_MS = 24 * 3600_000;
/** An attempt that started this recently and never finished (the worker died) is not started again yet. */
export const ATTEMPT_GRACE_MS = 60_000;
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
    if (entry.retryAt) return now >= Date.parse(entry.retryAt);
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

export function documentsHash(documents: readonly FoundDocument[]): string {
  return sha256Hex(documents.map((d) => d.declaration.sources.map((s) => s.sha256).join(',')).join('|'));
}

/** The cookie names a declaration states itself (not those expanded from providers), sorted, unique. */
export function declaredNames(declaration: Declaration | null): string[] {
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
  const base: PolicyCacheEntry = { ...(prev ?? emptyEntry(ctx.site, ctx.parser)), input: ctx.input ?? prev?.input ?? null, checkedAt: nowIso };
  if (outcome.status === 'found') {
    const hash = documentsHash(outcome.documents);
    const next: PolicyCacheEntry = {
      ...base,
      status: 'found',
      reason: null,
      documents: outcome.documents,
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
