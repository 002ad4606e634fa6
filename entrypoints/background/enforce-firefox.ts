/**
 * Firefox MV2 quirks of enforcement before the network:
 * - the cookie guard is registered with `contentScripts.register` (MV2), which takes a code snippet: each
 *   site seen recently gets a registration with its compiled choice inlined before the guard file, the
 *   default one covers every other site; the guard decides from the page's first write.
 * - blocking `webRequest.onHeadersReceived` drops the refused Set-Cookie lines of a response (Firefox joins
 *   several Set-Cookie headers with newlines in one value), and blocking `onBeforeSendHeaders` strips refused
 *   cookies already stored from the outgoing Cookie header (Chromium cannot edit one cookie of it).
 * A third-party response's cookie may be partitioned by Total Cookie Protection: the top site is asked too,
 * and either keeps it (lib/engine/ownership.ts: remove only when every possible owner refuses).
 */
import { browser, type Browser } from 'wxt/browser';
import type { GuardSiteData } from '@/lib/enforce/guard';
import { sitePatterns } from '@/lib/enforce/plan';
import { filterCookieHeader, filterSetCookie, parseSetCookie } from '@/lib/enforce/set-cookie';
import { hostOfUrl } from '@/lib/engine/tabs';
import type { SiteKey } from '@/lib/site';

const ALL = ['http://*/*', 'https://*/*'];
const GUARD_FILE = '/content-scripts/cookie-guard-firefox.js';
const DATA_GLOBAL = '__cookieWardenGuardData';
const DEFAULT_KEY = '';

interface Registration {
  key: string;
  handle: { unregister(): Promise<void> };
}

type ContentScriptsApi = {
  register(options: {
    matches: string[];
    excludeMatches?: string[];
    js: Array<{ code: string } | { file: string }>;
    runAt: 'document_start';
    allFrames: boolean;
  }): Promise<{ unregister(): Promise<void> }>;
};

const registered = new Map<string, Registration>();
let queue: Promise<void> = Promise.resolve();

/**
 * One registration per site given (its data inlined) and a default one for every other site. Only the
 * registrations whose data changed are replaced (the new one first, then the old one goes).
 */
export function syncFirefoxGuards(defaultData: GuardSiteData, sites: Array<{ site: string; data: GuardSiteData }>): Promise<void> {
  queue = queue.then(() => doSync(defaultData, sites)).catch((err) => console.warn('cookie-warden: guard registration', err));
  return queue;
}

async function doSync(defaultData: GuardSiteData, sites: Array<{ site: string; data: GuardSiteData }>): Promise<void> {
  const api = (browser as unknown as { contentScripts?: ContentScriptsApi }).contentScripts;
  if (!api) return;
  const excluded = sites.flatMap((s) => sitePatterns(s.site));
  const wanted = new Map<string, { key: string; matches: string[]; excludeMatches?: string[]; data: GuardSiteData }>();
  wanted.set(DEFAULT_KEY, { key: JSON.stringify([defaultData, excluded]), matches: ALL, excludeMatches: excluded, data: defaultData });
  for (const s of sites) wanted.set(s.site, { key: JSON.stringify(s.data), matches: sitePatterns(s.site), data: s.data });
  for (const [id, w] of wanted) {
    const old = registered.get(id);
    if (old?.key === w.key) continue;
    const handle = await api.register({
      matches: w.matches,
      ...(w.excludeMatches?.length ? { excludeMatches: w.excludeMatches } : {}),
      js: [{ code: `globalThis.${DATA_GLOBAL} = ${JSON.stringify(w.data)};` }, { file: GUARD_FILE }],
      runAt: 'document_start',
      allFrames: true,
    });
    registered.set(id, { key: w.key, handle });
    if (old) await old.handle.unregister().catch(() => undefined);
  }
  for (const [id, old] of [...registered]) {
    if (wanted.has(id)) continue;
    registered.delete(id);
    await old.handle.unregister().catch(() => undefined);
  }
}

/** `refuses(name, domain, alsoAsk)`: the engine's rule, or false while it is not ready. */
export type Refuses = (name: string, domain: string, alsoAsk: readonly SiteKey[]) => boolean;

type Details = Browser.webRequest.WebRequestDetails & { thirdParty?: boolean; cookieStoreId?: string; responseHeaders?: Browser.webRequest.HttpHeader[]; requestHeaders?: Browser.webRequest.HttpHeader[] };

/** Register once, synchronously in the background's main(). */
export function installFirefoxHeaderFilter(
  refuses: Refuses,
  topSiteOf: (tabId: number) => SiteKey | null,
  /** A Set-Cookie line dropped: never stored, so the engine hears of it here (the popup lists it). */
  dropped: (name: string, domain: string, storeId: string | undefined) => void,
): void {
  if (import.meta.env.BROWSER !== 'firefox') return;
  const alsoAsk = (d: Details): SiteKey[] => {
    if (d.tabId < 0) return [];
    const top = topSiteOf(d.tabId);
    return top ? [top] : [];
  };
  type Listener = (d: Details) => Browser.webRequest.BlockingResponse | undefined;
  const onHeadersReceived = browser.webRequest.onHeadersReceived as unknown as {
    addListener(cb: Listener, filter: Browser.webRequest.RequestFilter, extra: string[]): void;
  };
  onHeadersReceived.addListener(
    (d) => {
      const headers = d.responseHeaders;
      if (!headers) return undefined;
      const host = hostOfUrl(d.url);
      if (!host) return undefined;
      let changed = false;
      const now = Date.now();
      const out: typeof headers = [];
      for (const h of headers) {
        if (h.name.toLowerCase() !== 'set-cookie' || typeof h.value !== 'string') {
          out.push(h);
          continue;
        }
        const ask = alsoAsk(d);
        const filtered = filterSetCookie(h.value, (line) => {
          const c = parseSetCookie(line, now);
          if (c.deletes || !c.name || !refuses(c.name, c.domain ?? host, ask)) return true;
          dropped(c.name, c.domain ?? host, d.cookieStoreId);
          return false;
        });
        if (!filtered) {
          out.push(h);
          continue;
        }
        changed = true;
        if (filtered.value) out.push({ name: h.name, value: filtered.value });
      }
      return changed ? { responseHeaders: out } : undefined;
    },
    { urls: ALL },
    ['blocking', 'responseHeaders'],
  );
  const onBeforeSendHeaders = browser.webRequest.onBeforeSendHeaders as unknown as {
    addListener(cb: Listener, filter: Browser.webRequest.RequestFilter, extra: string[]): void;
  };
  onBeforeSendHeaders.addListener(
    (d) => {
      const headers = d.requestHeaders;
      if (!headers) return undefined;
      const host = hostOfUrl(d.url);
      if (!host) return undefined;
      let changed = false;
      const out: typeof headers = [];
      for (const h of headers) {
        if (h.name.toLowerCase() !== 'cookie' || typeof h.value !== 'string') {
          out.push(h);
          continue;
        }
        const ask = alsoAsk(d);
        const filtered = filterCookieHeader(h.value, (name) => refuses(name, host, ask));
        if (filtered === null) {
          out.push(h);
          continue;
        }
        changed = true;
        if (filtered) out.push({ name: h.name, value: filtered });
      }
      return changed ? { requestHeaders: out } : undefined;
    },
    { urls: ALL },
    ['blocking', 'requestHeaders'],
  );
}
