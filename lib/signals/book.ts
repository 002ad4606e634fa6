/**
 * What we know per site about the signals: its gpc.json answer and, when it says it honors them but set
 * tracking cookies anyway, the breach with its evidence. Pure and in memory; the background loads and
 * stores each site's entry (`local:signals:<site>`) and fetches gpc.json.
 */
import type { Purpose } from '../types';
import type { GpcClaim } from './gpc-json';
import type { SiteStance } from './stance';

const SIGNAL_ENTRY_FORMAT = 1;
/** gpc.json is read once per site, again after a day; an answer that failed to arrive, after an hour. */
export const GPC_RECHECK_MS = 24 * 3600_000;
export const GPC_RETRY_MS = 3600_000;
const MAX_EVIDENCE = 20;
const MAX_SITES = 1_000;

export interface GpcCheck {
  url: string;
  /** What the file says; null when there was no file to read (404, not JSON, failed). */
  claim: GpcClaim | null;
  /** Why there is no claim ("HTTP 404", "not JSON", "timed out"). */
  problem: string | null;
  /** The fetch failed in a way worth trying again soon (time-out, 5xx). */
  retryable: boolean;
  checkedAt: string;
}

export interface BreachEvidence {
  name: string;
  domain: string;
  purpose: Purpose;
  /** ISO time the cookie was set. */
  at: string;
}

export interface SignalBreach {
  /** ISO time of the first tracking cookie. */
  on: string;
  /** What the site claimed: gpc.json or its policy (with the sentence). */
  claim: { source: 'gpc.json' | 'policy'; signal: 'gpc' | 'dnt'; sentence: string | null; url: string | null };
  cookies: BreachEvidence[];
}

export interface SignalSiteEntry {
  format: number;
  site: string;
  gpc: GpcCheck | null;
  breach: SignalBreach | null;
}

export function isSignalEntry(v: unknown): v is SignalSiteEntry {
  if (typeof v !== 'object' || v === null) return false;
  const e = v as Partial<SignalSiteEntry>;
  return e.format === SIGNAL_ENTRY_FORMAT && typeof e.site === 'string';
}

/** Is gpc.json due for a (first or new) check? */
export function gpcCheckDue(entry: SignalSiteEntry | null | undefined, now: number): boolean {
  const check = entry?.gpc;
  if (!check) return true;
  const at = Date.parse(check.checkedAt);
  if (!Number.isFinite(at)) return true;
  return now - at >= (check.retryable ? GPC_RETRY_MS : GPC_RECHECK_MS);
}

const TRACKING: ReadonlySet<Purpose> = new Set(['analytics', 'advertising']);

export class SignalBook {
  private readonly entries = new Map<string, SignalSiteEntry>();
  /** Tracking cookies a site set before we knew what it says (its gpc.json or policy still on the way). */
  private readonly pending = new Map<string, BreachEvidence[]>();

  entry(site: string): SignalSiteEntry | null {
    return this.entries.get(site) ?? null;
  }

  /** Known at all (loaded from storage or checked)? */
  has(site: string): boolean {
    return this.entries.has(site);
  }

  set(entry: SignalSiteEntry): void {
    if (!this.entries.has(entry.site) && this.entries.size >= MAX_SITES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(entry.site, entry);
  }

  /** gpc.json: undefined while not checked yet, null when there was nothing to read, else the claim. */
  gpcClaim(site: string): GpcClaim | null | undefined {
    const e = this.entries.get(site);
    if (!e?.gpc) return undefined;
    return e.gpc.claim;
  }

  setGpc(site: string, check: GpcCheck): SignalSiteEntry {
    const next: SignalSiteEntry = { ...(this.entries.get(site) ?? emptyEntry(site)), gpc: check };
    this.set(next);
    return next;
  }

  breachOf(site: string): SignalBreach | null {
    return this.entries.get(site)?.breach ?? null;
  }

  isEvidence(site: string, name: string, domain: string): boolean {
    const b = this.entries.get(site)?.breach;
    return b ? b.cookies.some((c) => c.name === name && c.domain === domain) : false;
  }

  /**
   * A cookie the site itself set (first party) while the signals were on. When the site says it honors them
   * and the cookie is analytics or advertising, it breaks its word: returns the updated entry to store, or
   * null when nothing changed. While we do not know yet what the site says, the cookie is kept aside for
   * settle().
   */
  noteSet(
    site: string,
    stance: SiteStance,
    cookie: { name: string; domain: string; purpose: Purpose; firstParty: boolean },
    now: number,
  ): SignalSiteEntry | null {
    if (!cookie.firstParty || !TRACKING.has(cookie.purpose)) return null;
    const evidence: BreachEvidence = { name: cookie.name, domain: cookie.domain, purpose: cookie.purpose, at: new Date(now).toISOString() };
    if (stance.stance === 'unknown') {
      const list = this.pending.get(site) ?? [];
      if (list.length < MAX_EVIDENCE && !list.some((c) => c.name === evidence.name && c.domain === evidence.domain)) list.push(evidence);
      if (!this.pending.has(site) && this.pending.size >= MAX_SITES) this.pending.clear();
      this.pending.set(site, list);
      return null;
    }
    if (stance.stance !== 'honors') return null;
    return this.addEvidence(site, stance, [evidence]);
  }

  /**
   * What the site says is now known: tracking cookies it set in the meantime are a breach if it says it
   * honors the signals, and forgotten otherwise. Returns the updated entry to store, or null.
   */
  settle(site: string, stance: SiteStance): SignalSiteEntry | null {
    if (stance.stance === 'unknown') return null;
    const waiting = this.pending.get(site);
    if (!waiting) return null;
    this.pending.delete(site);
    return stance.stance === 'honors' ? this.addEvidence(site, stance, waiting) : null;
  }

  private addEvidence(site: string, stance: SiteStance, evidence: readonly BreachEvidence[]): SignalSiteEntry | null {
    const prev = this.entries.get(site) ?? emptyEntry(site);
    const known = prev.breach?.cookies ?? [];
    const fresh = evidence.filter((e) => !known.some((c) => c.name === e.name && c.domain === e.domain));
    if (fresh.length === 0) return null;
    const cookies = [...known, ...fresh].slice(0, MAX_EVIDENCE);
    if (cookies.length === known.length) return null;
    const breach: SignalBreach = prev.breach
      ? { ...prev.breach, cookies }
      : {
          on: fresh[0]!.at,
          claim: {
            source: stance.source ?? 'policy',
            signal: stance.signal ?? 'gpc',
            sentence: stance.sentence,
            url: stance.source === 'gpc.json' ? (prev.gpc?.url ?? null) : null,
          },
          cookies,
        };
    const next = { ...prev, breach };
    this.set(next);
    return next;
  }
}

function emptyEntry(site: string): SignalSiteEntry {
  return { format: SIGNAL_ENTRY_FORMAT, site, gpc: null, breach: null };
}
