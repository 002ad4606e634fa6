/** The toolbar badge: this site's cookies in breach of its own policy. */
import { browser } from 'wxt/browser';

// Firefox MV2 names it browserAction; MV3 browsers name it action.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

export async function updateBadges(tabIds: number[], breaches: number): Promise<void> {
  const text = breaches > 0 ? String(Math.min(breaches, 999)) : '';
  await Promise.all(
    tabIds.map(async (tabId) => {
      try {
        await action().setBadgeText({ tabId, text });
        await action().setBadgeBackgroundColor({ tabId, color: '#b00020' });
      } catch {
        /* the tab closed meanwhile */
      }
    }),
  );
}
