/**
 * Chromium MV3 quirks of enforcement before the network:
 * - the main-world cookie guard is a registered content script (`scripting.registerContentScripts` with
 *   `world: 'MAIN'` takes files only, no inline data): the strict build for sites whose choice refuses the
 *   well-known tracking names, the open build for the others, chosen by match patterns. The registrations
 *   persist across browser restarts; the site's full data follows over the bridge (cookie-guard-bridge).
 * - HTTP-set cookies: session DNR rules that append an expiring Set-Cookie (lib/enforce/dnr-cookie-rules.ts).
 *   Session rules allow `excludedTabIds`; they are rebuilt when the worker starts.
 */
import { browser, type Browser } from 'wxt/browser';
import { buildCookieRules, COOKIE_RULE_BUDGET, COOKIE_RULE_FIRST_ID, type CookieRuleInput } from '@/lib/enforce/dnr-cookie-rules';
import { sitePatterns } from '@/lib/enforce/plan';

const ALL = ['http://*/*', 'https://*/*'];
const STRICT = { id: 'cookie-warden-guard', js: ['content-scripts/cookie-guard.js'] };
const OPEN = { id: 'cookie-warden-guard-open', js: ['content-scripts/cookie-guard-open.js'] };

export interface GuardPlan {
  defaultMode: 'strict' | 'open';
  /** Sites whose mode differs from the default. */
  exceptions: string[];
}

let lastPlan = '';

export async function syncChromiumGuards(plan: GuardPlan): Promise<void> {
  const key = JSON.stringify(plan);
  if (key === lastPlan) return;
  const patterns = plan.exceptions.flatMap(sitePatterns);
  const [main, other] = plan.defaultMode === 'strict' ? [STRICT, OPEN] : [OPEN, STRICT];
  const wanted: Browser.scripting.RegisteredContentScript[] = [
    {
      id: main.id,
      js: main.js,
      matches: ALL,
      ...(patterns.length ? { excludeMatches: patterns } : {}),
      runAt: 'document_start',
      allFrames: true,
      world: 'MAIN',
      persistAcrossSessions: true,
    },
  ];
  if (patterns.length) {
    wanted.push({ id: other.id, js: other.js, matches: patterns, runAt: 'document_start', allFrames: true, world: 'MAIN', persistAcrossSessions: true });
  }
  try {
    const existing = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id));
    const update = wanted.filter((s) => existing.has(s.id));
    const add = wanted.filter((s) => !existing.has(s.id));
    const drop = [STRICT.id, OPEN.id].filter((id) => existing.has(id) && !wanted.some((s) => s.id === id));
    // Register and update before dropping: no moment without a guard.
    if (add.length) await browser.scripting.registerContentScripts(add);
    if (update.length) {
      // An update cannot clear excludeMatches: unset by giving an empty list.
      await browser.scripting.updateContentScripts(update.map((s) => ({ excludeMatches: [], ...s })));
    }
    if (drop.length) await browser.scripting.unregisterContentScripts({ ids: drop });
    lastPlan = key;
  } catch (err) {
    console.warn('cookie-warden: guard registration', err);
  }
}

let lastRules = '';

export async function syncChromiumCookieRules(input: Omit<CookieRuleInput, 'budget' | 'firstId'>): Promise<number> {
  const rules = buildCookieRules({ ...input, budget: COOKIE_RULE_BUDGET, firstId: COOKIE_RULE_FIRST_ID });
  const key = JSON.stringify(rules);
  if (key === lastRules) return rules.length;
  try {
    const existing = (await browser.declarativeNetRequest.getSessionRules())
      .map((r) => r.id)
      .filter((id) => id >= COOKIE_RULE_FIRST_ID && id < COOKIE_RULE_FIRST_ID + COOKIE_RULE_BUDGET);
    await browser.declarativeNetRequest.updateSessionRules({
      removeRuleIds: existing,
      addRules: rules as unknown as Browser.declarativeNetRequest.Rule[],
    });
    lastRules = key;
  } catch (err) {
    console.warn('cookie-warden: cookie rules', err);
  }
  return rules.length;
}
