import { describe, expect, it } from 'vitest';
import { Warden } from './warden';
import { type ObservedCookie } from './entry';
import { siteView } from './view';
import { DEFAULT_SETTINGS } from '../storage/settings';
import { loadKnowledge } from '../../scripts/knowledge-node';
import type { SiteKey } from '../site';

const site = 'syncronis.test' as SiteKey;
const cookie = (name: string): ObservedCookie => ({
  name,
  domain: site,
  path: '/',
  secure: false,
  httpOnly: false,
  hostOnly: true,
  session: true,
  storeId: '0',
});

describe('history: removed cookies are forgotten after the retention period or when cleared', () => {
  it('forgets removed cookies last seen before the cut-off; kept cookies are the present and stay', () => {
    const w = new Warden(loadKnowledge(), { ...DEFAULT_SETTINGS, siteChoices: {} });
    w.setPolicy(site, { status: 'none', reason: 'none' }, null);
    w.observe(cookie('_ga'), 1_000);
    w.observe(cookie('_gid'), 5_000);
    w.observe(cookie('session'), 1_000);
    const names = () => siteView(w, site, null).cookies.map((r) => `${r.name}:${r.state}`);
    expect(names()).toEqual(['_ga:removed', '_gid:removed', 'session:kept']);
    expect(w.forgetRemoved(2_000)).toBe(1);
    expect(names()).toEqual(['_gid:removed', 'session:kept']);
    expect(w.forgetRemoved(Number.POSITIVE_INFINITY)).toBe(1);
    expect(names()).toEqual(['session:kept']);
  });
});
