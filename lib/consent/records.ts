/**
 * Issue 15: reading what a consent platform recorded, in its own format, and holding it to what was asked.
 *
 * Formats (each platform's documentation and its shipped code):
 * - vanilla-cookieconsent v3: cookie `cc_cookie`, JSON (URI-encoded in some versions): `{"categories":["necessary"],
 *   "revision":0,"data":null,"consentTimestamp":…,"consentId":…,"services":{…},"lastConsentTimestamp":…}`.
 * - Klaro: cookie `klaro` (config `storageName` / `cookieName`), URI-encoded JSON `{"<service>":true|false,…}`.
 * - tarteaucitron: cookie `tarteaucitron` (`parameters.cookieName`), `!<service>=true|false|wait!…`.
 * - Cookiebot: cookie `CookieConsent`, URI-encoded `{stamp:'…',necessary:true,preferences:false,statistics:false,
 *   marketing:false,method:'explicit',ver:1,utc:…,region:'…'}` (`-1`: outside the consent region).
 * - OneTrust: cookie `OptanonConsent`, a query string whose `groups` is `C0001:1,C0002:0,…`.
 * - IAB TCF: `__tcfapi('getTCData', 2, cb)` → `purpose.consents` `{ "1": true, … }`; read only, never set.
 */
import type { Choice, Purpose } from '../types';
import { consentsTo, purposeOf, type ConsentPlatform, type PlatformCategory } from './answer';

/** What the page read back after answering: the platform's cookie as the page sees it, and its API's word. */
export interface RecordReadout {
  platform: ConsentPlatform;
  categories: PlatformCategory[];
  cookieName: string;
  /** The record cookie's value (document.cookie), or null when there is none. */
  cookie: string | null;
  /** The platform API's own state, category id → granted, or null when it has none to give. */
  api: Record<string, boolean> | null;
  /** TCF `getTCData` purpose consents, when the page has `__tcfapi`. */
  tcf: Record<string, boolean> | null;
}

/** Category id → granted, from the record cookie; null when absent or unreadable. */
export function parseRecordCookie(platform: ConsentPlatform, value: string | null, categories: readonly PlatformCategory[]): Record<string, boolean> | null {
  if (value === null || value === '' || value.length > 16_384) return null;
  const text = safeDecode(value);
  switch (platform) {
    case 'vanilla-cookieconsent': {
      const json = parseJson(text);
      const accepted = json && Array.isArray(json.categories) ? json.categories.filter((c): c is string => typeof c === 'string') : null;
      if (!accepted) return null;
      const out: Record<string, boolean> = {};
      for (const c of categories) out[c.id] = accepted.includes(c.id);
      for (const id of accepted) out[id] = true;
      return out;
    }
    case 'klaro': {
      const json = parseJson(text);
      if (!json) return null;
      const out: Record<string, boolean> = {};
      for (const [k, v] of Object.entries(json)) if (typeof v === 'boolean') out[k] = v;
      // An empty record (`klaro={}`) records nothing: not "essential only".
      return Object.keys(out).length > 0 ? out : null;
    }
    case 'tarteaucitron': {
      const out: Record<string, boolean> = {};
      for (const m of text.matchAll(/!([^!=]+)=(true|false|wait)/g)) if (m[2] !== 'wait') out[m[1]!] = m[2] === 'true';
      return Object.keys(out).length > 0 ? out : null;
    }
    case 'cookiebot': {
      if (text.trim() === '-1') return null;
      const out: Record<string, boolean> = {};
      for (const m of text.matchAll(/\b(necessary|preferences|statistics|marketing)\s*:\s*(true|false)/g)) out[m[1]!] = m[2] === 'true';
      return Object.keys(out).length > 0 ? out : null;
    }
    case 'onetrust': {
      const groups = new URLSearchParams(value).get('groups');
      if (!groups) return null;
      const out: Record<string, boolean> = {};
      for (const part of groups.split(',')) {
        const m = /^([^:]+):([01])$/.exec(part.trim());
        if (m) out[m[1]!] = m[2] === '1';
      }
      return Object.keys(out).length > 0 ? out : null;
    }
  }
}

/** TCF purposes (IAB TCF v2.2 policy, Appendix A): 1 storage, 2–4 and 7 advertising, 5–6 content profiles, 8–10 measurement and development, 11 limited-data content. */
export function tcfPurpose(id: string): Purpose {
  switch (id) {
    case '8':
    case '9':
    case '10':
      return 'analytics';
    case '11':
      return 'functional';
    default:
      return 'advertising';
  }
}

export interface GrantedCategory {
  id: string;
  purpose: Purpose;
}

export interface ConsentVerdict {
  /** A platform answered through its API, or the name of autoconsent's rule. */
  platform: ConsentPlatform | string;
  /** How it was answered: the platform's own API, or autoconsent's rule (lib/consent/autoconsent.ts). */
  via?: 'api' | 'autoconsent';
  /** What we asked for. */
  asked: Choice;
  /**
   * recorded: the record says what was asked (or less); recorded-other: it consents to a purpose the person
   * refused (a breach); not-recorded: no record to read; unverified: answered by a rule with no self-test.
   */
  status: 'recorded' | 'recorded-other' | 'not-recorded' | 'unverified';
  /** The record in our words: the choice it amounts to, or custom. */
  recordedAs: Choice | 'custom' | null;
  /** Where the verdict was read: the platform's cookie (its proof) or, without one, its API. */
  source: 'cookie' | 'api' | 'self-test' | null;
  cookieName: string;
  granted: GrantedCategory[];
  /** Granted although the person refused its purpose. */
  refusedButGranted: GrantedCategory[];
  /** Purposes the record refuses: a cookie of one of these set afterwards is a breach. */
  refusedPurposes: Purpose[];
}

/** Hold what the platform recorded to what the person chose. */
export function verifyRecord(readout: RecordReadout, asked: Choice): ConsentVerdict {
  const { platform, categories } = readout;
  const fromCookie = parseRecordCookie(platform, readout.cookie, categories);
  const record = fromCookie ?? readout.api;
  const base = { platform, via: 'api' as const, asked, cookieName: readout.cookieName };
  if (!record) {
    return { ...base, status: 'not-recorded', recordedAs: null, source: null, granted: [], refusedButGranted: [], refusedPurposes: [] };
  }
  const byId = new Map(categories.map((c) => [c.id, c]));
  const granted: GrantedCategory[] = [];
  const refused = new Set<Purpose>();
  for (const [id, on] of Object.entries(record)) {
    const purpose = purposeOf(platform, byId.get(id) ?? { id, purposes: [], required: false });
    if (on) granted.push({ id, purpose });
    else if (purpose !== 'essential' && purpose !== 'unknown') refused.add(purpose);
  }
  // TCF reports consent per purpose: any purpose consented to counts as granted.
  for (const [id, on] of Object.entries(readout.tcf ?? {})) {
    if (on) granted.push({ id: `tcf:${id}`, purpose: tcfPurpose(id) });
    else if (tcfPurpose(id) !== 'unknown') refused.add(tcfPurpose(id));
  }
  const refusedButGranted = granted.filter((g) => !consentsTo(asked, g.purpose));
  for (const g of granted) refused.delete(g.purpose);
  return {
    ...base,
    status: refusedButGranted.length > 0 ? 'recorded-other' : 'recorded',
    recordedAs: recordedAs(granted, Object.keys(record).length),
    source: fromCookie ? 'cookie' : 'api',
    granted,
    refusedButGranted,
    refusedPurposes: [...refused],
  };
}

/** The choice a record amounts to: essential only, + functional, all, or a mix of its own. */
function recordedAs(granted: readonly GrantedCategory[], total: number): Choice | 'custom' {
  const purposes = new Set(granted.map((g) => g.purpose));
  purposes.delete('essential');
  if (purposes.size === 0) return 'essential-only';
  if (purposes.size === 1 && purposes.has('functional')) return 'essential-functional';
  return granted.length === total ? 'allow-all' : 'custom';
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
