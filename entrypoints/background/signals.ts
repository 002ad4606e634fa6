/**
 * Do Not Track and GPC in the browser: switching the headers and the page properties with the option, and
 * reading each site's `/.well-known/gpc.json` (once per site, through the policy fetch's guards, cached in
 * storage). The decisions are lib/signals/'s; this file applies them.
 *
 * Headers: Chromium's static ruleset (manifest) is switched with updateEnabledRulesets, a state Chromium keeps
 * across restarts; Firefox's blocking listener (signals-firefox.ts) reads the option on every request.
 * Page properties: the static signals.content.ts always defines them; while the option is off, the
 * registered signals-off.content.ts removes them (Chromium: persisted across sessions; Firefox: registered
 * again at every start-up, requests waiting for it).
 * Chromium resets both the ruleset state and registered scripts when the extension is updated (and at every
 * start of an unpacked --load-extension one): with the option off, the first page after that can carry the
 * signals until apply() has run again (README "What does not work yet").
 */
import { browser, type Browser } from 'wxt/browser';
import type { Warden } from '@/lib/engine/warden';
import type { ObservedCookie } from '@/lib/engine/entry';
import { fetchPolicy } from '@/lib/policy/discover/fetch';
import { FetchLimiter } from '@/lib/policy/discover/limiter';
import { isPrivateHost } from '@/lib/policy/discover/private-hosts';
import { gpcCheckDue, type SignalSiteEntry } from '@/lib/signals/book';
import { gpcJsonUrl, MAX_GPC_JSON_BYTES, readGpcJson } from '@/lib/signals/gpc-json';
import { SIGNAL_RULE_ID, SIGNAL_RULESET_ID } from '@/lib/signals/rules';
import { domainInSite, type SiteKey } from '@/lib/site';
import type { Choice, Purpose } from '@/lib/types';
import { guardedFetch } from './fetch-guard';
import { installFirefoxSignalHeaders } from './signals-firefox';
import { loadSignalEntry, saveSignalEntry } from './storage';

const OFF_SCRIPT_ID = 'cookie-warden-signals-off';
const OFF_SCRIPT_FILE = 'content-scripts/signals-off.js';
const PAGE_MATCHES = ['http://*/*', 'https://*/*'];
const GPC_LIMITS = { timeoutMs: 10_000, maxBytes: MAX_GPC_JSON_BYTES, maxRedirects: 5 };

export interface SignalServiceOptions {
  ready: Promise<Warden>;
  /**
   * What the site says changed (gpc.json read, breach found); `before` is the choice it had before. Judge its
   * cookies again if the choice moved, and refresh its badge.
   */
  changed(site: SiteKey, before: Choice): Promise<void>;
}

export class SignalService {
  private sending: boolean | null = null;
  /** Firefox: requests wait while the option is being read or switched (see install()). */
  private switched: Promise<boolean> | null;
  private settleSwitch: (on: boolean) => void = () => undefined;
  private readonly inFlight = new Map<SiteKey, Promise<void>>();
  private readonly limiter = new FetchLimiter(1, 2);
  private firefoxOffScript: { unregister(): Promise<void> | void } | null = null;
  private applying: Promise<void> = Promise.resolve();
  private switches = 0;

  constructor(private readonly opts: SignalServiceOptions) {
    this.switched = new Promise((resolve) => (this.settleSwitch = resolve));
  }

  /**
   * Synchronously in main(): Firefox's header listener must be there before the first request. Until the
   * option is read and the off-script is (un)registered, requests wait for it: the first page after a
   * start-up with the option off then goes without headers and already has the script that removes the
   * properties (Firefox forgets `contentScripts.register` registrations at every start).
   */
  install(): void {
    installFirefoxSignalHeaders(() => this.switched ?? this.sending ?? false);
  }

  /** The option's value (at start-up and on every change): headers and page properties follow it. */
  apply(on: boolean): Promise<void> {
    this.sending = on;
    const seq = ++this.switches;
    if (!this.switched) this.switched = new Promise((resolve) => (this.settleSwitch = resolve));
    // One switch at a time: a quick off-on-off ends in the last state.
    this.applying = this.applying
      .then(() => this.switchBrowser(on))
      .catch((err) => console.warn('cookie-warden: signals', err))
      .finally(() => {
        if (seq !== this.switches) return; // a newer switch is queued: it settles
        this.switched = null;
        this.settleSwitch(on);
      });
    return this.applying;
  }

  private async switchBrowser(on: boolean): Promise<void> {
    // Older versions installed the header rule as a dynamic rule: a leftover would go on sending after "off".
    await browser.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [SIGNAL_RULE_ID] }).catch(() => undefined);
    if (import.meta.env.BROWSER === 'firefox') return this.switchFirefoxScript(on);
    await browser.declarativeNetRequest.updateEnabledRulesets(on ? { enableRulesetIds: [SIGNAL_RULESET_ID] } : { disableRulesetIds: [SIGNAL_RULESET_ID] });
    const registered = await browser.scripting.getRegisteredContentScripts({ ids: [OFF_SCRIPT_ID] });
    if (on && registered.length > 0) await browser.scripting.unregisterContentScripts({ ids: [OFF_SCRIPT_ID] });
    if (!on && registered.length === 0) {
      await browser.scripting.registerContentScripts([
        {
          id: OFF_SCRIPT_ID,
          js: [OFF_SCRIPT_FILE],
          matches: PAGE_MATCHES,
          runAt: 'document_start',
          allFrames: true,
          // about:blank, srcdoc and blob: frames of a matching page, as match_about_blank does for the static one.
          matchOriginAsFallback: true,
          world: 'MAIN',
          persistAcrossSessions: true,
        } as Browser.scripting.RegisteredContentScript,
      ]);
    }
  }

  private async switchFirefoxScript(on: boolean): Promise<void> {
    if (on) {
      await this.firefoxOffScript?.unregister();
      this.firefoxOffScript = null;
      return;
    }
    if (this.firefoxOffScript) return;
    const api = (browser as unknown as { contentScripts: { register(o: object): Promise<{ unregister(): Promise<void> }> } }).contentScripts;
    this.firefoxOffScript = await api.register({
      js: [{ file: `/${OFF_SCRIPT_FILE}` }],
      matches: PAGE_MATCHES,
      runAt: 'document_start',
      allFrames: true,
      matchAboutBlank: true,
    });
  }

  /** A page of the site showed up: load what we know, and read its gpc.json when due. */
  ensure(site: SiteKey, pageUrl: string | null): Promise<void> {
    const existing = this.inFlight.get(site);
    if (existing) return existing;
    const job = this.run(site, pageUrl)
      .catch((err) => console.warn('cookie-warden: gpc.json', site, err))
      .finally(() => this.inFlight.delete(site));
    this.inFlight.set(site, job);
    return job;
  }

  private async run(site: SiteKey, pageUrl: string | null): Promise<void> {
    const w = await this.opts.ready;
    const before = w.choiceFor(site);
    let loaded = false;
    if (!w.signals.has(site)) {
      const stored = await loadSignalEntry(site);
      if (stored && !w.signals.has(site)) {
        w.signals.set(stored);
        loaded = true;
      }
    }
    const url = pageUrl ? gpcJsonUrl(pageUrl) : null;
    if (!url || !gpcCheckDue(w.signals.entry(site), Date.now())) {
      if (loaded) {
        await this.settleQuietly(w, site);
        await this.opts.changed(site, before);
      }
      return;
    }
    const result = await this.limiter.run(site, () =>
      fetchPolicy({ url }, guardedFetch, { limits: GPC_LIMITS, redirects: 'platform', allowPrivate: isPrivateHost(site), signals: w.settings.sendSignals }),
    );
    const claim = result.ok ? readGpcJson(result.text) : null;
    const entry = w.signals.setGpc(site, {
      url,
      claim,
      problem: result.ok ? (claim?.problem ?? null) : result.reason,
      retryable: !result.ok && result.retryable,
      checkedAt: new Date().toISOString(),
    });
    await saveSignalEntry(entry);
    await this.settleQuietly(w, site);
    await this.opts.changed(site, before);
  }

  /**
   * What the site says may have become known (its gpc.json or its policy arrived): tracking cookies it set
   * while we were still reading are judged against it now.
   */
  async settle(site: SiteKey): Promise<void> {
    const w = await this.opts.ready;
    const before = w.choiceFor(site);
    if (await this.settleQuietly(w, site)) await this.opts.changed(site, before);
  }

  private async settleQuietly(w: Warden, site: SiteKey): Promise<boolean> {
    const entry = w.signals.settle(site, w.stanceOf(site));
    if (!entry) return false;
    await saveSignalEntry(entry);
    return true;
  }

  /**
   * A cookie was set (a cookie event, not one read back from the store). For each site it belongs to that
   * says it honors the signals, a first-party analytics or advertising cookie is a breach of that claim
   * (kept aside until settle() while what the site says is still unknown). Synchronous on the hot path;
   * only a new breach goes on to storage.
   */
  /** A cookie `site` set, of the purpose it was just judged: evidence when the site claims to honor GPC. */
  noteSet(w: Warden, site: SiteKey, cookie: ObservedCookie, purpose: Purpose, now: number): void {
    // Cheapest tests first (STYLE.md §5).
    if (!w.settings.sendSignals || (purpose !== 'analytics' && purpose !== 'advertising')) return;
    const stance = w.stanceOf(site);
    if (stance.stance !== 'honors' && stance.stance !== 'unknown') return;
    const before = w.choiceFor(site);
    const entry = w.signals.noteSet(site, stance, { name: cookie.name, domain: cookie.domain, purpose, firstParty: domainInSite(cookie.domain, site) }, now);
    if (entry) void this.store(site, entry, before);
  }

  private async store(site: SiteKey, entry: SignalSiteEntry, before: Choice): Promise<void> {
    await saveSignalEntry(entry);
    await this.opts.changed(site, before);
  }
}
