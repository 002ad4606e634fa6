import { describe, expect, it } from 'vitest';
import { buildCookieRules, expiringLines, ruleableName, COOKIE_RULE_FIRST_ID } from './dnr-cookie-rules';

describe('DNR cookie rules', () => {
  it("append expiring lines matching the site's Domain, Path, Secure and Partitioned variants", () => {
    const lines = expiringLines('_gcl_au', 'shop.test');
    expect(lines).toContain('_gcl_au=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/');
    expect(lines).toContain('_gcl_au=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Domain=shop.test');
    expect(lines).toContain('_gcl_au=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/; Domain=shop.test; Secure; SameSite=None');
    expect(lines.some((l) => l.endsWith('Partitioned'))).toBe(true);
    // The default path (no Path attribute) too.
    expect(lines).toContain('_gcl_au=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT');
    expect(expiringLines('_ga', null).every((l) => !l.includes('Domain='))).toBe(true);
  });

  it("scope each site's rules to its own responses, main_frame included, and spare tabs that keep the name", () => {
    const rules = buildCookieRules({
      sites: [{ site: 'shop.test', names: [{ name: '_gcl_au', keptInTabs: [7] }] }],
      defaults: [{ name: '_ga', keepingSites: ['open.test'], keptInTabs: [] }],
    });
    expect(rules).toHaveLength(2);
    const [def, site] = rules;
    expect(def!.id).toBe(COOKIE_RULE_FIRST_ID);
    expect(def!.condition).toMatchObject({ excludedRequestDomains: ['shop.test', 'open.test'], responseHeaders: [{ header: 'set-cookie', values: ['_ga=*'] }] });
    expect(def!.condition.requestDomains).toBeUndefined();
    expect(site!.condition).toMatchObject({ requestDomains: ['shop.test'], excludedTabIds: [7], responseHeaders: [{ header: 'set-cookie', values: ['_gcl_au=*'] }] });
    expect(site!.condition.resourceTypes).toContain('main_frame');
    expect(site!.action.responseHeaders.every((h) => h.operation === 'append' && h.header === 'set-cookie')).toBe(true);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('stay within the budget, most recent sites first', () => {
    const sites = Array.from({ length: 300 }, (_, i) => ({ site: `s${i}.test`, names: Array.from({ length: 20 }, (_, j) => ({ name: `n${j}`, keptInTabs: [] })) }));
    const rules = buildCookieRules({ sites, defaults: [], budget: 4_500 });
    expect(rules).toHaveLength(4_500);
    expect(rules[0]!.condition.requestDomains).toEqual(['s0.test']);
  });

  it('skip names a header condition cannot match literally', () => {
    expect(ruleableName('_ga')).toBe(true);
    expect(ruleableName('_pk_id.*')).toBe(false);
    expect(ruleableName('a?b')).toBe(false);
    expect(buildCookieRules({ sites: [{ site: 'x.test', names: [{ name: 'a*', keptInTabs: [] }] }], defaults: [] })).toEqual([]);
  });
});
