/**
 * Issue 15: the background half of @duckduckgo/autoconsent for the long tail (lib/consent/autoconsent.ts says
 * what it may do). Answers `init` with the compact rules for the frame's URL and our config, runs a library
 * snippet asked for by `eval` in the page's main world (`scripting.executeScript`, both browsers), asks for
 * the self-test after an opt-out, and records the outcome as the site's banner answer.
 */
import { browser, type Browser } from 'wxt/browser';
import { evalSnippets, filterCompactRules, type BackgroundMessage } from '@duckduckgo/autoconsent';
import compactRules from '@duckduckgo/autoconsent/rules/compact-rules.json';
import { autoconsentConfig, autoconsentVerdict, type AutoconsentMessage } from '@/lib/consent/autoconsent';
import type { BannerBook } from '@/lib/consent/book';
import type { Warden } from '@/lib/engine/warden';
import { siteOfUrl, type SiteKey } from '@/lib/site';
import { answersBannersOn } from '@/lib/storage/settings';

type SnippetId = keyof typeof evalSnippets;

export interface AutoconsentOptions {
  ready: Promise<Warden>;
  book: BannerBook;
  changed(site: SiteKey): void;
}

export class AutoconsentService {
  /** Per tab: the frame whose opt-out asked for a self-test, and the opt-out's outcome. */
  private readonly pending = new Map<number, { frameId: number | null; cmp: string; site: SiteKey; optedOut: boolean }>();

  constructor(private readonly opts: AutoconsentOptions) {}

  async handle(message: AutoconsentMessage, sender: Browser.runtime.MessageSender): Promise<{ ok: boolean }> {
    const tabId = sender.tab?.id;
    const frameId = sender.frameId ?? 0;
    const top = sender.tab?.url ?? sender.url;
    const site = top ? siteOfUrl(top) : null;
    if (tabId === undefined || !site) return { ok: false };
    const w = await this.opts.ready;
    const send = (m: BackgroundMessage) => void browser.tabs.sendMessage(tabId, m, { frameId }).catch(() => undefined);
    switch (message.type) {
      case 'init': {
        const answer = !w.settings.paused && answersBannersOn(w.settings, site);
        const rules = { autoconsent: [], compact: filterCompactRules(compactRules as unknown as Parameters<typeof filterCompactRules>[0], { url: sender.url ?? message.url, mainFrame: frameId === 0 }) };
        send({ type: 'initResp', rules, config: autoconsentConfig(answer, w.choiceFor(site)) } as unknown as BackgroundMessage);
        return { ok: true };
      }
      case 'eval': {
        if (!Object.prototype.hasOwnProperty.call(evalSnippets, message.snippetId)) return { ok: false };
        let result: unknown = false;
        try {
          const [r] = await browser.scripting.executeScript({
            target: { tabId, frameIds: [frameId] },
            world: 'MAIN',
            func: evalSnippets[message.snippetId as SnippetId] as () => unknown,
          });
          result = r?.result ?? false;
        } catch {
          result = false;
        }
        send({ type: 'evalResp', id: message.id, result } as BackgroundMessage);
        return { ok: true };
      }
      case 'optOutResult':
        this.pending.set(tabId, { frameId: message.scheduleSelfTest ? frameId : null, cmp: message.cmp, site, optedOut: message.result });
        return { ok: true };
      case 'autoconsentDone': {
        const p = this.pending.get(tabId);
        if (!p || message.isCosmetic) return { ok: true };
        if (p.frameId !== null && p.optedOut) {
          void browser.tabs.sendMessage(tabId, { type: 'selfTest' } as BackgroundMessage, { frameId: p.frameId }).catch(() => undefined);
        } else {
          this.pending.delete(tabId);
          this.record(w, p.site, p.cmp, p.optedOut, null);
        }
        return { ok: true };
      }
      case 'selfTestResult': {
        const p = this.pending.get(tabId);
        // Only the frame we asked: an unsolicited result (a page faking the protocol) says nothing.
        if (!p || p.frameId !== frameId) return { ok: true };
        this.pending.delete(tabId);
        this.record(w, p.site, message.cmp, p.optedOut, message.result);
        return { ok: true };
      }
      case 'popupFound':
        return { ok: true };
    }
  }

  private record(w: Warden, site: SiteKey, cmp: string, optedOut: boolean, selfTest: boolean | null): void {
    this.opts.book.answered(site, autoconsentVerdict(cmp, w.choiceFor(site), optedOut, selfTest), Date.now());
    this.opts.changed(site);
  }
}
