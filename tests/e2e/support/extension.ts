/** What the tests read from inside the extension: cookies, badge, tabs, the popup's rows. */
import type { TestPage } from './driver';
import { ACTION_API, EXT_API } from './driver';

export interface PopupRow {
  name: string;
  state: string;
  declared: string;
  purpose: string;
  breaches: string;
}

export async function tabIdOf(ext: TestPage, urlPrefix: string): Promise<number | null> {
  return ext.evaluate<number | null>(
    `${EXT_API}.tabs.query({}).then((ts) => (ts.find((t) => (t.url ?? '').startsWith(${JSON.stringify(urlPrefix)}))?.id ?? null))`,
  );
}

/** Names of the cookies in the browser's store for a domain, partitioned ones included. */
export async function cookieNames(ext: TestPage, domain: string): Promise<string[]> {
  const d = JSON.stringify(domain);
  return ext.evaluate<string[]>(
    `${EXT_API}.cookies.getAll({ domain: ${d}, partitionKey: {} })
       .catch(() => ${EXT_API}.cookies.getAll({ domain: ${d} }))
       .then((cs) => cs.map((c) => c.name).sort())`,
  );
}

export async function badgeText(ext: TestPage, tabId: number): Promise<string> {
  return ext.evaluate<string>(`${ACTION_API}.getBadgeText({ tabId: ${tabId} })`);
}

/** The background answers messages once it has loaded its settings (its `ready`). */
export async function backgroundReady(ext: TestPage): Promise<boolean> {
  return ext.evaluate<boolean>(
    `${EXT_API}.runtime.sendMessage({ type: 'get-settings' }).then((s) => typeof s?.defaultChoice === 'string', () => false)`,
  );
}

export async function popupRows(popup: TestPage): Promise<PopupRow[]> {
  return popup.evaluate<PopupRow[]>(
    `[...document.querySelectorAll('tr[data-cookie]')].map((r) => ({
       name: r.dataset.cookie, state: r.dataset.state, declared: r.dataset.declared,
       purpose: r.dataset.purpose, breaches: r.dataset.breaches }))`,
  );
}

export async function popupText(popup: TestPage, testId: string): Promise<string> {
  return popup.evaluate<string>(`document.querySelector('[data-testid="${testId}"]')?.textContent ?? ''`);
}

/** How many of a tab's popup rows show a breach (what the badge must say). */
export async function breachRows(driver: { extensionPage(path: string): Promise<TestPage> }, tabId: number): Promise<number> {
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  try {
    const rows = await popupRows(popup);
    return rows.filter((r) => r.breaches !== '').length;
  } finally {
    await popup.close();
  }
}

/** The cookies whose rows the background has stored for a site (written on a debounce), as `name:state`. */
export async function storedObservations(ext: TestPage, site: string): Promise<string[]> {
  const key = JSON.stringify(`observations:${site}`);
  return ext.evaluate<string[]>(
    `${EXT_API}.storage.local.get(${key}).then((o) => ((o[${key}] && o[${key}].rows) || []).map((r) => r.name + ':' + r.state).sort())`,
  );
}

/** Names of the cookies whose rows the background has stored for a site. */
export async function storedObservationNames(ext: TestPage, site: string): Promise<string[]> {
  return (await storedObservations(ext, site)).map((s) => s.slice(0, s.lastIndexOf(':')));
}

/** How many of a site's stored rows show a breach. */
export async function storedBreachRows(ext: TestPage, site: string): Promise<number> {
  const key = JSON.stringify(`observations:${site}`);
  return ext.evaluate<number>(
    `${EXT_API}.storage.local.get(${key}).then((o) => ((o[${key}] && o[${key}].rows) || []).filter((r) => r.breaches.length > 0).length)`,
  );
}
