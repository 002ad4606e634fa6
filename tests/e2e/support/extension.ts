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
