/**
 * The background's state machine, kept pure: sites with their policy status and declaration, the cookies
 * seen (names and attributes, never values), every site's vote on each cookie, and what happened to it.
 * The adapter makes one call per browser event (`observe`, `forget`, `setPolicy`, `setSettings`) and applies
 * the removals that come back. Who decides is lib/engine/ownership.ts; what each site says is
 * lib/enforce/decide.ts.
 */
import type { Choice, Declaration, Settings } from '../types';
import { CompiledDeclaration, type Verdict } from '../enforce/decide';
import type { KnowledgeBase } from '../cookies/knowledge';
import { shippedModel, UndeclaredJudge } from '../cookies/judge';
import { normalizeDomain, siteOfHost, type SiteKey } from '../site';
import { ownerOf, settle } from './ownership';
import { TabTracker } from './tabs';
import { EntryOrder } from './entry-order';
import { siteVerdict, type Probe } from './verdict';
import {
  copyAttributes,
  cookieKey,
  emptyCookie,
  type CookieEntry,
  type ObservedCookie,
  type Outcome,
  type SitePolicyMeta,
  type SitePolicyState,
  type SiteRecord,
  UNKNOWN_SITE,
} from './entry';
import { SignalBook } from '../signals/book';
import { effectiveChoice, type EffectiveChoice } from '../signals/effective-choice';
import { siteStance, type SiteStance } from '../signals/stance';

const MAX_COOKIES_PER_SITE = 2_000;
const MAX_SITES = 1_000;
const MAX_ENTRIES = 20_000;

export class Warden {
  readonly tabs: TabTracker;
  private readonly sites = new Map<SiteKey, SiteRecord>();
  private readonly entries = new Map<string, CookieEntry>();
  private readonly order = new EntryOrder(this.entries);
  private currentSettings: Settings;
  /** Bumped whenever the settings change: verdicts judged under older settings are judged again. */
  private settingsGeneration = 0;
  private readonly outcome: Outcome = { key: '', remove: null, sites: [], newSites: [] };
  private readonly scratchSites: SiteKey[] = [];
  /** What each site says about DNT / GPC (gpc.json, breaches); the background loads and fills it. */
  readonly signals = new SignalBook();
  /** The learned judgement of undeclared cookies (model shipped as data). */
  private readonly judge: UndeclaredJudge;
  /** The value of the cookie being judged, for the classifier's value-shape features only: never stored. */
  private transientValue: string | undefined;

  constructor(private readonly knowledge: KnowledgeBase | null, settings: Settings, tabs: TabTracker = new TabTracker()) {
    this.currentSettings = settings;
    this.tabs = tabs;
    this.judge = new UndeclaredJudge(shippedModel(), knowledge);
  }

  get settings(): Settings {
    return this.currentSettings;
  }

  choiceFor(site: SiteKey): Choice {
    return this.choiceWithReason(site).choice;
  }

  /** The choice a site gets and why: sites are held to what they say about DNT / GPC (lib/signals/). */
  choiceWithReason(site: SiteKey): EffectiveChoice {
    return effectiveChoice({
      sendSignals: this.currentSettings.sendSignals,
      siteChoice: this.currentSettings.siteChoices[site] ?? null,
      defaultChoice: this.currentSettings.defaultChoice,
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

  /** Has anything been learnt about this site since the worker started? */
  knows(site: SiteKey): boolean {
    return this.sites.has(site);
  }

  site(site: SiteKey): SiteRecord | undefined {
    return this.sites.get(site);
  }

  policyOf(site: SiteKey): SitePolicyState {
    return this.sites.get(site)?.policy ?? { status: 'pending' };
  }

  declarationOf(site: SiteKey): Declaration | null {
    return this.sites.get(site)?.declaration?.declaration ?? null;
  }

  /** The cookies that belong to a site, with its own verdict on each. */
  *cookiesOf(site: SiteKey): Iterable<{ entry: CookieEntry; verdict: Verdict }> {
    const r = this.sites.get(site);
    if (!r) return;
    for (const key of r.cookies) {
      const entry = this.entries.get(key);
      if (!entry) continue;
      const i = entry.sites.indexOf(site);
      if (i >= 0) yield { entry, verdict: entry.verdicts[i]! };
    }
  }

  private record(site: SiteKey): SiteRecord {
    let r = this.sites.get(site);
    if (!r) {
      if (this.sites.size >= MAX_SITES) {
        // Forget the oldest site: a Map iterates in insertion order.
        const oldest = this.sites.keys().next().value;
        if (oldest !== undefined) this.sites.delete(oldest);
      }
      r = { policy: { status: 'pending' }, declaration: null, meta: null, cookies: new Set(), generation: 0 };
      this.sites.set(site, r);
    }
    return r;
  }

  /**
   * One site's verdict on a cookie. `entry` may be a hypothetical one (the guard asks about a name before any
   * cookie exists): its attributes are then unknown and judged as a session cookie's.
   */
  private verdictFor(site: SiteKey, entry: Probe): Verdict {
    // Asking must not record a site (refuses / voteOf ask about sites never seen): `knows()` stays honest.
    const record = this.sites.get(site) ?? UNKNOWN_SITE;
    return siteVerdict(site, record, entry, {
      knowledge: this.knowledge,
      judge: this.judge,
      settings: this.currentSettings,
      choice: this.choiceFor(site),
      value: this.transientValue,
    });
  }

  /** One site's own vote on a cookie name of a domain (the user's rules included). Records nothing. */
  voteOf(site: SiteKey, name: string, domain: string): 'keep' | 'remove' {
    // Paused: nothing is removed or blocked.
    if (this.currentSettings.paused) return 'keep';
    return this.verdictFor(site, { domain: normalizeDomain(domain), cookie: { name } }).action;
  }

  /**
   * Would a cookie about to be set (a Set-Cookie line, a Cookie header's entry) be removed? The same rule as
   * for a stored cookie (every site it belongs to is asked, removed only when all refuse), without recording
   * anything. `alsoAsk`: sites whose vote counts as well (Firefox: the partition's site when the browser may
   * or may not partition it; both are asked and either keeps it).
   */
  refuses(name: string, domain: string, alsoAsk: readonly SiteKey[] = []): boolean {
    if (this.currentSettings.paused) return false;
    const d = normalizeDomain(domain);
    const owner = siteOfHost(d);
    const sites: SiteKey[] = [];
    if (owner) sites.push(owner);
    for (const s of alsoAsk) if (!sites.includes(s)) sites.push(s);
    this.tabs.sitesSeeing(d, owner, sites);
    if (sites.length === 0) return false;
    const probe = { domain: d, cookie: { name } };
    for (const site of sites) if (this.verdictFor(site, probe).action === 'keep') return false;
    return true;
  }

  /** Ask every site the entry belongs to again and settle its fate. Returns true when it flips to removal. */
  private judgeEntry(entry: CookieEntry): boolean {
    const n = entry.sites.length;
    entry.verdicts.length = n;
    entry.generations.length = n;
    let keptBy = -1;
    for (let i = 0; i < n; i++) {
      const site = entry.sites[i]!;
      const v = this.verdictFor(site, entry);
      entry.verdicts[i] = v;
      entry.generations[i] = this.sites.get(site)!.generation;
      if (keptBy < 0 && v.action === 'keep') keptBy = i;
    }
    entry.settingsGeneration = this.settingsGeneration;
    const votes = entry.verdicts.map((v) => v.action);
    const { action } = settle(votes);
    entry.settled = action;
    entry.keptBy = action === 'keep' && votes.includes('remove') && keptBy >= 0 ? entry.sites[keptBy]! : null;
    const flips = action === 'remove' && entry.state === 'kept';
    if (action === 'remove') entry.state = 'removed';
    return flips;
  }

  private fresh(entry: CookieEntry, sites: readonly SiteKey[]): boolean {
    if (entry.settingsGeneration !== this.settingsGeneration || entry.sites.length !== sites.length) return false;
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i]!;
      if (entry.sites[i] !== site || entry.generations[i] !== this.sites.get(site)?.generation) return false;
    }
    return true;
  }

  private attach(entry: CookieEntry, site: SiteKey): void {
    const r = this.record(site);
    if (r.cookies.size < MAX_COOKIES_PER_SITE || r.cookies.has(entry.key)) r.cookies.add(entry.key);
  }

  /**
   * A cookie was set (or read back from the store): attribute it, ask every site it belongs to, say what to
   * do. The hot path: a cookie seen again under the same policies, settings and tabs keeps its verdicts, so
   * most events cost a Map lookup and a few suffix tests.
   */
  observe(cookie: ObservedCookie, now: number, value?: string): Outcome {
    this.transientValue = value;
    try {
      return this.observeCookie(cookie, now);
    } finally {
      this.transientValue = undefined;
    }
  }

  private observeCookie(cookie: ObservedCookie, now: number): Outcome {
    const out = this.outcome;
    out.remove = null;
    out.sites.length = 0;
    out.newSites.length = 0;

    // The key fixes name, domain, path and partition: a cookie seen again reuses its owner (no tldts lookup).
    const key = (out.key = cookieKey(cookie));
    let entry = this.entries.get(key);
    const domain = entry ? entry.domain : normalizeDomain(cookie.domain);
    const { owner, partitioned } = entry ?? ownerOf(cookie, domain);
    const sites = this.scratchSites;
    sites.length = 0;
    if (owner) sites.push(owner);
    if (!partitioned) this.tabs.sitesSeeing(domain, owner, sites);
    for (const site of sites) {
      if (!this.sites.has(site)) {
        this.record(site);
        out.newSites.push(site);
      }
      out.sites.push(site);
    }

    if (entry && this.fresh(entry, sites)) {
      copyAttributes(cookie, entry.cookie);
      entry.lastSeen = now;
      // Set again after we removed it, or kept: the settled verdict stands.
      entry.state = entry.settled === 'remove' ? 'removed' : 'kept';
      if (entry.state === 'removed') out.remove = entry.cookie;
      return out;
    }
    if (!entry) {
      if (this.entries.size >= MAX_ENTRIES) this.evictOldestEntry();
      entry = {
        key,
        cookie: copyAttributes(cookie, emptyCookie()),
        domain,
        partitioned,
        owner,
        sites: [],
        verdicts: [],
        generations: [],
        settingsGeneration: -1,
        settled: 'keep',
        state: 'kept',
        keptBy: null,
        firstSeen: now,
        lastSeen: now,
      };
      this.entries.set(key, entry);
      this.order.added(entry);
    } else {
      copyAttributes(cookie, entry.cookie);
      entry.lastSeen = now;
    }
    // A cookie set (again) is in the browser: judged as it is now.
    entry.state = 'kept';
    entry.sites = sites.slice();
    for (const site of entry.sites) this.attach(entry, site);
    if (this.judgeEntry(entry)) out.remove = entry.cookie;
    return out;
  }

  /**
   * A write refused before it reached the store (a page's cookie guard, Firefox's header filter): listed as
   * the rest. A copy already in the store stays there (a refused write removes nothing), so it keeps its
   * state and is removed if the votes say so; with none stored, the cookie is listed as removed.
   */
  observeRefused(cookie: ObservedCookie, now: number): Outcome {
    const stored = this.entries.get(cookieKey(cookie))?.state === 'kept';
    const out = this.observe(cookie, now);
    if (stored) return out;
    const entry = this.entries.get(out.key);
    if (entry) entry.state = 'removed';
    out.remove = null;
    return out;
  }

  private evictOldestEntry(): void {
    const entry = this.order.oldest();
    if (!entry) return;
    for (const site of entry.sites) this.sites.get(site)?.cookies.delete(entry.key);
    this.entries.delete(entry.key);
  }

  /**
   * The browser says a cookie is gone (we removed it, it expired, or the site deleted it). One we removed
   * stays listed as removed; one that was kept is forgotten (by its `cookieKey`). Returns the sites whose badge
   * may change.
   */
  forget(key: string): SiteKey[] {
    const entry = this.entries.get(key);
    if (!entry) return [];
    if (entry.state === 'removed') return [];
    for (const site of entry.sites) this.sites.get(site)?.cookies.delete(key);
    this.entries.delete(key);
    return entry.sites;
  }

  /**
   * A site's policy state changed. Re-judge every cookie that belongs to it, asking every other site it
   * belongs to as well: returns the cookies now refused by all (to remove).
   */
  setPolicy(site: SiteKey, policy: SitePolicyState, declaration: Declaration | null): ObservedCookie[] {
    const r = this.record(site);
    r.policy = policy;
    r.generation++;
    if (declaration) r.declaration = new CompiledDeclaration(declaration, this.knowledge);
    // Only a found policy declares anything: none / error / loading judge without one.
    else if (policy.status !== 'found') r.declaration = null;
    return this.rejudge(r.cookies);
  }

  /** Where the policy came from, when it was checked, what changed (shown in the popup). */
  setPolicyMeta(site: SiteKey, meta: SitePolicyMeta | null): void {
    this.record(site).meta = meta;
  }

  /** What a site says about DNT / GPC changed (gpc.json read, a breach): its cookies are judged again. */
  signalsChanged(site: SiteKey): ObservedCookie[] {
    const r = this.sites.get(site);
    if (!r) return [];
    r.generation++;
    return this.rejudge(r.cookies);
  }

  /** One site's verdict on a cookie it has seen, by its key (`Outcome.key`): a Map lookup, or null. */
  verdictOf(site: SiteKey, key: string): Verdict | null {
    const entry = this.entries.get(key);
    const i = entry ? entry.sites.indexOf(site) : -1;
    return i >= 0 ? (entry!.verdicts[i] ?? null) : null;
  }

  /** New settings: every cookie is judged again. Returns the cookies now refused by every site they belong to. */
  setSettings(next: Settings): ObservedCookie[] {
    this.currentSettings = next;
    this.settingsGeneration++;
    return this.rejudge(this.entries.keys());
  }

  private rejudge(keys: Iterable<string>): ObservedCookie[] {
    const toRemove: ObservedCookie[] = [];
    for (const key of [...keys]) {
      const entry = this.entries.get(key);
      if (entry && this.judgeEntry(entry)) toRemove.push(entry.cookie);
    }
    return toRemove;
  }

  /**
   * Forget removed cookies last seen before `before` (epoch ms): the history the person can clear or that
   * expires after the retention period. Kept cookies are the present, not history: they stay.
   * Returns how many were forgotten.
   */
  forgetRemoved(before: number): number {
    let n = 0;
    for (const [key, entry] of this.entries) {
      if (entry.state !== 'removed' || entry.lastSeen >= before) continue;
      for (const site of entry.sites) this.sites.get(site)?.cookies.delete(key);
      this.entries.delete(key);
      n++;
    }
    return n;
  }

  /** This site's cookies in breach of its own policy. */
  breachCount(site: SiteKey): number {
    let n = 0;
    for (const { entry, verdict } of this.cookiesOf(site)) {
      if (verdict.breaches.length > 0 || this.signals.isEvidence(site, entry.cookie.name, entry.cookie.domain)) n++;
    }
    return n;
  }
}
