/** The toolbar badge: this site's cookies in breach of its own policy, coloured by the worst kind, in words. */
import { browser } from 'wxt/browser';
import type { Badge } from '@/lib/view/badge';

// Firefox MV2 names it browserAction; MV3 browsers name it action.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

function titleOf(badge: Badge): string {
  const text = browser.i18n.getMessage(badge.title.key, badge.title.subs);
  return text ? `Cookie Warden: ${text}` : 'Cookie Warden';
}

export async function updateBadges(tabIds: number[], badge: Badge): Promise<void> {
  const title = titleOf(badge);
  await Promise.all(
    tabIds.map(async (tabId) => {
      try {
        await action().setBadgeText({ tabId, text: badge.text });
        await action().setBadgeBackgroundColor({ tabId, color: badge.color });
        await action().setTitle({ tabId, title });
      } catch {
        /* the tab closed meanwhile */
      }
    }),
  );
}
