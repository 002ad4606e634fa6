/**
 * Finding a site's cookie declaration as a person would (issue 5), in this order:
 *   1. the consent platform's machine-readable declaration, when the page embeds one (cmp-pointers.ts);
 *   2. links in the page whose text, title or URL says cookie or privacy policy (links.ts);
 *   3. the usual paths (`/cookie-policy`, `/cookies`, `/legal/cookies`, `/privacy`, localized), tried one at a
 *      time, and not at all once the server failed (5xx, time-out);
 *   4. from a privacy policy without a cookie list, one hop to the cookie policy it links to.
 * A platform declaration and a policy page are merged; each cookie keeps the source it came from.
 *
 * Pure apart from the injected fetch: the background passes one that applies the limits and sets the
 * Referer Cookiebot needs, tests pass a local server's.
 */
import type { KnowledgeBase } from '../../cookies/knowledge';
import type { Declaration, DeclaredCookie, PolicyLink } from '../../types';
import { findCmpPointers, type CmpPointer } from './cmp-pointers';
import { oneTrustLanguageUrls } from '../read/cmp/onetrust';
import { termlyCookiesUrl } from '../read/cmp/termly';
import type { FetchResult, PolicyRequest } from './fetch';
import { policyLinks } from '../read/links';
import type { PageFacts } from './page-facts';
import { documentSha256, readDocumentAsync } from '../read/read';
import { documentsHash } from './cache';

/** How a document was found. */
export type Via = 'consent-platform' | 'page-link' | 'usual-path' | 'linked-policy';

export interface DiscoveryInput {
  pageUrl: string;
  lang: string;
  pointers: CmpPointer[];
  links: PolicyLink[];
}

export interface FoundDocument {
  /** The URL asked for (kept for revalidation; the source records the final URL). */
  url: string;
  referer?: string;
  via: Via;
  etag: string | null;
  lastModified: string | null;
  /** This document alone (one source). */
  declaration: Declaration;
}

export interface Attempt {
  url: string;
  via: Via;
  /** 'found', 'no cookie list', 'not modified', or the failure reason. */
  result: string;
}

export type DiscoveryOutcome =
  | { status: 'found'; documents: FoundDocument[]; attempts: Attempt[]; /** `documentsHash` of the documents. */ hash: string }
  | { status: 'none'; reason: string; attempts: Attempt[] }
  | { status: 'error'; reason: string; attempts: Attempt[] };

export interface DiscoverDeps {
  fetch(request: PolicyRequest): Promise<FetchResult>;
  knowledge?: KnowledgeBase;
  now(): Date;
  /** Documents we hold, by requested URL: their validators go out, and a 304 reuses them. */
  cached?: ReadonlyMap<string, FoundDocument>;
}

const MAX_POINTERS = 3;
const MAX_LINK_FETCHES = 4;
const MAX_HOPS = 2;
const MAX_USUAL_PATHS = 8;

export function discoveryInputOf(facts: PageFacts): DiscoveryInput {
  return {
    pageUrl: facts.url,
    lang: facts.lang,
    pointers: findCmpPointers(facts),
    links: policyLinks(facts.links, facts.url),
  };
}

/** The usual places of a cookie or privacy policy on the page's origin, the page's language first. */
export function usualPolicyUrls(pageUrl: string, lang: string): string[] {
  let origin: string;
  try {
    const u = new URL(pageUrl);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return [];
    origin = u.origin;
  } catch {
    return [];
  }
  const l = lang.toLowerCase().slice(0, 2);
  const localized: Record<string, string[]> = {
    de: ['/cookie-richtlinie', '/cookies', '/datenschutz'],
    fr: ['/politique-de-cookies', '/cookies', '/politique-de-confidentialite'],
    es: ['/politica-de-cookies', '/cookies', '/politica-de-privacidad'],
    nl: ['/cookiebeleid', '/cookies', '/privacybeleid'],
    it: ['/cookie-policy', '/informativa-cookie', '/privacy-policy'],
    cy: ['/cwcis', '/cookies', '/preifatrwydd'],
  };
  const paths = [
    ...(localized[l] ?? []),
    '/cookie-policy',
    '/cookies',
    '/legal/cookies',
    '/cookie-policy.html',
    '/privacy',
    '/privacy-policy',
    '/legal/privacy',
  ];
  return [...new Set(paths)].slice(0, MAX_USUAL_PATHS).map((p) => origin + p);
}

/** Does this document list cookies by name (not only providers)? */
function hasCookieList(d: Declaration): boolean {
  return d.cookies.some((c) => !c.expandedFrom) || d.storage.length > 0;
}

function declaresAnything(d: Declaration): boolean {
  return d.cookies.length > 0 || d.storage.length > 0 || d.providers.length > 0;
}

export async function discover(input: DiscoveryInput, deps: DiscoverDeps): Promise<DiscoveryOutcome> {
  const attempts: Attempt[] = [];
  const documents: FoundDocument[] = [];
  const tried = new Set<string>();

  /** Fetch and read one document; null when it failed (recorded) or was already tried. */
  const read = async (request: PolicyRequest, via: Via, hint?: 'js' | 'json'): Promise<FoundDocument | null> => {
    if (tried.has(request.url)) return null;
    tried.add(request.url);
    const held = deps.cached?.get(request.url);
    const result = await deps.fetch(held ? { ...request, etag: held.etag, lastModified: held.lastModified } : request);
    if (!result.ok) {
      attempts.push({ url: request.url, via, result: result.reason });
      return null;
    }
    if (!result.modified && held) {
      attempts.push({ url: request.url, via, result: 'not modified' });
      return { ...held, via, etag: result.etag, lastModified: result.lastModified };
    }
    if (!result.modified) {
      // A 304 for a copy we do not hold: ask again without validators.
      tried.delete(request.url);
      return read({ url: request.url, referer: request.referer }, via, hint);
    }
    // Read in slices that give the event loop a turn: a hostile page must not hold the background (issue 8).
    const declaration = await readDocumentAsync(result.text, {
      url: result.url,
      knowledge: deps.knowledge,
      fetchedAt: deps.now().toISOString(),
      sha256: await documentSha256(result.text),
      hint,
    });
    return { url: request.url, referer: request.referer, via, etag: result.etag, lastModified: result.lastModified, declaration };
  };

  /** Fetch a file that only points elsewhere (OneTrust ruleset, Termly website): its text, or null. */
  const pointerText = async (url: string, via: Via): Promise<{ text: string; url: string } | null> => {
    if (tried.has(url)) return null;
    tried.add(url);
    const result = await deps.fetch({ url });
    if (!result.ok || !result.modified) {
      const reason = result.ok ? 'not modified' : result.reason;
      attempts.push({ url, via, result: reason });
      return null;
    }
    return { text: result.text, url: result.url };
  };

  const keep = (doc: FoundDocument | null): boolean => {
    if (!doc) return false;
    const found = declaresAnything(doc.declaration);
    attempts.push({ url: doc.url, via: doc.via, result: found ? 'found' : 'no cookie list' });
    if (found) documents.push(doc);
    return found;
  };

  // 1. Consent platforms.
  for (const pointer of input.pointers.slice(0, MAX_POINTERS)) {
    keep(await fromPlatform(pointer, input.pageUrl, deps, read, pointerText));
  }
  const hadPlatform = documents.length > 0;

  // 2. Links on the page (4. one hop from a privacy policy without a cookie list).
  const hopFrom = async (doc: FoundDocument): Promise<boolean> => {
    const next = doc.declaration.links.filter((l) => l.kind === 'cookie-policy' && !tried.has(l.url)).slice(0, MAX_HOPS);
    for (const link of next) {
      const hop = await read({ url: link.url }, 'linked-policy');
      if (hop && hasCookieList(hop.declaration)) return keep(hop);
      if (hop) attempts.push({ url: hop.url, via: hop.via, result: 'no cookie list' });
    }
    return false;
  };
  /** Read a policy page; true when it (or the cookie policy it links to) gave a cookie list. */
  const fromPage = async (request: PolicyRequest, via: Via): Promise<boolean> => {
    const doc = await read(request, via);
    if (!doc) return false;
    if (hasCookieList(doc.declaration)) return keep(doc);
    if (await hopFrom(doc)) return true;
    // Providers named without a cookie list still declare something.
    return keep(doc);
  };
  let pageFound = false;
  let fetches = 0;
  for (const link of input.links) {
    if (pageFound || fetches >= MAX_LINK_FETCHES) break;
    if (tried.has(link.url)) continue;
    fetches++;
    pageFound = await fromPage({ url: link.url }, 'page-link');
  }

  // 3. Usual paths, only when nothing else worked; stop at the first server failure.
  if (!hadPlatform && !pageFound && !serverFailed(attempts, input.pageUrl)) {
    for (const url of usualPolicyUrls(input.pageUrl, input.lang)) {
      if (tried.has(url)) continue;
      const before = attempts.length;
      if (await fromPage({ url }, 'usual-path')) break;
      const last = attempts.slice(before).find((a) => a.url === url);
      if (last && isServerFailure(last.result)) break;
    }
  }

  if (documents.length > 0) {
    const ordered = orderDocuments(documents);
    return { status: 'found', documents: ordered, attempts, hash: await documentsHash(ordered) };
  }
  // A 404 at a usual path is not a failure of the site's policy, only a guess that missed.
  const real = attempts.find((a) => a.via !== 'usual-path' && !['found', 'no cookie list', 'not modified'].includes(a.result));
  if (real) return { status: 'error', reason: real.result, attempts };
  const usualFailure = attempts.find((a) => a.via === 'usual-path' && isServerFailure(a.result));
  if (usualFailure) return { status: 'error', reason: usualFailure.result, attempts };
  return { status: 'none', reason: noneReason(input, attempts), attempts };
}

function isServerFailure(reason: string): boolean {
  return /^HTTP 5\d\d|timed out|network error|too many redirects/.test(reason);
}

function serverFailed(attempts: Attempt[], pageUrl: string): boolean {
  let origin = '';
  try {
    origin = new URL(pageUrl).origin;
  } catch {
    return true;
  }
  return attempts.some((a) => a.url.startsWith(origin) && isServerFailure(a.result));
}

function noneReason(input: DiscoveryInput, attempts: Attempt[]): string {
  const parts: string[] = [];
  if (input.pointers.length === 0) parts.push('no consent platform');
  else parts.push('the consent platform declares no cookies');
  if (input.links.length === 0) parts.push('no policy link on the page');
  else parts.push('the linked policies list no cookies');
  const probes = attempts.filter((a) => a.via === 'usual-path').length;
  if (probes > 0) parts.push(`nothing at ${probes} usual paths`);
  return parts.join(', ');
}

/** Platform declarations first (most precise), then pages. */
function orderDocuments(docs: FoundDocument[]): FoundDocument[] {
  const rank = (v: Via) => (v === 'consent-platform' ? 0 : 1);
  return [...docs].sort((a, b) => rank(a.via) - rank(b.via));
}

type Read = (request: PolicyRequest, via: Via, hint?: 'js' | 'json') => Promise<FoundDocument | null>;
type PointerText = (url: string, via: Via) => Promise<{ text: string; url: string } | null>;

async function fromPlatform(
  pointer: CmpPointer,
  pageUrl: string,
  deps: DiscoverDeps,
  read: Read,
  pointerText: PointerText,
): Promise<FoundDocument | null> {
  const via: Via = 'consent-platform';
  switch (pointer.platform) {
    case 'cookiebot':
      return read({ url: pointer.url, referer: pointer.referer }, via, 'js');
    case 'onetrust': {
      const ruleset = await pointerText(pointer.rulesetUrl, via);
      if (!ruleset) return null;
      for (const url of oneTrustLanguageUrls(ruleset.text, ruleset.url).slice(0, 2)) {
        const doc = await read({ url }, via, 'json');
        if (doc && declaresAnything(doc.declaration)) return doc;
      }
      return null;
    }
    case 'termly': {
      const website = await pointerText(pointer.apiUrl, via);
      const url = website ? termlyCookiesUrl(website.text, website.url) : null;
      return url ? read({ url }, via, 'json') : null;
    }
    case 'cookieyes':
      return read({ url: pointer.url }, via, 'js');
    case 'complianz':
      return read({ url: pointer.url }, via);
    case 'klaro':
    case 'vanilla-cookieconsent':
    case 'tarteaucitron': {
      const declaration = await readDocumentAsync(pointer.json, {
        url: pageUrl,
        knowledge: deps.knowledge,
        fetchedAt: deps.now().toISOString(),
        sha256: await documentSha256(pointer.json),
        hint: 'json',
      });
      return { url: `${pageUrl}#${pointer.platform}`, via, etag: null, lastModified: null, declaration };
    }
  }
}

/** Several documents as one declaration: sources in order, each cookie pointing at its own. */
export function mergeDeclarations(parts: readonly Declaration[]): Declaration {
  const merged: Declaration = {
    sources: [],
    cookies: [],
    storage: [],
    providers: [],
    statements: { dnt: { stance: 'unspecified', sentence: null }, gpc: { stance: 'unspecified', sentence: null } },
    links: [],
    warnings: [],
  };
  for (const part of parts) {
    const offset = merged.sources.length;
    merged.sources.push(...part.sources);
    for (const c of part.cookies) {
      const entry: DeclaredCookie = { ...c, sourceIndex: offset + (c.sourceIndex ?? 0) };
      merged.cookies.push(entry);
    }
    for (const s of part.storage) if (!merged.storage.some((x) => x.key === s.key)) merged.storage.push(s);
    for (const p of part.providers) if (!merged.providers.some((x) => x.name === p.name)) merged.providers.push(p);
    if (merged.statements.dnt.stance === 'unspecified') merged.statements.dnt = part.statements.dnt;
    if (merged.statements.gpc.stance === 'unspecified') merged.statements.gpc = part.statements.gpc;
    for (const l of part.links) if (merged.links.length < 50 && !merged.links.some((x) => x.url === l.url)) merged.links.push(l);
    merged.warnings.push(...part.warnings.slice(0, 100 - merged.warnings.length));
  }
  return merged;
}
