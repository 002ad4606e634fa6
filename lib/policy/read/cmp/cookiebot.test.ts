import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../../types';
import { parseCookiebot } from './cookiebot';
import { SHARED } from '../../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');
const URL_ = 'https://consent.cookiebot.com/00000000-0000-0000-0000-000000000000/cc.js?referer=www.purplemath.com';

const YEAR = 365 * 86400;
const DAY = 86400;

function byPurpose(d: Declaration): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of d.cookies) out[c.purpose] = (out[c.purpose] ?? 0) + 1;
  return out;
}
const find = (d: Declaration, name: string, domain?: string) =>
  d.cookies.filter((c) => c.name === name && (domain === undefined || c.domain === domain));

describe('parseCookiebot: purplemath cc.js', () => {
  const text = sample('cookiebot/purplemath_cc.js.data-lines.txt');
  const d = parseCookiebot(text, URL_);

  it('reads every table, one cookie per (name, host), matching Cookiebot’s own counts', () => {
    expect(d.cookies).toHaveLength(36);
    expect(byPurpose(d)).toEqual({ essential: 5, functional: 3, analytics: 8, advertising: 10, unknown: 10 });
    expect(d.storage).toHaveLength(6);
    // No "Count says ..." warning: HTTP + HTML + pixel entries add up to cookieTable<Cat>Count for all five tables.
    expect(d.warnings).toEqual(['cookiebot: 7 pixel entries left out (tracker requests, not cookies)']);
  });

  it('records the source (its sha256 is left to readDocument, which is given the hash of the fetched text)', () => {
    expect(d.sources).toEqual([{ url: URL_, kind: 'cookiebot', sha256: '' }]);
    expect(d.statements).toEqual({
      dnt: { stance: 'unspecified', sentence: null },
      gpc: { stance: 'unspecified', sentence: null },
    });
    expect([d.providers, d.links]).toEqual([[], []]);
  });

  it('keeps names, hosts, labels, durations and provider names', () => {
    expect(find(d, 'CookieConsent')).toEqual([
      {
        name: 'CookieConsent',
        match: 'exact',
        pattern: 'CookieConsent',
        purposeAsWritten: 'Necessary',
        purpose: 'essential',
        durationSeconds: YEAR,
        durationAsWritten: '1 year',
        provider: 'Cookiebot',
        domain: 'purplemath.com',
      },
    ]);
    expect(find(d, 'NID')[0]).toMatchObject({ purpose: 'advertising', purposeAsWritten: 'Marketing', durationSeconds: 180 * DAY });
    expect(find(d, 'mc')[0]).toMatchObject({ durationSeconds: 13 * 30 * DAY, provider: 'Quantcast', domain: 'quantserve.com' });
    expect(find(d, 'JSESSIONID')[0]).toMatchObject({ durationSeconds: 0, durationAsWritten: 'Session', provider: 'New Relic' });
    expect(find(d, 'Mathway.GDPR')[0]).toMatchObject({ purpose: 'unknown', purposeAsWritten: 'Unclassified' });
    expect(find(d, 'Mathway.Culture')[0]).toMatchObject({ purpose: 'functional', purposeAsWritten: 'Preferences' });
  });

  it('splits <br/>-joined hosts and pairs them with their provider domains', () => {
    expect(find(d, '_ga').map((c) => [c.domain, c.provider, c.durationSeconds])).toEqual([
      ['mathway.com', 'Mathway', 2 * YEAR],
      ['purplemath.com', 'www.purplemath.com', 2 * YEAR], // not in privacyPolicies: the domain stands in
    ]);
  });

  it('uses Cookiebot’s name regex when it is simple', () => {
    expect(find(d, '_gat', 'purplemath.com')[0]).toMatchObject({ match: 'prefix', pattern: '_gat', purpose: 'analytics' });
    expect(find(d, 'SESS#')[0]).toMatchObject({ match: 'prefix', pattern: 'SESS', durationSeconds: DAY });
    expect(find(d, 'PHPSESSID')[0]).toMatchObject({ match: 'prefix', pattern: 'PHPSESSID' });
  });

  it('files HTML (web storage) entries as storage and leaves pixels out', () => {
    expect(d.storage).toContainEqual({ key: 'testId', storage: 'unknown', purposeAsWritten: 'Necessary', purpose: 'essential' });
    expect(d.storage.map((s) => s.key)).toContain('google_experiment_mod#');
    for (const pixel of ['collect', 'r/collect', 'px.gif', 'bping.php', 'events/1/#']) expect(find(d, pixel)).toEqual([]);
    for (const key of ['testId', 'HBCM_BIDS', '3pck']) expect(find(d, key)).toEqual([]);
  });
});

describe('parseCookiebot: gamefly cc.js', () => {
  const d = parseCookiebot(sample('cookiebot/gamefly_cc.js.data-lines.txt'), URL_);

  it('reads every table', () => {
    expect(d.cookies).toHaveLength(17);
    expect(byPurpose(d)).toEqual({ essential: 2, analytics: 3, advertising: 10, unknown: 2 });
    expect(d.storage).toHaveLength(1);
    expect(d.warnings).toEqual(['cookiebot: 4 pixel entries left out (tracker requests, not cookies)']);
  });

  it('keeps absurd durations as written', () => {
    expect(find(d, 'G_ENABLED_IDPS')[0]).toMatchObject({
      purpose: 'essential',
      durationAsWritten: '95752 months',
      durationSeconds: 95752 * 30 * DAY,
    });
    expect(find(d, '_fbp')[0]).toMatchObject({ purpose: 'advertising', durationSeconds: 90 * DAY });
    expect(find(d, 'X-AB')[0]).toMatchObject({ purpose: 'unknown', domain: 'sc-static.net', durationSeconds: DAY });
  });
});

describe('parseCookiebot: bad input', () => {
  const row = (name: string, regex = '') => `["${name}","example.com","x","1 day","HTTP","1","${regex}","example.com"]`;

  it('reads the tables before a truncation and warns about the cut one', () => {
    const text = sample('cookiebot/purplemath_cc.js.data-lines.txt');
    const cut = text.slice(0, text.indexOf('cookieTableStatistics') + 300);
    const d = parseCookiebot(cut, URL_);
    expect(d.cookies.filter((c) => c.purpose === 'essential')).toHaveLength(5);
    expect(d.cookies.filter((c) => c.purpose === 'analytics')).toHaveLength(0);
    expect(d.warnings).toContain('cookiebot: cookieTableStatistics could not be read');
  });

  it('warns on an out-of-region stub', () => {
    const d = parseCookiebot(
      "CookieConsent.setOutOfRegion(); CookieConsent.cookiedomainwarning = 'Error: example.com is not a valid domain.';",
      URL_,
    );
    expect(d.cookies).toEqual([]);
    expect(d.warnings).toEqual(['cookiebot: no cookie tables; Cookiebot says: Error: example.com is not a valid domain.']);
  });

  it('warns when a table disagrees with its count', () => {
    const d = parseCookiebot(
      `CookieConsentDialog.cookieTableNecessary = [${row('a')}];\nCookieConsentDialog.cookieTableNecessaryCount = 3;`,
      URL_,
    );
    expect(d.cookies).toHaveLength(1);
    expect(d.warnings).toEqual(['cookiebot: cookieTableNecessaryCount says 3, the table holds 1']);
  });

  it('falls back to the display name when the regex is not simple', () => {
    const d = parseCookiebot(`CookieConsentDialog.cookieTableStatistics = [${row('_hj#', '^_hj(?!x)\\\\w+$')}];`, URL_);
    expect(d.cookies[0]).toMatchObject({ name: '_hj#', match: 'prefix', pattern: '_hj' });
    expect(d.warnings[0]).toMatch(/is not simple; matching by the name "_hj#"/);
  });

  it('skips rows that are not rows and names that are not names', () => {
    const huge = 'a'.repeat(100_000);
    const d = parseCookiebot(
      `CookieConsentDialog.cookieTableNecessary = ["flat", [], [1], [""], ${row(huge)}, ${row('ok')}];`,
      URL_,
    );
    expect(d.cookies.map((c) => c.name)).toEqual(['1', 'ok']);
    expect(d.warnings.some((w) => w.includes(huge))).toBe(false);
  });

  it('stops at 5,000 cookies', () => {
    const rows = Array.from({ length: 6000 }, (_, i) => row(`c${i}`)).join(',');
    const d = parseCookiebot(`CookieConsentDialog.cookieTableAdvertising = [${rows}];`, URL_);
    expect(d.cookies).toHaveLength(5000);
    expect(d.warnings).toContain('cookiebot: more than 5000 cookies: 1000 left out');
  });

  it.each([
    ['empty', ''],
    ['garbage', '\u0000\uffff{{[['],
    ['a script that is not Cookiebot', 'var x = 1;'],
    ['a table that is code', 'CookieConsentDialog.cookieTableNecessary = getTable();'],
    ['a comparison, not an assignment', 'if (CookieConsentDialog.cookieTableNecessary == null) {}'],
  ])('returns an empty declaration with a warning for %s', (_, text) => {
    const d = parseCookiebot(text, URL_);
    expect(d.cookies).toEqual([]);
    expect(d.warnings.length).toBeGreaterThan(0);
  });

  it('does not throw on non-string input', () => {
    expect(parseCookiebot(null as unknown as string, URL_).warnings).toContain('cookiebot: input is not text');
  });
});
