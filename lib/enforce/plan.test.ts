import { describe, expect, it } from 'vitest';
import { loadKnowledge, loadKnowledgeIndex } from '../../scripts/knowledge-node';
import { Warden } from '../engine/warden';
import { DEFAULT_SETTINGS, withCookieException, withSiteChoice } from '../storage/settings';
import { compileGuardData, guardSampleNames, GuardBook, wellKnownTrackingNames } from './guard';
import { guardStartOf, planCookieRules, sitePatterns } from './plan';
import type { SiteKey } from '../site';

const names = wellKnownTrackingNames(loadKnowledgeIndex());

describe('guard mode', () => {
  const data = (choice: 'essential-only' | 'allow-all', exceptions = {}) => compileGuardData({ site: 's.test', choice, policy: 'found', declaration: null, exceptions });
  it('strict with what the site keeps all the same; open where it keeps every well-known name', () => {
    expect(guardStartOf(data('essential-only'), names)).toEqual({ mode: 'strict', keep: [] });
    expect(guardStartOf(data('allow-all'), names)).toEqual({ mode: 'open', keep: [] });
    const start = guardStartOf(data('essential-only', { _ga: 'allow' }), names);
    expect(start.mode).toBe('strict');
    expect(start.keep.map((i) => guardSampleNames(names)[i])).toEqual(['_ga']);
    // The guard started that way keeps _ga and refuses _fbp before any data arrives.
    const book = new GuardBook<string>(names, 'essential-only', null, true, new Set(start.keep));
    expect(book.write('_ga', false, '_ga=1')).toBe('allow');
    expect(book.write('_fbp', false, '_fbp=1')).toBe('refuse');
  });
  it('patterns cover the site and its subdomains', () => {
    expect(sitePatterns('shop.test')).toEqual(['*://*.shop.test/*']);
    expect(sitePatterns('127.0.0.1')).toEqual(['*://127.0.0.1/*']);
  });
});

describe('cookie rule plan', () => {
  it("gives rules only for names the owner refuses, and spares tabs of sites that keep them", () => {
    let s = withSiteChoice(DEFAULT_SETTINGS, 'open.test', 'allow-all');
    s = withCookieException(s, 'shop.test', '_fbp', 'allow');
    const w = new Warden(loadKnowledge(), s);
    const plan = planCookieRules({
      recent: ['shop.test', 'open.test'],
      known: ['open.test', 'shop.test'],
      defaultChoice: s.defaultChoice,
      names,
      removedNames: () => ['my_tracker'],
      vote: (site, name, domain) => w.voteOf(site as SiteKey, name, domain),
      tabs: [{ site: 'open.test', tabIds: [3] }, { site: 'shop.test', tabIds: [4] }],
    });
    // open.test keeps everything: no rules of its own.
    expect(plan.sites.map((x) => x.site)).toEqual(['shop.test']);
    const shop = plan.sites[0]!;
    const ga = shop.names.find((n) => n.name === '_gcl_au')!;
    expect(ga.keptInTabs).toEqual([3]);
    expect(shop.names.some((n) => n.name === '_fbp')).toBe(false);
    // An unknown name that was never judged tracking is kept: no rule (my_tracker is of unknown purpose).
    expect(shop.names.some((n) => n.name === 'my_tracker')).toBe(false);
    expect(shop.names.some((n) => n.name === 'session')).toBe(false);
    const def = plan.defaults.find((d) => d.name === '_ga')!;
    expect(def.keepingSites).toEqual(['open.test']);
    expect(def.keptInTabs).toEqual([3]);
  });
});
