/**
 * Finding, caching and refreshing each site's policy: wiring around lib/policy/discover/discover.ts and cache.ts.
 * Fetches go through one limiter (2 at once per site, 4 overall), the redirect guard, and, for Cookiebot,
 * a Referer rule scoped to the one request.
 */
import type { KnowledgeBase } from '@/lib/cookies/knowledge';
import type { Warden } from '@/lib/engine/warden';
import { applyOutcome, cachedDocuments, declarationOf, markAttempt, nextAction, type PolicyCacheEntry } from '@/lib/policy/discover/cache';
import { discover, type DiscoveryInput } from '@/lib/policy/discover/discover';
import { DEFAULT_FETCH_LIMITS, fetchPolicy, type FetchLimits, type FetchResult, type PolicyRequest } from '@/lib/policy/discover/fetch';
import { FetchLimiter } from '@/lib/policy/discover/limiter';
import { PARSER_VERSION } from '@/lib/policy/read/version';
import { isPrivateHost } from '@/lib/policy/discover/private-hosts';
import type { SiteKey } from '@/lib/site';
import { guardedFetch } from './fetch-guard';
import { withReferer } from './referer';
import { loadPolicyEntry, savePolicyEntry } from './storage';

export interface PolicyServiceOptions {
  knowledge: KnowledgeBase;
  ready: Promise<Warden>;
  /** Apply what a policy change decided (cookies to remove), then refresh badges. */
  applied(site: SiteKey, toRemove: ReturnType<Warden['setPolicy']>): Promise<void>;
  limits?: FetchLimits;
}

const MAX_MEMORY = 500;

export class PolicyService {
  private readonly limiter = new FetchLimiter(2, 4);
  private readonly inFlight = new Map<SiteKey, Promise<void>>();
  private readonly entries = new Map<SiteKey, PolicyCacheEntry>();
  /** The entry each site's verdicts were last judged under (identity: entries are replaced, never mutated). */
  private readonly applied = new Map<SiteKey, PolicyCacheEntry>();
  private readonly limits: FetchLimits;

  constructor(private readonly opts: PolicyServiceOptions) {
    this.limits = opts.limits ?? DEFAULT_FETCH_LIMITS;
  }

  /**
   * The page showed these facts: use the cached policy, or discover / refresh it as the cache says.
   * `force` (the popup's "Check again") checks now whatever the cache says.
   */
  ensure(site: SiteKey, input: DiscoveryInput | null, force = false): Promise<void> {
    const existing = this.inFlight.get(site);
    // A job started without the page's facts (a cookie event, a popup) must not swallow them: run again
    // with them once it ends (the cached entry then makes the second run cheap).
    if (existing) return input || force ? existing.then(() => this.ensure(site, input, force)) : existing;
    const job = this.run(site, input, force)
      .catch((err) => console.warn('cookie-warden: policy', site, err))
      .finally(() => this.inFlight.delete(site));
    this.inFlight.set(site, job);
    return job;
  }

  /**
   * Apply the site's cached policy, if there is one and it is not applied yet: no fetch. A restarted worker
   * does this before judging the site's cookies, so that what the site declared essential is not removed
   * for want of a policy that was only in storage.
   */
  async applyCached(site: SiteKey): Promise<void> {
    if (this.applied.has(site)) return;
    const entry = this.entries.get(site) ?? (await loadPolicyEntry(site));
    if (!entry || this.applied.has(site)) return;
    this.remember(site, entry);
    await this.apply(site, entry);
  }

  private async run(site: SiteKey, input: DiscoveryInput | null, force: boolean): Promise<void> {
    const w = await this.opts.ready;
    let entry = this.entries.get(site) ?? (await loadPolicyEntry(site));
    const now = Date.now();
    const action = force ? (entry?.status === 'found' ? 'refresh' : 'discover') : nextAction(entry, PARSER_VERSION, now);
    if (entry && (action !== 'discover' || w.policyOf(site).status === 'pending')) await this.apply(site, entry);
    if (action === 'use') return;
    const discoveryInput = input ?? entry?.input ?? null;
    if (!discoveryInput) return;
    if (action === 'discover') {
      const first = discoveryInput.pointers.length > 0 ? 'consent platform' : (discoveryInput.links[0]?.url ?? discoveryInput.pageUrl);
      w.setPolicy(site, { status: 'loading', url: first }, null);
    }
    // Record the attempt before fetching (STYLE.md §5): a worker that dies mid-fetch does not retry at once.
    entry = markAttempt(entry, site, PARSER_VERSION, now);
    this.remember(site, entry);
    await savePolicyEntry(entry);

    const outcome = await discover(discoveryInput, {
      fetch: (request) => this.fetch(site, request),
      knowledge: this.opts.knowledge,
      now: () => new Date(),
      cached: cachedDocuments(entry),
    });
    entry = applyOutcome(entry, outcome, { site, parser: PARSER_VERSION, now: Date.now(), input: discoveryInput });
    this.remember(site, entry);
    await savePolicyEntry(entry);
    await this.apply(site, entry);
  }

  private async apply(site: SiteKey, entry: PolicyCacheEntry): Promise<void> {
    const w = await this.opts.ready;
    // Each page of a site reports in: the policy it already has needs no new compile and re-judgement.
    if (this.applied.get(site) === entry && w.policyOf(site).status !== 'pending') return;
    if (this.applied.size >= MAX_MEMORY) this.applied.clear();
    this.applied.set(site, entry);
    w.setPolicyMeta(site, {
      vias: entry.documents.flatMap((d) => d.declaration.sources.map(() => d.via)),
      checkedAt: entry.checkedAt,
      retryAt: entry.retryAt,
      lastError: entry.status === 'found' ? entry.reason : null,
      change: entry.change
        ? { on: entry.change.on, previousDate: entry.change.previousDate, added: entry.change.added, removed: entry.change.removed }
        : null,
    });
    let toRemove: ReturnType<Warden['setPolicy']>;
    if (entry.status === 'found') toRemove = w.setPolicy(site, { status: 'found' }, declarationOf(entry));
    else if (entry.status === 'none') toRemove = w.setPolicy(site, { status: 'none', reason: entry.reason ?? 'no policy found' }, null);
    else toRemove = w.setPolicy(site, { status: 'error', reason: entry.reason ?? 'failed', retryAt: entry.retryAt }, null);
    await this.opts.applied(site, toRemove);
  }

  private fetch(site: SiteKey, request: PolicyRequest): Promise<FetchResult> {
    return this.limiter.run(site, async () => {
      const release = request.referer ? await withReferer(request.url, request.referer) : null;
      try {
        // A page on the local network may point to its own policy there; a public page may not aim us at it.
        const signals = (await this.opts.ready).settings.sendSignals;
        return await fetchPolicy(request, guardedFetch, { limits: this.limits, redirects: 'platform', allowPrivate: isPrivateHost(site), signals });
      } finally {
        await release?.();
      }
    });
  }

  private remember(site: SiteKey, entry: PolicyCacheEntry): void {
    if (!this.entries.has(site) && this.entries.size >= MAX_MEMORY) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(site, entry);
  }
}
