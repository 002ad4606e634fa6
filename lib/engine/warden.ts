/**
 * The background's state machine, kept pure: sites, their policy status and declaration, the cookies
 * seen for them (names and attributes, never values), and the verdicts. The adapter feeds browser events
 * in and applies the removals that come out.
 */
import type { Choice, Declaration } from '../types';
import type { CookieRow, PolicyMetaView, PolicyStatusView, Settings, SiteView } from '../messages';
import { CompiledDeclaration, decide, type PolicyStatus, type Verdict } from '../enforce/decide';
import type { KnowledgeBase } from '../cookies/knowledge';
import { domainInSite, type SiteKey } from '../site';
import { SignalBook } from '../signals/book';
import { effectiveChoice, type EffectiveChoice } from '../signals/effective-choice';
import { siteStance, type SiteStance } from '../signals/stance';
import { signalView } from '../signals/view';

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
  storeId: string;
  /** Chromium: { topLevelSite, hasCrossSiteAncestor }; Firefox: { topLevelSite } */
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean } | null;
  firstPartyDomain?: string;
}

export interface CookieRecord {
  cookie: ObservedCookie;
  verdict: Verdict;
  state: 'kept' | 'removed';
  lastSeen: number;
  /** The site's policy generation and the settings generation the verdict was judged under. */
  generation: number;
  settingsGeneration: number;
}

interface SiteRecord {
  policy: PolicyStatusView;
  declaration: CompiledDeclaration | null;
  meta: PolicyMetaView | null;
  cookies: Map<string, CookieRecord>;
  /** Bumped on every policy change: verdicts from before are judged again. */
  generation: number;
}

const MAX_COOKIES_PER_SITE = 2_000;
const MAX_SITES = 1_000;

export function cookieKey(c: Pick<ObservedCookie, 'name' | 'domain' | 'path' | 'partitionKey' | 'storeId'>): string {
  return `${c.storeId}|${c.name}|${c.domain}|${c.path}|${c.partitionKey?.topLevelSite ?? ''}`;
}

export class Warden {
  private readonly sites = new Map<SiteKey, SiteRecord>();
  private currentSettings: Settings;
  /** Bumped whenever the settings change: verdicts judged under older settings are judged again. */
  private settingsGeneration = 0;
  /** What each site says about DNT / GPC (gpc.json, breaches); the background loads and fills it. */
  readonly signals = new SignalBook();

  constructor(
    private readonly knowledge: KnowledgeBase | null,
    settings: Settings,
  ) {
    this.currentSettings = settings;
  }

  get settings(): Settings {
    return this.currentSettings;
  }

  set settings(next: Settings) {
    this.currentSettings = next;
    this.settingsGeneration++;
  }

  choiceFor(site: SiteKey): Choice {
    return this.choiceWithReason(site).choice;
  }

  /** The choice a site gets and why: sites are held to what they say about DNT / GPC (lib/signals/). */
  choiceWithReason(site: SiteKey): EffectiveChoice {
    return effectiveChoice({
      sendSignals: this.settings.sendSignals,
      siteChoice: this.settings.siteChoices[site] ?? null,
      defaultChoice: this.settings.defaultChoice,
      stance: this.stanceOf(site).stance,
      breached: this.signals.breachOf(site) !== null,
    });
  }

  /** What the site says about the signals: its gpc.json and its policy's statements. */
  stanceOf(site: SiteKey): SiteStance {
    const r = this.sites.get(site);
    const status = r?.policy.status ?? 'pending';
    return siteStance({
      gpcJson: this.signals.gpcClaim(site),
      statements: r?.declaration?.declaration.statements ?? null,
      policySettled: status !== 'pending' && status !== 'loading',
    });
  }

  private record(site: SiteKey): SiteRecord {
    let r = this.sites.get(site);
    if (!r) {
      if (this.sites.size >= MAX_SITES) {
        // Forget the oldest site: a Map iterates in insertion order.
        const oldest = this.sites.keys().next().value;
        if (oldest !== undefined) this.sites.delete(oldest);
      }
      r = { policy: { status: 'pending' }, declaration: null, meta: null, cookies: new Map(), generation: 0 };
      this.sites.set(site, r);
    }
    return r;
  }

  /** Has anything been learnt about this site since the worker started? */
  knows(site: SiteKey): boolean {
    return this.sites.has(site);
  }

  policyOf(site: SiteKey): PolicyStatusView {
    return this.sites.get(site)?.policy ?? { status: 'pending' };
  }

  declarationOf(site: SiteKey): Declaration | null {
    return this.sites.get(site)?.declaration?.declaration ?? null;
  }

  private policyStatus(r: SiteRecord): PolicyStatus {
    if (r.policy.status === 'found') return 'found';
    if (r.policy.status === 'none') return 'none';
    return 'pending';
  }

  /**
   * Judge one cookie for one site, remember it, and say what to do. The hot path: a cookie seen again
   * (analytics cookies are rewritten on every page) keeps its verdict while neither the site's policy nor
   * the settings changed, so most events cost a Map lookup.
   */
  judge(site: SiteKey, cookie: ObservedCookie, now: number, force = false): CookieRecord {
    const r = this.record(site);
    const key = cookieKey(cookie);
    const seen = r.cookies.get(key);
    if (!force && seen && seen.generation === r.generation && seen.settingsGeneration === this.settingsGeneration) {
      seen.cookie = cookie;
      seen.lastSeen = now;
      seen.state = seen.verdict.action === 'remove' ? 'removed' : 'kept';
      return seen;
    }
    const verdict = decide({
      name: cookie.name,
      domain: cookie.domain,
      policy: this.policyStatus(r),
      declaration: r.declaration,
      choice: this.choiceFor(site),
      knowledge: this.knowledge,
    });
    const rec: CookieRecord = {
      cookie,
      verdict,
      state: verdict.action === 'remove' ? 'removed' : 'kept',
      lastSeen: now,
      generation: r.generation,
      settingsGeneration: this.settingsGeneration,
    };
    if (r.cookies.has(key) || r.cookies.size < MAX_COOKIES_PER_SITE) r.cookies.set(key, rec);
    return rec;
  }

  /** The browser says a cookie is gone (we removed it, or it expired, or the site deleted it). */
  forget(site: SiteKey, cookie: ObservedCookie): void {
    const rec = this.sites.get(site)?.cookies.get(cookieKey(cookie));
    if (rec && rec.state === 'kept') this.sites.get(site)!.cookies.delete(cookieKey(cookie));
  }

  /** A policy state changed. With a declaration, re-judge every cookie seen: returns those now to remove. */
  setPolicy(site: SiteKey, policy: PolicyStatusView, declaration: Declaration | null, now: number): CookieRecord[] {
    const r = this.record(site);
    r.policy = policy;
    r.generation++;
    if (declaration) r.declaration = new CompiledDeclaration(declaration);
    // Only a found policy declares anything: none / error / loading judge without one.
    else if (policy.status !== 'found') r.declaration = null;
    return this.rejudge(site, now);
  }

  /** Where the policy came from, when it was checked, what changed (shown in the popup). */
  setPolicyMeta(site: SiteKey, meta: PolicyMetaView | null): void {
    this.record(site).meta = meta;
  }

  /** Re-judge a site's cookies (policy arrived, choice changed). Returns the kept ones now to remove. */
  rejudge(site: SiteKey, now: number): CookieRecord[] {
    const r = this.sites.get(site);
    if (!r) return [];
    const toRemove: CookieRecord[] = [];
    for (const rec of [...r.cookies.values()]) {
      const before = rec.state;
      const updated = this.judge(site, rec.cookie, now, true);
      if (before === 'kept' && updated.state === 'removed') toRemove.push(updated);
      if (before === 'removed') updated.state = 'removed';
    }
    return toRemove;
  }

  breachCount(site: SiteKey): number {
    const r = this.sites.get(site);
    if (!r) return 0;
    let n = 0;
    for (const rec of r.cookies.values()) {
      if (rec.verdict.breaches.length > 0 || this.signals.isEvidence(site, rec.cookie.name, rec.cookie.domain)) n++;
    }
    return n;
  }

  view(site: SiteKey | null, url: string | null): SiteView {
    const r = site ? this.sites.get(site) : undefined;
    const declaration = r?.declaration?.declaration ?? null;
    const cookies: CookieRow[] = [];
    if (site && r) {
      for (const rec of r.cookies.values()) {
        const v = rec.verdict;
        const sourceIndex = v.declared?.sourceIndex ?? 0;
        cookies.push({
          name: rec.cookie.name,
          domain: rec.cookie.domain,
          partitioned: Boolean(rec.cookie.partitionKey?.topLevelSite),
          thirdParty: !domainInSite(rec.cookie.domain, site),
          httpOnly: rec.cookie.httpOnly,
          declared: v.declared !== null,
          expandedFrom: v.declared?.expandedFrom ?? null,
          purpose: v.purpose,
          purposeAsWritten: v.declared?.purposeAsWritten ?? null,
          basis: v.basis,
          state: rec.state,
          flag: v.flag,
          breaches: this.signals.isEvidence(site, rec.cookie.name, rec.cookie.domain) ? [...v.breaches, 'signal-claim'] : v.breaches,
          policyUrl: v.declared ? (declaration?.sources[sourceIndex]?.url ?? null) : null,
        });
      }
      cookies.sort((a, b) => a.name.localeCompare(b.name));
    }
    const effective = site ? this.choiceWithReason(site) : { choice: this.settings.defaultChoice, reason: 'default' as const };
    return {
      site,
      url,
      choice: site ? (this.settings.siteChoices[site] ?? null) : null,
      effectiveChoice: effective.choice,
      choiceReason: effective.reason,
      signals: signalView(this.settings.sendSignals, site ? this.stanceOf(site) : null, site ? this.signals.entry(site) : null),
      policy: r?.policy ?? { status: 'pending' },
      sources: (declaration?.sources ?? []).map((s, i) => ({
        url: s.url,
        kind: s.kind,
        via: r?.meta?.vias[i] ?? null,
        fetchedAt: s.fetchedAt ?? null,
        cookies: declaration!.cookies.filter((c) => (c.sourceIndex ?? 0) === i && !c.expandedFrom).length,
      })),
      policyMeta: r?.meta ?? null,
      dnt: declaration?.statements.dnt.stance ?? 'unspecified',
      cookies,
      breaches: site ? this.breachCount(site) : 0,
    };
  }
}
