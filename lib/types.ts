/**
 * The core vocabulary of Cookie Warden. One meaning everywhere (see README "Purposes").
 * Pure types: no browser API, no runtime code beyond constants.
 */

/** The five canonical purposes. */
export type Purpose = 'essential' | 'functional' | 'analytics' | 'advertising' | 'unknown';

export const PURPOSES: readonly Purpose[] = ['essential', 'functional', 'analytics', 'advertising', 'unknown'];

/** How a declared name matches observed cookie names. */
export type MatchKind = 'exact' | 'prefix' | 'glob';

/** Where a declaration came from. */
export type SourceKind =
  | 'html'
  | 'markdown'
  | 'text'
  | 'cookiebot'
  | 'onetrust'
  | 'klaro'
  | 'vanilla-cookieconsent'
  | 'tarteaucitron'
  | 'laravel-cookie-guard'
  | 'termly'
  | 'cookieyes';

export interface DeclarationSource {
  /** URL or file path the document was read from. */
  url: string;
  kind: SourceKind;
  /** sha256 (hex) of the document text as read. */
  sha256: string;
  /** ISO date the document was read, when known. */
  fetchedAt?: string;
}

export interface DeclaredCookie {
  /** The name as the document writes it, unescaped (`_pk_id.*`, `SESS#`, `_ga`). */
  name: string;
  /** How `pattern` matches: exact name, prefix, or glob (`*` any run of characters). */
  match: MatchKind;
  /** The compiled matcher text: the exact name, the prefix stem, or the glob with `*`. */
  pattern: string;
  /** The site's own category or purpose words, verbatim (trimmed), or null when none. */
  purposeAsWritten: string | null;
  purpose: Purpose;
  /** 0 = session cookie, null = not stated or not understood. */
  durationSeconds: number | null;
  durationAsWritten: string | null;
  provider: string | null;
  domain: string | null;
  /** Set when the entry was not named by the document but expanded from a provider it named. */
  expandedFrom?: string;
  /** Set when merged from several sources: which source this entry came from (index into Declaration.sources). */
  sourceIndex?: number;
}

export interface DeclaredStorageKey {
  key: string;
  storage: 'localStorage' | 'sessionStorage' | 'unknown';
  purposeAsWritten: string | null;
  purpose: Purpose;
}

export interface DeclaredProvider {
  /** The provider as written ("Google Analytics"). */
  name: string;
  purposeAsWritten: string | null;
  purpose: Purpose;
  /** The knowledge-base platform it resolved to, or null when unknown. */
  knownAs: string | null;
}

export type SignalStance = 'honored' | 'ignored' | 'unspecified';

export interface SignalStatement {
  stance: SignalStance;
  /** The sentence that says so (bounded length), or null when unspecified. */
  sentence: string | null;
}

export interface PolicyLink {
  url: string;
  text: string;
  /** What the link seems to point to. */
  kind: 'cookie-policy' | 'privacy-policy';
}

export interface Declaration {
  sources: DeclarationSource[];
  cookies: DeclaredCookie[];
  storage: DeclaredStorageKey[];
  providers: DeclaredProvider[];
  statements: { dnt: SignalStatement; gpc: SignalStatement };
  links: PolicyLink[];
  warnings: string[];
}

/** The user's choice for a site (or the default). */
export type Choice = 'essential-only' | 'essential-functional' | 'allow-all';

export const CHOICES: readonly Choice[] = ['essential-only', 'essential-functional', 'allow-all'];

/** A per-cookie exception on one site: this site always keeps, or always refuses, a cookie of this name. */
export type CookieException = 'allow' | 'remove';

/** What happens to an undeclared cookie whose purpose nothing tells: kept and flagged (default), or removed. */
export type UnknownCookies = 'keep' | 'remove';

/** What the user set: stored by the background (lib/storage/settings.ts validates it). */
export interface Settings {
  defaultChoice: Choice;
  siteChoices: Record<string, Choice>;
  sendSignals: boolean;
  /** Pause everything: cookies are still watched and shown, but nothing is removed or blocked. */
  paused: boolean;
  /** How many days observations (cookies seen, breaches) are kept. */
  retentionDays: number;
  /** site → cookie name → exception. Only that site's vote changes (lib/engine/ownership.ts still rules). */
  cookieExceptions: Record<string, Record<string, CookieException>>;
  unknownCookies: UnknownCookies;
  /** Answer consent banners with the site's choice (issue 15); on by default. */
  answerBanners: boolean;
  /** Per site: false turns banner answering off there (true turns it on where the global switch is off). */
  bannerSites: Record<string, boolean>;
}
