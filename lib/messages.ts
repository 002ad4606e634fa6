/**
 * The one message protocol between the background (the only writer of state), the popup and options
 * pages, and the content scripts. Each request type is declared beside its response type.
 */
import type { Choice, Purpose, SignalStance } from './types';
import type { Basis, BreachKind } from './enforce/decide';
import type { RawLink } from './policy/links';
import { CHOICES } from './types';

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
  breaches: BreachKind[];
  /** URL of the policy document the declaration came from */
  policyUrl: string | null;
}

export type PolicyStatusView =
  | { status: 'pending' }
  | { status: 'loading'; url: string }
  | { status: 'found' }
  | { status: 'none'; reason: string }
  | { status: 'error'; reason: string };

export interface PolicySourceView {
  url: string;
  kind: string;
  fetchedAt: string | null;
  cookies: number;
}

export interface SiteView {
  site: string | null;
  url: string | null;
  choice: Choice | null;
  effectiveChoice: Choice;
  policy: PolicyStatusView;
  sources: PolicySourceView[];
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
  | { type: 'page-links'; url: string; links: RawLink[] };

export interface ResponseOf {
  'get-site-view': SiteView;
  'get-settings': Settings;
  'set-default-choice': Settings;
  'set-site-choice': Settings;
  'page-links': { ok: boolean };
}

export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;

/** Types a content script may send; everything else must come from our own pages. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<RequestType> = new Set(['page-links']);

const MAX_LINKS = 2_000;

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
    case 'page-links': {
      if (typeof m.url !== 'string' || m.url.length > 4096 || !Array.isArray(m.links)) return null;
      const links: RawLink[] = [];
      for (const l of m.links.slice(0, MAX_LINKS)) {
        if (typeof l !== 'object' || l === null) continue;
        const { href, text, title } = l as Record<string, unknown>;
        if (typeof href !== 'string' || href.length > 2048) continue;
        links.push({
          href,
          text: typeof text === 'string' ? text.slice(0, 300) : '',
          title: typeof title === 'string' ? title.slice(0, 300) : '',
        });
      }
      return { type: 'page-links', url: m.url, links };
    }
    default:
      return null;
  }
}

export function isChoice(x: unknown): x is Choice {
  return typeof x === 'string' && (CHOICES as readonly string[]).includes(x);
}
