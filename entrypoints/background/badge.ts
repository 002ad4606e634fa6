/** The toolbar badge: this site's cookies in breach of its own policy. */
import { browser } from 'wxt/browser';
import type { BreachKind } from '@/lib/cookies/breaches';

// Firefox MV2 names it browserAction; MV3 browsers name it action.
const action = () => browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

/** The badge's colour by the worst kind of breach on the site. */
const COLOURS: Record<BreachKind, string> = {
  'despite-refusal': '#b00020',
  'wrong-purpose': '#c2410c',
  undeclared: '#b45309',
  'undisclosed-third-party': '#a16207',
  lifetime: '#4d5b6a',
};

export async function updateBadges(tabIds: number[], breaches: number, worst: BreachKind | null = null): Promise<void> {
  const text = breaches > 0 ? String(Math.min(breaches, 999)) : '';
  const color = worst ? COLOURS[worst] : '#b00020';
  await Promise.all(
    tabIds.map(async (tabId) => {
      try {
        await action().setBadgeText({ tabId, text });
        await action().setBadgeBackgroundColor({ tabId, color });
      } catch {
        /* the tab closed meanwhile */
      }
    }),
  );
}
