/**
 * What the engine keeps of each cookie and site: a cookie's attributes (never its value), its key, every
 * site's say on it, and a site's policy state. Plain data, shared by the engine (warden.ts), the view and
 * the adapters.
 */
import type { CompiledDeclaration, Verdict } from '../enforce/decide';
import { normalizeDomain, type SiteKey } from '../site';

/** A cookie as the browser reports it, without its value. */
export interface ObservedCookie {
  name: string;
  domain: string;
  path: string;
  secure: boolean;
  httpOnly: boolean;
  hostOnly: boolean;
  session: boolean;
  expirationDate?: number;
  sameSite?: string;
  storeId: string;
  /** Chromium: { topLevelSite, hasCrossSiteAncestor }; Firefox: { topLevelSite } */
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean } | null;
  firstPartyDomain?: string;
}

/** Policy state of a site as the engine knows it (the view adds words). */
export type SitePolicyState =
  | { status: 'pending' }
  | { status: 'loading'; url: string }
  | { status: 'found' }
  | { status: 'none'; reason: string }
  | { status: 'error'; reason: string; retryAt?: string | null };

/** Where a policy came from and what changed, kept for the view. */
export interface SitePolicyMeta {
  vias: string[];
  checkedAt: string | null;
  retryAt: string | null;
  lastError: string | null;
  change: { on: string; previousDate: string | null; added: string[]; removed: string[] } | null;
}

/** One cookie in the browser (by name, domain, path, partition, store), and every site's say on it. */
export interface CookieEntry {
  readonly key: string;
  /** Attributes only: the engine copies the fields it knows and never a value. */
  readonly cookie: ObservedCookie;
  /** Normalised domain (lower case, no leading dot). */
  domain: string;
  partitioned: boolean;
  /** Its own site (or its partition's): fixed by the key, so computed once. */
  owner: SiteKey | null;
  /** The sites it belongs to, its owner first. */
  sites: SiteKey[];
  /** Each site's verdict, parallel to `sites`. */
  verdicts: Verdict[];
  /** Each site's policy generation when judged, parallel to `sites`. */
  generations: number[];
  settingsGeneration: number;
  /** What the sites settled on together: removed only when every one refuses it. */
  settled: 'keep' | 'remove';
  /** What happened in the browser. */
  state: 'kept' | 'removed';
  /** When kept although some site refuses it: the site that keeps it. */
  keptBy: SiteKey | null;
  firstSeen: number;
  lastSeen: number;
}

export interface SiteRecord {
  policy: SitePolicyState;
  declaration: CompiledDeclaration | null;
  meta: SitePolicyMeta | null;
  /** Keys of the cookies that belong to this site (owned, embedded or in its partition). */
  cookies: Set<string>;
  /** Bumped on every policy change: verdicts from before are judged again. */
  generation: number;
}

/** What one cookie event asks of the adapter. One object, reused: read it before the next call. */
export interface Outcome {
  /** The event's cookie key (`cookieKey`), computed once: for `verdictOf` without building it again. */
  key: string;
  /** Remove this cookie from the browser (every site it belongs to refuses it), or null. */
  remove: ObservedCookie | null;
  /** Sites whose badge may have changed. */
  sites: SiteKey[];
  /** Sites first heard of with this cookie: the adapter loads their cached policy (the owner is asked). */
  newSites: SiteKey[];
}


export function cookieKey(c: Pick<ObservedCookie, 'name' | 'domain' | 'path' | 'partitionKey' | 'storeId' | 'firstPartyDomain'>): string {
  return `${c.storeId}|${c.name}|${normalizeDomain(c.domain)}|${c.path}|${c.partitionKey?.topLevelSite ?? c.firstPartyDomain ?? ''}`;
}

/** Copy the attributes we keep; whatever else the browser's object carries (its value) stays behind. */
export function copyAttributes(from: ObservedCookie, to: ObservedCookie): ObservedCookie {
  to.name = from.name;
  to.domain = from.domain;
  to.path = from.path;
  to.secure = from.secure;
  to.httpOnly = from.httpOnly;
  to.hostOnly = from.hostOnly;
  to.session = from.session;
  to.expirationDate = from.expirationDate;
  to.sameSite = from.sameSite;
  to.storeId = from.storeId;
  // Same partition as before (the key says so for an entry seen again): keep the copy, allocate nothing.
  const pk = from.partitionKey;
  if (!pk) to.partitionKey = null;
  else if (to.partitionKey?.topLevelSite !== pk.topLevelSite || to.partitionKey?.hasCrossSiteAncestor !== pk.hasCrossSiteAncestor) {
    to.partitionKey = { topLevelSite: pk.topLevelSite, hasCrossSiteAncestor: pk.hasCrossSiteAncestor };
  }
  to.firstPartyDomain = from.firstPartyDomain;
  return to;
}

export function emptyCookie(): ObservedCookie {
  return { name: '', domain: '', path: '', secure: false, httpOnly: false, hostOnly: false, session: false, storeId: '' };
}

/** A site nothing is known of yet, as judged: policy pending, no declaration. Never mutated. */
export const UNKNOWN_SITE: SiteRecord = Object.freeze({
  policy: { status: 'pending' },
  declaration: null,
  meta: null,
  cookies: new Set<string>(),
  generation: 0,
}) as SiteRecord;
