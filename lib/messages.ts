/**
 * The one message protocol between the background (the only writer of state), the popup and options
 * pages, and the content scripts. Each request type is declared beside its response type.
 */
import type { Choice, CookieException, Purpose, Settings, SignalStance, UnknownCookies } from './types';
import type { GuardSiteData } from './enforce/guard';
import type { SitePolicyMeta, SitePolicyState } from './engine/entry';
import type { Basis, BreachKind } from './enforce/decide';
import { validatePageFacts, type PageFacts } from './policy/discover/page-facts';
import { CHOICES } from './types';
import * as v from 'valibot';
import type { ImportResult } from './storage/transfer';
import { isCookieException, isUnknownCookies, validCookieName, validSiteName } from './storage/settings';
import type { ChoiceReason } from './signals/effective-choice';
import type { SignalView } from './signals/view';
import type { BannerEntry } from './consent/book';
import { parseAutoconsentMessage, type AutoconsentMessage } from './consent/autoconsent';

export type { ChoiceReason } from './signals/effective-choice';
export type { SignalView } from './signals/view';

/**
 * A site that says it honors GPC set this tracking cookie (lib/signals/book.ts); a site whose consent
 * platform recorded the refusal set it afterwards (lib/consent/book.ts).
 */
export type RowBreach = BreachKind | 'signal-claim' | 'banner-refusal';

/** Issue 15: the consent banner on this site: what we answered, what its platform recorded, and since. */
export type BannerView = BannerEntry & {
  /** Its banner was hidden once the record was verified. */
  hidden: boolean;
};

// ---- What the UI shows -------------------------------------------------------------------------

/** What shows a cookie's breaches: enough to support a complaint, and never its value. */
export interface CookieEvidence {
  /** ISO times the cookie was first and last seen set. */
  firstSeen: string;
  lastSeen: string;
  path: string;
  /** HttpOnly, Secure, SameSite=…, host-only, session / persistent, partitioned */
  attributes: string[];
  /** Seconds it lives from when it was seen (0: a session cookie). */
  actualLifetimeSeconds: number;
  /** The declared entry that matched, or null when the policy does not declare it. */
  declared: {
    name: string;
    purposeAsWritten: string | null;
    purpose: Purpose;
    durationAsWritten: string | null;
    provider: string | null;
    expandedFrom: string | null;
  } | null;
  /** The policy document it was judged against. */
  policy: { url: string; sha256: string; fetchedAt: string | null } | null;
  /** Per breach kind, what shows it in words. */
  notes: Partial<Record<RowBreach, string>>;
}

export interface CookieRow {
  /** Identifies the cookie (store, name, domain, path, partition); no value. */
  key: string;
  name: string;
  domain: string;
  partitioned: boolean;
  thirdParty: boolean;
  httpOnly: boolean;
  /** declared by the site's policy (by name, or through a provider it named) */
  declared: boolean;
  expandedFrom: string | null;
  purpose: Purpose;
  purposeAsWritten: string | null;
  basis: Basis;
  /** What happened in the browser: kept, removed, or kept although this site refuses it (another needs it). */
  state: 'kept' | 'removed' | 'kept-for-other-site';
  /** With 'kept-for-other-site': the site that keeps it. */
  keptFor: string | null;
  flag: string | null;
  breaches: RowBreach[];
  /** URL of the policy document the declaration came from */
  policyUrl: string | null;
  evidence: CookieEvidence;
  /** Cookie attributes (never its value), for the row's details and the report. */
  path: string;
  secure: boolean;
  sameSite: string | null;
  /** Expiry in epoch seconds; null for a session cookie. */
  expiresAt: number | null;
  /** When the extension first and last saw it (epoch ms). */
  firstSeen: number;
  lastSeen: number;
  /** The policy's entry that declares it, as written. */
  declaredAs: DeclaredAsView | null;
  /** Removed earlier, but the choice now allows it: the site sets it again when the page is reloaded. */
  allowedNow: boolean;
}

export interface DeclaredAsView {
  name: string;
  purposeAsWritten: string | null;
  durationAsWritten: string | null;
  durationSeconds: number | null;
  provider: string | null;
}

export type PolicyStatusView = SitePolicyState;

export interface PolicySourceView {
  url: string;
  kind: string;
  /** How it was found: consent-platform, page-link, usual-path, linked-policy. */
  via: string | null;
  fetchedAt: string | null;
  /** SHA-256 (hex) of the document as read: what a complaint cites. */
  sha256: string | null;
  cookies: number;
}

/** A refreshed policy declares other cookies than the version before. */
export interface PolicyChangeView {
  on: string;
  previousDate: string | null;
  added: string[];
  removed: string[];
}

/** When the policy was checked, and what the last check said when it failed (the policy shown is older). */
export type PolicyMetaView = SitePolicyMeta;

export interface SiteView {
  site: string | null;
  url: string | null;
  choice: Choice | null;
  effectiveChoice: Choice;
  /** Why the site gets effectiveChoice (the user's, the default, or held to what it says about DNT / GPC). */
  choiceReason: ChoiceReason;
  signals: SignalView;
  policy: PolicyStatusView;
  sources: PolicySourceView[];
  policyMeta: PolicyMetaView | null;
  dnt: SignalStance;
  cookies: CookieRow[];
  breaches: number;
  /** A settings write failed even after freeing space (the adapter adds it; absent means none). */
  storageError?: StorageError | null;
  /** Are banners answered on this site (the per-site switch, else the global one)? */
  answerBanners?: boolean;
  /** The consent banner answered on this site, or null (none recognised, or not answered). */
  banner?: BannerView | null;
}

export type { Settings } from './types';

/** What could not be stored: the choice applies until the browser restarts, and the person is told. */
export type StorageError = 'settings-not-saved';

/** The settings as the UI gets them: what is in force, and whether storing them failed. */
export interface SettingsView extends Settings {
  storageError?: StorageError | null;
}

// ---- Requests ----------------------------------------------------------------------------------

/**
 * Every request, written once: the schema checks a message from anywhere and its type is the request type.
 * Content scripts run in pages we do not trust: their payloads are checked field by field and bounded.
 */
const tabId = v.pipe(v.number(), v.integer());
const choice = v.picklist(CHOICES);
const siteName = v.custom<string>(validSiteName);
const cookieName = v.custom<string>(validCookieName);
const pageFacts = v.pipe(
  v.unknown(),
  v.rawTransform<unknown, PageFacts>(({ dataset, addIssue, NEVER }) => validatePageFacts(dataset.value) ?? (addIssue(), NEVER)),
);

const autoconsentMessage = v.pipe(
  v.unknown(),
  v.rawTransform<unknown, AutoconsentMessage>(({ dataset, addIssue, NEVER }) => parseAutoconsentMessage(dataset.value) ?? (addIssue(), NEVER)),
);

const REQUEST = v.variant('type', [
  v.object({ type: v.literal('get-site-view'), tabId }),
  v.object({ type: v.literal('get-settings') }),
  v.object({ type: v.literal('set-default-choice'), choice }),
  v.object({ type: v.literal('set-site-choice'), site: v.pipe(v.string(), v.minLength(1), v.maxLength(253)), choice: v.nullable(choice) }),
  v.object({ type: v.literal('set-send-signals'), on: v.boolean() }),
  v.object({ type: v.literal('refresh-policy'), tabId }),
  v.object({ type: v.literal('page-facts'), facts: pageFacts }),
  v.object({ type: v.literal('set-paused'), paused: v.boolean() }),
  v.object({ type: v.literal('set-retention'), days: v.pipe(v.number(), v.integer()) }),
  // Only our own pages may send it (senderMay); lib/storage/transfer.ts checks the file field by field.
  v.object({ type: v.literal('import-settings'), data: v.unknown() }),
  v.object({ type: v.literal('reset-settings') }),
  v.object({ type: v.literal('clear-history') }),
  v.object({ type: v.literal('set-cookie-exception'), site: siteName, name: cookieName, rule: v.nullable(v.custom<CookieException>(isCookieException)) }),
  v.object({ type: v.literal('set-unknown-cookies'), value: v.custom<UnknownCookies>(isUnknownCookies) }),
  /** Issue 15: answer consent banners (global switch, options page). */
  v.object({ type: v.literal('set-answer-banners'), on: v.boolean() }),
  /** Issue 15: the per-site switch "answer banners here" (popup); null goes back to the global one. */
  v.object({ type: v.literal('set-site-banners'), site: siteName, on: v.nullable(v.boolean()) }),
  /** From the cookie guard's content script: this frame's site's compiled choice (the sender's URL decides). */
  v.object({ type: v.literal('guard-data'), url: v.pipe(v.string(), v.maxLength(8_192)) }),
  /** From the cookie guard: names it refused in this frame (never values), so the popup still lists them. */
  v.object({
    type: v.literal('guard-refused'),
    names: v.pipe(v.array(cookieName), v.minLength(1), v.maxLength(50), v.transform((names) => [...new Set(names)])),
  }),
  /** From autoconsent's content script (issue 15): its own message, checked field by field. */
  v.object({ type: v.literal('autoconsent'), message: autoconsentMessage }),
]);

export type Request = v.InferOutput<typeof REQUEST>;

export interface ResponseOf {
  'get-site-view': SiteView;
  'get-settings': SettingsView;
  'set-default-choice': SettingsView;
  'set-site-choice': SettingsView;
  'set-send-signals': SettingsView;
  'refresh-policy': SiteView;
  'page-facts': { ok: boolean };
  'set-paused': Settings;
  'set-retention': Settings;
  'import-settings': ImportResult;
  'reset-settings': Settings;
  'clear-history': { cleared: number };
  'set-cookie-exception': Settings;
  'set-unknown-cookies': Settings;
  'set-answer-banners': SettingsView;
  'set-site-banners': SettingsView;
  'guard-data': GuardSiteData | null;
  'guard-refused': { ok: boolean };
  'autoconsent': { ok: boolean };
}

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/**
 * Responses that travel as one JSON string: a site's view carries a row per cookie (500 rows are about 600 KB),
 * and Firefox clones a deep object graph between pages far more slowly than one string (measured: the view's
 * request took 217-293 ms there, 25-28 ms in Chromium). `send` (components/api.ts) decodes it.
 */
export const JSON_WIRE: ReadonlySet<RequestType> = new Set(['get-site-view', 'refresh-policy']);

/** A response as sent on the wire: as is, or for JSON_WIRE types `{ json }`. */
export function toWire(type: RequestType, response: unknown): unknown {
  return JSON_WIRE.has(type) ? { json: JSON.stringify(response) } : response;
}

export function fromWire<T>(type: RequestType, wire: unknown): T {
  if (!JSON_WIRE.has(type)) return wire as T;
  const json = (wire as { json?: unknown } | null | undefined)?.json;
  if (typeof json !== 'string') throw new Error('no answer from the background');
  return JSON.parse(json) as T;
}

/** Types a content script may send; everything else must come from our own pages. */
const CONTENT_SCRIPT_TYPES: ReadonlySet<RequestType> = new Set(['page-facts', 'guard-data', 'guard-refused', 'autoconsent']);

/**
 * The sender allowlist, in one place: our own pages (popup, options) may send anything; a content script
 * (a page we do not trust) only CONTENT_SCRIPT_TYPES. `senderUrl` is the browser's word, not the message's.
 */
export function senderMay(type: RequestType, senderUrl: string | undefined, extensionOrigin: string): boolean {
  if (senderUrl !== undefined && senderUrl.startsWith(extensionOrigin)) return true;
  return CONTENT_SCRIPT_TYPES.has(type);
}

/** A message from anywhere, checked against its schema; null for anything malformed. */
export function parseRequest(raw: unknown): Request | null {
  const parsed = v.safeParse(REQUEST, raw);
  return parsed.success ? parsed.output : null;
}
