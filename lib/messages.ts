/**
 * The one message protocol between the background (the only writer of state), the popup and options
 * pages, and the content scripts. Each request type is declared beside its response type.
 */
import type { Choice, Purpose, SignalStance } from './types';
import type { Basis, BreachKind } from './enforce/decide';
import { validatePageFacts, type PageFacts } from './policy/page-facts';
import { CHOICES } from './types';
import type { ChoiceReason } from './signals/effective-choice';
import type { SignalView } from './signals/view';

export type { ChoiceReason } from './signals/effective-choice';
export type { SignalView } from './signals/view';

/** A site that says it honors GPC set this tracking cookie (lib/signals/book.ts). */
export type RowBreach = BreachKind | 'signal-claim';

// ---- What the UI shows -------------------------------------------------------------------------

export interface CookieRow {
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
  state: 'kept' | 'removed';
  flag: string | null;
  breaches: RowBreach[];
  /** URL of the policy document the declaration came from */
  policyUrl: string | null;
}

export type PolicyStatusView =
  | { status: 'pending' }
  | { status: 'loading'; url: string }
  | { status: 'found' }
  | { status: 'none'; reason: string }
  /** The policy could not be fetched: `reason` is the failure ("timed out", "HTTP 500"), retried after `retryAt`. */
  | { status: 'error'; reason: string; retryAt?: string | null };

export interface PolicySourceView {
  url: string;
  kind: string;
  /** How it was found: consent-platform, page-link, usual-path, linked-policy. */
  via: string | null;
  fetchedAt: string | null;
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
export interface PolicyMetaView {
  vias: string[];
  checkedAt: string | null;
  retryAt: string | null;
  lastError: string | null;
  change: PolicyChangeView | null;
}

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
}

export interface Settings {
  defaultChoice: Choice;
  siteChoices: Record<string, Choice>;
  sendSignals: boolean;
}

// ---- Requests ----------------------------------------------------------------------------------

export type Request =
  | { type: 'get-site-view'; tabId: number }
  | { type: 'get-settings' }
  | { type: 'set-default-choice'; choice: Choice }
  | { type: 'set-site-choice'; site: string; choice: Choice | null }
  | { type: 'set-send-signals'; on: boolean }
  | { type: 'refresh-policy'; tabId: number }
  | { type: 'page-facts'; facts: PageFacts };

export interface ResponseOf {
  'get-site-view': SiteView;
  'get-settings': Settings;
  'set-default-choice': Settings;
  'set-site-choice': Settings;
  'set-send-signals': Settings;
  'refresh-policy': SiteView;
  'page-facts': { ok: boolean };
}

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** Types a content script may send; everything else must come from our own pages. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<RequestType> = new Set(['page-facts']);

/**
 * Validate a message from anywhere. Content scripts run in pages we do not trust: their payloads are
 * checked field by field and bounded. Returns null for anything malformed.
 */
export function parseRequest(raw: unknown): Request | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'get-site-view':
      return Number.isInteger(m.tabId) ? { type: 'get-site-view', tabId: m.tabId as number } : null;
    case 'get-settings':
      return { type: 'get-settings' };
    case 'set-default-choice':
      return isChoice(m.choice) ? { type: 'set-default-choice', choice: m.choice } : null;
    case 'set-site-choice':
      if (typeof m.site !== 'string' || m.site.length === 0 || m.site.length > 253) return null;
      if (m.choice !== null && !isChoice(m.choice)) return null;
      return { type: 'set-site-choice', site: m.site, choice: m.choice as Choice | null };
    case 'set-send-signals':
      return typeof m.on === 'boolean' ? { type: 'set-send-signals', on: m.on } : null;
    case 'refresh-policy':
      return Number.isInteger(m.tabId) ? { type: 'refresh-policy', tabId: m.tabId as number } : null;
    case 'page-facts': {
      const facts = validatePageFacts(m.facts);
      return facts ? { type: 'page-facts', facts } : null;
    }
    default:
      return null;
  }
}

export function isChoice(x: unknown): x is Choice {
  return typeof x === 'string' && (CHOICES as readonly string[]).includes(x);
}
