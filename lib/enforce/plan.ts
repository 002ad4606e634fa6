/**
 * From the engine's state to what the browser adapters install before the network (issue 11): which guard
 * each site gets, and the DNR cookie rules' input. Pure: votes and tabs come in as functions.
 */
import type { Choice, Purpose } from '../types';
import { allowedBy } from './decide';
import { guardSampleNames, guardVerdict, trackingPurposeOf, type GuardSiteData, type TrackingNames } from './guard';
import type { CookieRuleInput, SiteCookieRules } from './dnr-cookie-rules';

/** Match patterns for a site and its subdomains (any scheme, any port). */
export function sitePatterns(site: string): string[] {
  if (/^[\d.]+$/.test(site) || site.includes(':') || !site.includes('.')) return [`*://${site}/*`];
  return [`*://*.${site}/*`];
}

/** How a site's guard starts before its data arrives (Chromium: chosen by which scripts are registered). */
export interface GuardStart {
  /** strict: refuse the built-in tracking names; open: refuse nothing (the site keeps them all). */
  mode: 'strict' | 'open';
  /** strict only: built-in names the site keeps all the same (indices of guardSampleNames). */
  keep: number[];
}

/**
 * Strict, with the built-in names the site's declaration, exceptions or choice keep, so the guard never
 * refuses, even for a moment, what the site keeps, and refuses the rest from the page's first line; open
 * when the site keeps every one ("Allow all").
 */
export function guardStartOf(data: GuardSiteData, names: TrackingNames): GuardStart {
  const keep: number[] = [];
  const samples = guardSampleNames(names);
  samples.forEach((n, i) => {
    if (guardVerdict(n, data, names, null) === 'allow') keep.push(i);
  });
  return keep.length === samples.length ? { mode: 'open', keep: [] } : { mode: 'strict', keep };
}

/**
 * Built-in names that sites commonly set over HTTP (a tag's server side, an ad server, a login answer), with
 * a Domain attribute: each recently seen site gets a Domain=<site> rule for these (and for the names seen
 * removed on it). Every site gets host-only rules for all built-in names anyway (the defaults).
 */
const HTTP_SET_NAMES = ['_ga', '_gid', '_gcl_au', '_gcl_aw', '_gcl_dc', '_fbp', '_fbc', 'fr', 'IDE', '__gads', '__gpi', '_uetsid', '_uetvid', 'MUID', '_ttp'];

export interface RulePlanInput {
  /** Sites seen recently, most recent first. */
  recent: string[];
  /** Sites with any user setting or policy of their own (choices, exceptions, declarations). */
  known: string[];
  defaultChoice: Choice;
  names: TrackingNames;
  /** Exact names this site's cookies were removed under (seen in the store). */
  removedNames(site: string): Iterable<string>;
  /** A site's own vote on a name of a domain. */
  vote(site: string, name: string, domain: string): 'keep' | 'remove';
  /** Open tabs: their top site and ids. */
  tabs: Array<{ site: string; tabIds: number[] }>;
}

export function planCookieRules(input: RulePlanInput): Omit<CookieRuleInput, 'budget' | 'firstId'> {
  const builtins = Object.keys(input.names.exact);
  const core = HTTP_SET_NAMES.filter((n) => Object.prototype.hasOwnProperty.call(input.names.exact, n));
  const votes = new Map<string, 'keep' | 'remove'>();
  const vote = (site: string, name: string, domain: string) => {
    const key = `${site}\u0000${name}\u0000${domain}`;
    let v = votes.get(key);
    if (!v) votes.set(key, (v = input.vote(site, name, domain)));
    return v;
  };
  const keptInTabs = (owner: string | null, name: string, domain: string): number[] => {
    const out: number[] = [];
    for (const t of input.tabs) if (t.site !== owner && vote(t.site, name, domain) === 'keep') out.push(...t.tabIds);
    return out;
  };
  const sites: SiteCookieRules[] = [];
  for (const site of input.recent) {
    const names = new Set(core);
    for (const n of input.removedNames(site)) names.add(n);
    const rules: SiteCookieRules['names'] = [];
    for (const name of names) {
      // The owner's own vote first: no rule ever refuses what the cookie's own site keeps.
      if (vote(site, name, site) !== 'remove') continue;
      rules.push({ name, keptInTabs: keptInTabs(site, name, site) });
    }
    if (rules.length) sites.push({ site, names: rules });
  }
  const defaults: CookieRuleInput['defaults'] = [];
  for (const name of builtins) {
    const purpose = trackingPurposeOf(input.names, name) as Purpose;
    if (allowedBy(input.defaultChoice, purpose)) continue;
    const keepingSites = input.known.filter((k) => vote(k, name, k) === 'keep');
    defaults.push({ name, keepingSites, keptInTabs: keptInTabs(null, name, 'unknown.invalid') });
  }
  return { sites, defaults };
}
