/**
 * Chromium MV3 quirks of enforcement before the network:
 * - the main-world cookie guard is a registered content script (`scripting.registerContentScripts` with
 *   `world: 'MAIN'` takes files only, no inline data): the strict build, preceded by one tiny "keep" file per
 *   built-in name the site keeps all the same, or the open build for sites that keep them all ("Allow all"),
 *   chosen by match patterns. The registrations persist across browser restarts; the site's full data
 *   follows over the bridge (cookie-guard-bridge).
 * - HTTP-set cookies: session DNR rules that append an expiring Set-Cookie (lib/enforce/dnr-cookie-rules.ts).
 *   Session rules allow `excludedTabIds`; they are rebuilt when the worker starts.
 */
import { browser, type Browser } from 'wxt/browser';
import { buildCookieRules, COOKIE_RULE_BUDGET, COOKIE_RULE_FIRST_ID, type CookieRuleInput } from '@/lib/enforce/dnr-cookie-rules';
import { sitePatterns, type GuardStart } from '@/lib/enforce/plan';

const ALL = ['http://*/*', 'https://*/*'];
const STRICT = 'content-scripts/cookie-guard.js';
const OPEN = 'content-scripts/cookie-guard-open.js';
const PREFIX = 'cookie-warden-guard';

export interface GuardPlan {
  default: GuardStart;
  /** Sites that start otherwise than the default. */
  sites: Array<{ site: string; start: GuardStart }>;
}

function files(start: GuardStart): string[] {
  if (start.mode === 'open') return [OPEN];
  return [...start.keep.map((i) => `guard-keep/${i}.js`), STRICT];
}

let lastPlan = '';

/**
 * One registration for the default and one per site that starts otherwise: the site's keep scripts, then
 * the strict guard (or the open guard alone). Registered and updated before anything is dropped.
 */
export async function syncChromiumGuards(plan: GuardPlan): Promise<void> {
  const key = JSON.stringify(plan);
  if (key === lastPlan) return;
  const excluded = plan.sites.flatMap((s) => sitePatterns(s.site));
  const common = { runAt: 'document_start' as const, allFrames: true, world: 'MAIN' as const, persistAcrossSessions: true };
  const wanted: Browser.scripting.RegisteredContentScript[] = [
    { id: PREFIX, js: files(plan.default), matches: ALL, excludeMatches: excluded, ...common },
    ...plan.sites.map((s) => ({ id: `${PREFIX}:${s.site}`, js: files(s.start), matches: sitePatterns(s.site), ...common })),
  ];
  try {
    const existing = new Set((await browser.scripting.getRegisteredContentScripts()).map((s) => s.id).filter((id) => id.startsWith(PREFIX)));
    const add = wanted.filter((s) => !existing.has(s.id));
    const update = wanted.filter((s) => existing.has(s.id));
    const drop = [...existing].filter((id) => !wanted.some((s) => s.id === id));
    if (add.length) await browser.scripting.registerContentScripts(add);
    if (update.length) await browser.scripting.updateContentScripts(update);
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
