/**
 * The background worker in Node, on WXT's fake browser (`wxt/testing/fake-browser`, i.e. @webext-core/fake-browser).
 * The fake keeps runtime, storage, tabs, action and webNavigation in memory, but its cookies,
 * declarativeNetRequest, scripting, webRequest, i18n, privacy and tabs.sendMessage only throw "not implemented":
 * small in-memory stand-ins for those are installed here, each recording what the background asked of it.
 * A fake proves the wiring, not the browser: every behaviour is also proven end to end (tests/e2e/).
 */
import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';

/** An extension event: listeners added by the code under test, fired by the test. */
export interface FakeEvent<A extends unknown[]> {
  addListener(cb: (...args: A) => unknown, ...extra: unknown[]): void;
  removeListener(cb: (...args: A) => unknown): void;
  hasListener(cb: (...args: A) => unknown): boolean;
  hasListeners(): boolean;
  trigger(...args: A): Promise<unknown[]>;
}

export function fakeEvent<A extends unknown[]>(): FakeEvent<A> {
  const listeners: Array<(...args: A) => unknown> = [];
  return {
    addListener: (cb) => void listeners.push(cb),
    removeListener(cb) {
      const i = listeners.indexOf(cb);
      if (i >= 0) listeners.splice(i, 1);
    },
    hasListener: (cb) => listeners.includes(cb),
    hasListeners: () => listeners.length > 0,
    trigger: async (...args) => Promise.all(listeners.map((l) => l(...args))),
  };
}

export type Cookie = Browser.cookies.Cookie;
export interface CookieChange {
  removed: boolean;
  cookie: Cookie;
  cause: string;
}

const cookieId = (c: Pick<Cookie, 'storeId' | 'domain' | 'path' | 'name'>) => `${c.storeId}|${c.domain}|${c.path}|${c.name}`;

/** Does a cookie's domain match a host (RFC 6265 domain match: a domain cookie covers subdomains)? */
function domainMatches(cookie: Cookie, host: string): boolean {
  if (cookie.hostOnly) return cookie.domain === host;
  const d = cookie.domain.replace(/^\./, '');
  return host === d || host.endsWith(`.${d}`);
}

/** The cookie store: `set` is a site setting a cookie; `remove` is the extension removing one (recorded). */
export class FakeCookies {
  readonly jar = new Map<string, Cookie>();
  /** Every `cookies.remove` call, as the background made it. */
  readonly removeCalls: Array<{ url: string; name: string; storeId?: string }> = [];
  readonly onChanged = fakeEvent<[CookieChange]>();

  /** A site sets a cookie: stored, then onChanged fires as the browser fires it. */
  async set(partial: Partial<Cookie> & Pick<Cookie, 'name' | 'domain'>): Promise<Cookie> {
    const cookie: Cookie = {
      value: 'v',
      path: '/',
      secure: false,
      httpOnly: false,
      hostOnly: !partial.domain.startsWith('.'),
      session: partial.expirationDate === undefined,
      sameSite: 'lax',
      storeId: '0',
      ...partial,
    } as Cookie;
    this.jar.set(cookieId(cookie), cookie);
    await this.onChanged.trigger({ removed: false, cookie, cause: 'explicit' });
    return cookie;
  }

  has(name: string, domain: string): boolean {
    for (const c of this.jar.values()) if (c.name === name && c.domain === domain) return true;
    return false;
  }

  removedNames(): string[] {
    return this.removeCalls.map((c) => c.name);
  }

  readonly api = {
    onChanged: this.onChanged,
    getAll: async (details: { domain?: string; name?: string; storeId?: string }): Promise<Cookie[]> =>
      [...this.jar.values()].filter(
        (c) =>
          (details.domain === undefined || domainMatches({ ...c, hostOnly: false }, details.domain.replace(/^\./, ''))) &&
          (details.name === undefined || c.name === details.name) &&
          (details.storeId === undefined || c.storeId === details.storeId),
      ),
    remove: async (details: { url: string; name: string; storeId?: string }) => {
      this.removeCalls.push({ url: details.url, name: details.name, storeId: details.storeId });
      const url = new URL(details.url);
      for (const [id, c] of this.jar) {
        if (c.name !== details.name || (details.storeId !== undefined && c.storeId !== details.storeId)) continue;
        if (!domainMatches(c, url.hostname) || !url.pathname.startsWith(c.path)) continue;
        this.jar.delete(id);
        // As the browser does: the removal is itself a change.
        await this.onChanged.trigger({ removed: true, cookie: c, cause: 'explicit' });
        return { url: details.url, name: details.name, storeId: c.storeId };
      }
      return null;
    },
  };
}

/** declarativeNetRequest: session and dynamic rules kept by id, every call recorded. */
export class FakeDnr {
  readonly session = new Map<number, { id: number }>();
  readonly dynamic = new Map<number, { id: number }>();
  readonly enabledRulesets = new Set<string>();
  readonly calls: Array<{ method: string; args: unknown }> = [];

  private update(rules: Map<number, { id: number }>, u: { removeRuleIds?: number[]; addRules?: Array<{ id: number }> }): void {
    for (const id of u.removeRuleIds ?? []) rules.delete(id);
    for (const r of u.addRules ?? []) {
      if (rules.has(r.id)) throw new Error(`Rule with id ${r.id} does not have a unique ID.`);
      rules.set(r.id, r);
    }
  }

  readonly api = {
    updateSessionRules: async (u: { removeRuleIds?: number[]; addRules?: Array<{ id: number }> }) => {
      this.calls.push({ method: 'updateSessionRules', args: u });
      this.update(this.session, u);
    },
    getSessionRules: async () => [...this.session.values()],
    updateDynamicRules: async (u: { removeRuleIds?: number[]; addRules?: Array<{ id: number }> }) => {
      this.calls.push({ method: 'updateDynamicRules', args: u });
      this.update(this.dynamic, u);
    },
    getDynamicRules: async () => [...this.dynamic.values()],
    updateEnabledRulesets: async (u: { enableRulesetIds?: string[]; disableRulesetIds?: string[] }) => {
      this.calls.push({ method: 'updateEnabledRulesets', args: u });
      for (const id of u.disableRulesetIds ?? []) this.enabledRulesets.delete(id);
      for (const id of u.enableRulesetIds ?? []) this.enabledRulesets.add(id);
    },
    getEnabledRulesets: async () => [...this.enabledRulesets],
  };
}

/** scripting: registered content scripts by id. */
export class FakeScripting {
  readonly registered = new Map<string, { id: string }>();
  readonly calls: Array<{ method: string; ids: string[] }> = [];

  readonly api = {
    getRegisteredContentScripts: async (filter?: { ids?: string[] }) =>
      [...this.registered.values()].filter((s) => !filter?.ids || filter.ids.includes(s.id)),
    registerContentScripts: async (scripts: Array<{ id: string }>) => {
      this.calls.push({ method: 'registerContentScripts', ids: scripts.map((s) => s.id) });
      for (const s of scripts) {
        if (this.registered.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
        this.registered.set(s.id, s);
      }
    },
    updateContentScripts: async (scripts: Array<{ id: string }>) => {
      this.calls.push({ method: 'updateContentScripts', ids: scripts.map((s) => s.id) });
      for (const s of scripts) this.registered.set(s.id, { ...this.registered.get(s.id), ...s });
    },
    unregisterContentScripts: async (filter?: { ids?: string[] }) => {
      const ids = filter?.ids ?? [...this.registered.keys()];
      this.calls.push({ method: 'unregisterContentScripts', ids });
      for (const id of ids) this.registered.delete(id);
    },
  };
}

export interface FakeExtension {
  cookies: FakeCookies;
  dnr: FakeDnr;
  scripting: FakeScripting;
  /** Every `tabs.sendMessage` (the guard updates pushed to open pages). */
  tabMessages: Array<{ tabId: number; message: unknown }>;
  /** The sender a message from our own popup carries. */
  popup: Browser.runtime.MessageSender;
  /** A message to the background as `runtime.onMessage` delivers it: the router's answer, or undefined when refused. */
  send(message: unknown, sender: Browser.runtime.MessageSender): Promise<unknown>;
  /** A top-level navigation of a tab, as webNavigation reports it (before-navigate, then committed). */
  navigate(tabId: number, url: string): Promise<void>;
  /** A page in a tab requests a URL (a script, a pixel), as webRequest.onBeforeRequest reports it. */
  request(tabId: number, url: string): Promise<void>;
}

/**
 * A fresh fake browser with the missing namespaces, and a fresh background worker on it: modules are
 * re-imported, so no state (caches, last synced rules) carries over from another test.
 */
export async function startBackground(before: { storage?: Record<string, unknown>; tabUrls?: string[] } = {}): Promise<FakeExtension> {
  fakeBrowser.reset();
  // reset() leaves webNavigation's listeners in place (it has no resetState): a former test's worker would
  // still hear navigations.
  for (const event of Object.values(fakeBrowser.webNavigation)) (event as { removeAllListeners?(): void }).removeAllListeners?.();
  const cookies = new FakeCookies();
  const dnr = new FakeDnr();
  const scripting = new FakeScripting();
  const tabMessages: FakeExtension['tabMessages'] = [];
  const b = fakeBrowser as unknown as Record<string, unknown> & { tabs: Record<string, unknown> };
  b.cookies = cookies.api;
  b.declarativeNetRequest = dnr.api;
  b.scripting = scripting.api;
  const onBeforeRequest = fakeEvent<[unknown]>();
  b.webRequest = {
    onBeforeRequest,
    onBeforeRedirect: fakeEvent(),
    onBeforeSendHeaders: fakeEvent(),
    onHeadersReceived: fakeEvent(),
    onCompleted: fakeEvent(),
    onErrorOccurred: fakeEvent(),
  };
  b.i18n = { getMessage: () => '', getUILanguage: () => 'en' };
  b.privacy = { websites: { doNotTrackEnabled: { get: async () => ({ value: false, levelOfControl: 'controllable_by_this_extension' }) } } };
  b.tabs.sendMessage = async (tabId: number, message: unknown) => void tabMessages.push({ tabId, message });

  // What a worker that (re)starts finds: stored items, tabs already open.
  if (before.storage) await fakeBrowser.storage.local.set(before.storage);
  for (const url of before.tabUrls ?? []) await fakeBrowser.tabs.create({ url });

  vi.resetModules();
  const { default: background } = await import('../../../entrypoints/background/index');
  background.main();

  const origin = fakeBrowser.runtime.getURL('/');
  return {
    cookies,
    dnr,
    scripting,
    tabMessages,
    popup: { id: fakeBrowser.runtime.id, url: `${origin}popup.html` },
    async send(message, sender) {
      const answers = await fakeBrowser.runtime.onMessage.trigger(message, sender as never);
      return answers[0];
    },
    async navigate(tabId, url) {
      const nav = fakeBrowser.webNavigation as unknown as Record<string, { trigger(d: unknown): Promise<unknown> }>;
      const details = { tabId, url, frameId: 0, parentFrameId: -1, timeStamp: Date.now(), processId: 1 };
      await nav.onBeforeNavigate!.trigger(details);
      await nav.onCommitted!.trigger({ ...details, transitionType: 'typed', transitionQualifiers: [] });
    },
    async request(tabId, url) {
      await onBeforeRequest.trigger({ tabId, url, frameId: 0, parentFrameId: -1, type: 'script', method: 'GET', requestId: String(Math.random()), timeStamp: Date.now() });
    },
  };
}

/** Wait until `check` holds (polled), or fail after `timeoutMs` saying what was awaited. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
