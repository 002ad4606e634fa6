/**
 * Issue 15: per site, the banner answer we gave and what the platform recorded, and the cookies the site set
 * afterwards for a purpose its own record refuses ("set analytics cookies after recording your refusal").
 * Pure and in memory, like lib/signals/book.ts.
 */
import type { Purpose } from '../types';
import type { ConsentVerdict } from './records';

const MAX_EVIDENCE = 20;
const MAX_SITES = 1_000;

import { isConsentRecordName } from './record-names';

export interface AfterRefusalCookie {
  name: string;
  domain: string;
  purpose: Purpose;
  /** ISO time it was set. */
  at: string;
}

export interface BannerEntry {
  verdict: ConsentVerdict;
  /** ISO time the platform first recorded the answer (kept across later checks of the same record). */
  recordedAt: string;
  /** ISO time of the latest check. */
  checkedAt: string;
  /** Cookies set after the record refused their purpose. */
  afterRefusal: AfterRefusalCookie[];
}

export class BannerBook {
  private readonly entries = new Map<string, BannerEntry>();

  /** The outcome of answering (or checking again) a site's banner. */
  answered(site: string, verdict: ConsentVerdict, now: number): BannerEntry {
    const before = this.entries.get(site);
    // A verdict read through the platform's own API outranks one from autoconsent's rules (its detection and
    // self-test run on page DOM a page can fake): the rules' word never replaces the API's.
    if (before && before.verdict.via === 'api' && verdict.via !== 'api') return before;
    const at = new Date(now).toISOString();
    const sameRecord = before && before.verdict.status === verdict.status && before.verdict.platform === verdict.platform;
    const entry: BannerEntry = {
      verdict,
      recordedAt: sameRecord ? before.recordedAt : at,
      checkedAt: at,
      // Evidence stays whatever the site records next: hiding its record once must not wipe it.
      afterRefusal: before?.afterRefusal ?? [],
    };
    this.entries.delete(site);
    this.entries.set(site, entry);
    if (this.entries.size > MAX_SITES) this.entries.delete(this.entries.keys().next().value!);
    return entry;
  }

  entryOf(site: string): BannerEntry | null {
    return this.entries.get(site) ?? null;
  }

  /**
   * A cookie the site set: evidence when its record refused the cookie's purpose before it was set.
   * Returns true when it is new evidence. Cheapest tests first (hot path).
   */
  noteSet(site: string, cookie: { name: string; domain: string; purpose: Purpose }, now: number): boolean {
    const entry = this.entries.get(site);
    if (!entry || entry.verdict.status === 'not-recorded') return false;
    if (!entry.verdict.refusedPurposes.includes(cookie.purpose)) return false;
    // Record cookies are the proof of the answer: essential, never evidence against the site.
    if (isConsentRecordName(cookie.name)) return false;
    const at = new Date(now).toISOString();
    if (at < entry.recordedAt) return false;
    if (entry.afterRefusal.some((c) => c.name === cookie.name && c.domain === cookie.domain)) return false;
    if (entry.afterRefusal.length >= MAX_EVIDENCE) return false;
    entry.afterRefusal.push({ name: cookie.name, domain: cookie.domain, purpose: cookie.purpose, at });
    return true;
  }

  isEvidence(site: string, name: string, domain: string): boolean {
    return this.entries.get(site)?.afterRefusal.some((c) => c.name === name && c.domain === domain) ?? false;
  }

  forget(site: string): void {
    this.entries.delete(site);
  }
}
