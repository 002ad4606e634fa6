/**
 * declarativeNetRequest rules that keep an HTTP-set cookie the user refused out of the store (Chromium MV3,
 * which has no blocking webRequest). Pure: the background gives the sites and names, this builds the rules.
 *
 * Checked in Chromium 156 (../shared/E2E.md, "Keeping a denied cookie off the network"): removing the
 * response's Set-Cookie header drops every cookie (the session too) and the regex substitution does nothing;
 * what works is a rule whose condition matches the Set-Cookie value (`name=*`) and whose action APPENDS an
 * expiring `Set-Cookie` for that name. The appended line is processed last and wins, so the cookie is never
 * stored and never rides on the next request (a 303's redirect included). The expiring line must name the
 * cookie's Domain and Path: we append one line per likely variant (host-only and Domain=<site>, Path=/ and
 * the default path, plain and Secure + SameSite=None for third-party responses, and Partitioned for CHIPS).
 *
 * Scope, so that one site's rule never touches another site's cookie (lib/engine/ownership.ts):
 * - `requestDomains: [site]`: a response of the cookie's own site (a response can only set cookies of its
 *   own site), and only when that site, the owner, refuses the name;
 * - `excludedTabIds`: tabs whose site keeps the name (it embeds the owner and votes to keep it);
 * - names with `*`/`?` cannot be matched in a header value condition and get no rule.
 * Chromium counts modifyHeaders rules as "unsafe": at most 5,000 dynamic + session ones, so rules go to the
 * sites seen most recently and the well-known tracking names only; the cookies.onChanged removal stays as
 * the backstop for everything else.
 */

/** Resource types listed explicitly (a rule without them skips main_frame). */
const ALL_RESOURCE_TYPES = [
  'main_frame',
  'sub_frame',
  'stylesheet',
  'script',
  'image',
  'font',
  'object',
  'xmlhttprequest',
  'ping',
  'csp_report',
  'media',
  'websocket',
  'webtransport',
  'webbundle',
  'other',
] as const;

/** Our session rule ids live in [FIRST, FIRST + MAX): other rules (Referer, signals) use other ids. */
export const COOKIE_RULE_FIRST_ID = 100_000;
/** Below Chromium's 5,000 unsafe rules, leaving room for the other rules we install. */
export const COOKIE_RULE_BUDGET = 4_500;

export interface DnrRule {
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    responseHeaders: Array<{ header: 'set-cookie'; operation: 'append'; value: string }>;
  };
  condition: {
    requestDomains?: string[];
    excludedRequestDomains?: string[];
    excludedTabIds?: number[];
    resourceTypes: string[];
    responseHeaders: Array<{ header: 'set-cookie'; values: string[] }>;
  };
}

/** One site's refused names and the tabs (of other sites) that keep each. */
export interface SiteCookieRules {
  site: string;
  names: Array<{ name: string; keptInTabs: number[] }>;
}

/** Names that a header-value condition can match literally and a Set-Cookie line can carry. */
export function ruleableName(name: string): boolean {
  return name.length > 0 && name.length <= 128 && /^[!#$%&'+\-.^_`|~0-9A-Za-z]+$/.test(name);
}

/** The expiring Set-Cookie lines for a name (domain: the site for Domain= variants, or null for host-only only). */
export function expiringLines(name: string, domain: string | null): string[] {
  const base = `${name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT`;
  const out: string[] = [];
  for (const d of domain ? ['', `; Domain=${domain}`] : ['']) {
    for (const p of ['; Path=/', '']) {
      out.push(`${base}${p}${d}`);
      out.push(`${base}${p}${d}; Secure; SameSite=None`);
    }
    out.push(`${base}; Path=/${d}; Secure; SameSite=None; Partitioned`);
  }
  return out;
}

function rule(id: number, name: string, domain: string | null, scope: Partial<DnrRule['condition']>): DnrRule {
  return {
    id,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      responseHeaders: expiringLines(name, domain).map((value) => ({ header: 'set-cookie', operation: 'append', value })),
    },
    condition: {
      ...scope,
      resourceTypes: [...ALL_RESOURCE_TYPES],
      responseHeaders: [{ header: 'set-cookie', values: [`${name}=*`] }],
    },
  };
}

export interface CookieRuleInput {
  /** Sites seen recently, most recent first, each with the names its own vote refuses. */
  sites: SiteCookieRules[];
  /**
   * Well-known names refused by the default choice on sites we know nothing of: one rule each, for every
   * site but `sites` (they have their own rules) and `keepingSites` (whose own vote keeps the name).
   */
  defaults: Array<{ name: string; keepingSites: string[]; keptInTabs: number[] }>;
  budget?: number;
  firstId?: number;
}

/** Build the session rules, within the budget: the defaults first, then the sites in order of recency. */
export function buildCookieRules(input: CookieRuleInput): DnrRule[] {
  const budget = input.budget ?? COOKIE_RULE_BUDGET;
  let id = input.firstId ?? COOKIE_RULE_FIRST_ID;
  const out: DnrRule[] = [];
  const covered = input.sites.map((s) => s.site);
  for (const d of input.defaults) {
    if (out.length >= budget) return out;
    if (!ruleableName(d.name)) continue;
    const excluded = [...new Set([...covered, ...d.keepingSites])];
    out.push(
      rule(id++, d.name, null, {
        ...(excluded.length ? { excludedRequestDomains: excluded } : {}),
        ...(d.keptInTabs.length ? { excludedTabIds: [...d.keptInTabs] } : {}),
      }),
    );
  }
  for (const s of input.sites) {
    for (const n of s.names) {
      if (out.length >= budget) return out;
      if (!ruleableName(n.name)) continue;
      out.push(
        rule(id++, n.name, s.site, {
          requestDomains: [s.site],
          ...(n.keptInTabs.length ? { excludedTabIds: [...n.keptInTabs] } : {}),
        }),
      );
    }
  }
  return out;
}
