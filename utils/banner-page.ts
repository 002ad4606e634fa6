/**
 * Issue 15: the one function the background runs in the page's main world (`scripting.executeScript` with
 * `world: 'MAIN'`, Chromium and Firefox alike), to find a consent platform by its documented JavaScript API,
 * answer it through that API, read back its record, and hide its banner once the record is verified.
 *
 * It is serialized and run in the page: it must reference nothing outside itself (no imports, no module
 * helpers), take JSON arguments and return JSON. It returns at once: the background polls (a long-running
 * injected script kept Chromium's document from reaching `load`, so tarteaucitron, which starts on `load`,
 * never came up while it waited). What it returns is untrusted page data: the background
 * validates it in lib/consent/ before using it.
 *
 * APIs, each from the platform's own documentation or shipped code:
 * - vanilla-cookieconsent v3 (`window.CookieConsent`): getConfig('categories'), acceptCategory(list),
 *   getUserPreferences(), validConsent(), hide(), hidePreferences(); record cookie `cookie.name` (cc_cookie).
 * - Klaro 0.7 (`window.klaro`): getManager() → manager.config.services, updateConsent(name, bool),
 *   saveAndApplyConsents(), confirmed, consents; record cookie `storageName` / `cookieName` (klaro).
 * - tarteaucitron (`window.tarteaucitron`): job, services[key].type, userInterface.respondAll(status, type),
 *   userInterface.respond(el, status), userInterface.closeAlert(), state; record cookie parameters.cookieName.
 * - Cookiebot (`window.Cookiebot`): consent.{necessary,preferences,statistics,marketing}, hasResponse,
 *   submitCustomConsent(preferences, statistics, marketing), withdraw(), hide(); record cookie CookieConsent.
 * - OneTrust (`window.OneTrust`): RejectAll(), AllowAll(), UpdateConsent('Category', 'C0003:1'),
 *   GetDomainData().Groups, Close(); `OnetrustActiveGroups`; record cookie OptanonConsent.
 * - IAB TCF (`window.__tcfapi`): getTCData, read only.
 */
export type BannerPageRequest =
  | { mode: 'detect' }
  | { mode: 'answer'; platform: string; accept: string[]; refuse: string[]; allowAll: boolean; site: string }
  | { mode: 'read'; platform: string }
  | { mode: 'hide'; platform: string };

export async function bannerPage(request: BannerPageRequest): Promise<unknown> {
  // An answer is for one site: after a navigation to another, this frame holds a page it was not meant for.
  if (request.mode === 'answer' && location.hostname !== request.site && !location.hostname.endsWith('.' + request.site)) {
    return { error: 'the page is no longer on the site the answer was for' };
  }
  const w = window as unknown as Record<string, any>;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const fn = (o: any, name: string) => o != null && typeof o[name] === 'function';
  const visible = (selector: string) => {
    const el = document.querySelector(selector) as HTMLElement | null;
    if (!el) return false;
    const style = getComputedStyle(el);
    return style.display !== 'none' && style.visibility !== 'hidden' && el.getClientRects().length > 0;
  };
  const readCookie = (name: string): string | null => {
    for (const part of document.cookie.split(';')) {
      const eq = part.indexOf('=');
      if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
    }
    return null;
  };
  const str = (x: unknown) => (typeof x === 'string' ? x : null);

  interface Found {
    platform: string;
    categories: Array<{ id: string; purposes: string[]; required: boolean }>;
    cookieName: string;
    answered: boolean;
    bannerVisible: boolean;
    /** The document it was found in: the background checks it is still the page it meant. */
    url: string;
  }

  /** The platform on this page, once its API is ready; null when none is (or not yet). */
  const find = (): Found | null => {
    const found = findPlatform();
    return found ? { ...found, url: location.href } : null;
  };
  const findPlatform = (): Omit<Found, 'url'> | null => {
    const cc = w.CookieConsent;
    if (fn(cc, 'acceptCategory') && fn(cc, 'getUserPreferences') && fn(cc, 'getConfig') && fn(cc, 'validConsent')) {
      const categories = cc.getConfig('categories');
      // Before CookieConsent.run() there are no categories yet.
      if (categories && typeof categories === 'object' && Object.keys(categories).length > 0) {
        return {
          platform: 'vanilla-cookieconsent',
          categories: Object.keys(categories).map((id) => ({ id, purposes: [], required: categories[id]?.readOnly === true })),
          cookieName: str(cc.getConfig('cookie')?.name) ?? 'cc_cookie',
          answered: cc.validConsent() === true,
          bannerVisible: document.documentElement.classList.contains('show--consent') || visible('#cc-main .cm'),
        };
      }
    }
    const klaro = w.klaro;
    if (fn(klaro, 'getManager')) {
      const manager = klaro.getManager();
      const services = manager?.config?.services ?? manager?.config?.apps;
      if (fn(manager, 'updateConsent') && fn(manager, 'saveAndApplyConsents') && Array.isArray(services) && document.getElementById(str(manager.config.elementID) ?? 'klaro')) {
        return {
          platform: 'klaro',
          categories: services
            .filter((s: any) => typeof s?.name === 'string')
            .map((s: any) => ({ id: s.name, purposes: Array.isArray(s.purposes) ? s.purposes.filter((p: unknown) => typeof p === 'string') : [], required: s.required === true })),
          cookieName: str(manager.config.storageName) ?? str(manager.config.cookieName) ?? 'klaro',
          answered: manager.confirmed === true,
          bannerVisible: visible('.klaro .cookie-notice') || visible('.klaro .cookie-modal'),
        };
      }
    }
    const tac = w.tarteaucitron;
    if (fn(tac?.userInterface, 'respondAll') && Array.isArray(tac.job) && tac.services && document.getElementById('tarteaucitronRoot')) {
      const jobs: string[] = tac.job.filter((k: unknown) => typeof k === 'string' && tac.services[k as string]);
      // respondAll writes into each service's line of the panel: wait until the panel has them all.
      if (jobs.length > 0 && jobs.every((k) => document.getElementById('tacCurrentStatus' + k))) {
        return {
          platform: 'tarteaucitron',
          categories: jobs.map((k) => ({ id: k, purposes: [String(tac.services[k].type ?? '')], required: tac.services[k].needConsent === false })),
          cookieName: str(tac.parameters?.cookieName) ?? 'tarteaucitron',
          answered: jobs.every((k) => tac.state?.[k] === true || tac.state?.[k] === false),
          bannerVisible: visible('#tarteaucitronAlertBig') || visible('#tarteaucitronAlertSmall'),
        };
      }
    }
    const cb = w.Cookiebot;
    if (cb && typeof cb.consent === 'object' && (fn(cb, 'submitCustomConsent') || fn(cb, 'withdraw'))) {
      return {
        platform: 'cookiebot',
        categories: ['necessary', 'preferences', 'statistics', 'marketing'].map((id) => ({ id, purposes: [], required: id === 'necessary' })),
        cookieName: 'CookieConsent',
        answered: cb.hasResponse === true,
        bannerVisible: visible('#CybotCookiebotDialog'),
      };
    }
    const ot = w.OneTrust;
    if (fn(ot, 'RejectAll') && fn(ot, 'AllowAll')) {
      const groups = fn(ot, 'GetDomainData') ? ot.GetDomainData()?.Groups : null;
      const categories = Array.isArray(groups)
        ? groups
            .map((g: any) => ({ id: str(g?.CustomGroupId) ?? str(g?.OptanonGroupId) ?? '', purposes: [str(g?.GroupName) ?? ''], required: /always active/i.test(String(g?.Status ?? '')) }))
            .filter((g: { id: string }) => g.id !== '')
        : ['C0001', 'C0002', 'C0003', 'C0004', 'C0005'].map((id) => ({ id, purposes: [], required: id === 'C0001' }));
      return {
        platform: 'onetrust',
        categories,
        cookieName: 'OptanonConsent',
        answered: readCookie('OptanonAlertBoxClosed') !== null,
        bannerVisible: visible('#onetrust-banner-sdk'),
      };
    }
    return null;
  };

  const tcf = async (): Promise<Record<string, boolean> | null> => {
    if (typeof w.__tcfapi !== 'function') return null;
    return Promise.race([
      new Promise<Record<string, boolean> | null>((resolve) => {
        try {
          w.__tcfapi('getTCData', 2, (data: any, ok: boolean) => {
            const consents = ok ? data?.purpose?.consents : null;
            if (!consents || typeof consents !== 'object') return resolve(null);
            const out: Record<string, boolean> = {};
            for (const k of Object.keys(consents)) if (typeof consents[k] === 'boolean') out[k] = consents[k];
            resolve(out);
          });
        } catch {
          resolve(null);
        }
      }),
      sleep(1_000).then(() => null),
    ]);
  };

  /** The platform's API state, category id → granted. */
  const apiState = (found: Found): Record<string, boolean> | null => {
    const out: Record<string, boolean> = {};
    switch (found.platform) {
      case 'vanilla-cookieconsent': {
        const accepted: unknown = w.CookieConsent.getUserPreferences()?.acceptedCategories;
        if (!Array.isArray(accepted)) return null;
        for (const c of found.categories) out[c.id] = accepted.includes(c.id);
        return out;
      }
      case 'klaro': {
        const consents = w.klaro.getManager().consents;
        for (const c of found.categories) if (typeof consents?.[c.id] === 'boolean') out[c.id] = consents[c.id];
        return out;
      }
      case 'tarteaucitron':
        for (const c of found.categories) if (typeof w.tarteaucitron.state?.[c.id] === 'boolean') out[c.id] = w.tarteaucitron.state[c.id];
        return out;
      case 'cookiebot':
        for (const c of found.categories) if (typeof w.Cookiebot.consent?.[c.id] === 'boolean') out[c.id] = w.Cookiebot.consent[c.id];
        return out;
      case 'onetrust': {
        const active = String(w.OnetrustActiveGroups ?? '').split(',').filter(Boolean);
        if (active.length === 0) return null;
        for (const c of found.categories) out[c.id] = active.includes(c.id);
        return out;
      }
    }
    return null;
  };

  const readout = async (found: Found) => ({
    ...found,
    cookie: readCookie(found.cookieName),
    api: apiState(found),
    tcf: await tcf(),
  });

  const findFor = (platform: string): Found | null => {
    const found = find();
    return found && found.platform === platform ? found : null;
  };

  try {
    // Not (yet) found: whether the page has finished loading, so the background knows when to stop asking.
    if (request.mode === 'detect') return find() ?? { loaded: document.readyState === 'complete' };
    const found = findFor(request.platform);
    if (!found) return { error: 'platform gone' };
    if (request.mode === 'read') return await readout(found);
    if (request.mode === 'hide') {
      // Only what the platform offers to close its own banner (the record is already verified).
      if (found.platform === 'vanilla-cookieconsent') {
        w.CookieConsent.hide();
        w.CookieConsent.hidePreferences?.();
      } else if (found.platform === 'tarteaucitron') w.tarteaucitron.userInterface.closeAlert?.();
      else if (found.platform === 'cookiebot') w.Cookiebot.hide?.();
      else if (found.platform === 'onetrust') w.OneTrust.Close?.();
      else if (found.platform === 'klaro') {
        for (const el of document.querySelectorAll('.klaro .cookie-notice, .klaro .cookie-modal')) (el as HTMLElement).style.display = 'none';
      }
      await sleep(50);
      return { hidden: !find()?.bannerVisible };
    }
    const accept = new Set(request.accept);
    switch (found.platform) {
      case 'vanilla-cookieconsent':
        // Read-only categories are always kept by the platform; every category not listed is rejected.
        w.CookieConsent.acceptCategory(request.accept.filter((id) => found.categories.some((c) => c.id === id)));
        break;
      case 'klaro': {
        const manager = w.klaro.getManager();
        for (const c of found.categories) manager.updateConsent(c.id, accept.has(c.id));
        manager.saveAndApplyConsents();
        break;
      }
      case 'tarteaucitron': {
        const ui = w.tarteaucitron.userInterface;
        if (request.accept.length === 0) ui.respondAll(false);
        else {
          for (const c of found.categories) {
            const el = document.getElementById(c.id + 'Allowed') ?? document.getElementById(c.id + 'Denied');
            if (el && typeof ui.respond === 'function') ui.respond(el, accept.has(c.id));
          }
        }
        break;
      }
      case 'cookiebot':
        if (fn(w.Cookiebot, 'submitCustomConsent')) w.Cookiebot.submitCustomConsent(accept.has('preferences'), accept.has('statistics'), accept.has('marketing'));
        else if (!request.allowAll) w.Cookiebot.withdraw();
        break;
      case 'onetrust':
        // Everything, vendors included, only when the person allows all: an empty refuse list is not consent.
        if (request.allowAll) w.OneTrust.AllowAll();
        else {
          w.OneTrust.RejectAll();
          const optional = found.categories.filter((c) => !c.required && accept.has(c.id));
          if (optional.length > 0 && fn(w.OneTrust, 'UpdateConsent')) w.OneTrust.UpdateConsent('Category', optional.map((c) => `${c.id}:1`).join(','));
        }
        break;
    }
    // The record is written synchronously by most platforms; give the others a moment.
    for (let i = 0; i < 10 && readCookie(found.cookieName) === null; i++) await sleep(100);
    return await readout(find() ?? found);
  } catch (e) {
    return { error: String((e as Error)?.message ?? e).slice(0, 200) };
  }
}
