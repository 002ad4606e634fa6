import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../../types';
import { oneTrustLanguageUrls, parseOneTrust } from './onetrust';
import { SHARED } from '../../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

const DAY = 86400;
const RULESET_URL =
  'https://cdn.cookielaw.org/consent/32083dcf-5370-4a31-b304-4d087dae7d42/32083dcf-5370-4a31-b304-4d087dae7d42.json';

function byPurpose(d: Declaration): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of d.cookies) out[c.purpose] = (out[c.purpose] ?? 0) + 1;
  return out;
}
const find = (d: Declaration, name: string, provider?: string | null) =>
  d.cookies.filter((c) => c.name === name && (provider === undefined || c.provider === provider));

describe('parseOneTrust: language JSON (metabomb)', () => {
  const d = parseOneTrust(sample('onetrust/metabomb_variantA_domaindata_en.json'), 'https://cdn.cookielaw.org/x/en.json');

  it('reads first-party and host cookies of every group', () => {
    // 83 entries, one of them a host listed without a cookie name (www.facebook.com).
    expect(d.cookies).toHaveLength(82);
    expect(byPurpose(d)).toEqual({ essential: 3, analytics: 5, functional: 1, advertising: 73 });
    expect(d.warnings).toEqual([]);
    expect(d.sources[0]).toMatchObject({ kind: 'onetrust', url: 'https://cdn.cookielaw.org/x/en.json' });
  });

  it('keeps group names, days and hosts', () => {
    expect(find(d, 'OptanonConsent')).toEqual([
      {
        name: 'OptanonConsent',
        match: 'exact',
        pattern: 'OptanonConsent',
        purposeAsWritten: 'Strictly Necessary Cookies',
        purpose: 'essential',
        durationSeconds: 365 * DAY,
        durationAsWritten: '365 days',
        provider: null,
        domain: 'metabomb.net',
      },
    ]);
    expect(find(d, '_ga', null)[0]).toMatchObject({ purpose: 'analytics', purposeAsWritten: 'Performance Cookies', durationSeconds: 730 * DAY });
    expect(find(d, '_gid', null)[0]).toMatchObject({ durationSeconds: DAY, durationAsWritten: '1 day' });
    expect(find(d, 'uuid2')[0]).toMatchObject({ purpose: 'advertising', provider: 'adnxs.com', domain: 'adnxs.com', durationSeconds: 90 * DAY });
  });

  it('reads IsSession and Length: session, or "0" days of unknown length', () => {
    expect(find(d, 'YSC')[0]).toMatchObject({ durationSeconds: 0, durationAsWritten: 'Session' });
    expect(find(d, '_gat', 'giphy.com')[0]).toMatchObject({ durationSeconds: null, durationAsWritten: '0 days' });
  });

  it('compiles OneTrust placeholders', () => {
    expect(find(d, '_sp_xxxxxxxxxx')[0]).toMatchObject({ match: 'prefix', pattern: '_sp_', purpose: 'functional' });
  });

  it('leaves DNT unspecified when the option is off', () => {
    expect(d.statements.dnt).toEqual({ stance: 'unspecified', sentence: null });
  });
});

describe('parseOneTrust: legacy inline Groups (aveda)', () => {
  const d = parseOneTrust(sample('onetrust/aveda_variantB_inline_groups.json'), 'https://cdn.cookielaw.org/consent/x.js');

  it('reads every group, host groups under their parent category', () => {
    expect(d.cookies).toHaveLength(115);
    expect(byPurpose(d)).toEqual({ essential: 29, analytics: 7, functional: 4, advertising: 75 });
    expect(d.warnings).toEqual([]);
  });

  it('names the host as provider and the parent group as category', () => {
    expect(find(d, 'MUIDB')[0]).toMatchObject({
      purposeAsWritten: 'Targeting Cookies',
      purpose: 'advertising',
      provider: 'bat.bing.com',
      domain: 'bat.bing.com',
    });
    expect(find(d, '_pinterest_sess')[0]).toMatchObject({ purposeAsWritten: 'Social Media Cookies', purpose: 'advertising' });
    expect(find(d, 'VMM_ID_J12')[0]).toMatchObject({ purposeAsWritten: 'Strictly Necessary Cookies', purpose: 'essential' });
  });

  it('reads the legacy IsSession flag the other way round', () => {
    expect(find(d, 'OptanonConsent')[0]).toMatchObject({ durationSeconds: 365 * DAY, provider: null, domain: 'aveda.com' });
    expect(find(d, 's_sess')[0]).toMatchObject({ durationSeconds: 0, purpose: 'analytics' });
    expect(find(d, 'laravel_session')[0]).toMatchObject({ durationSeconds: 0, purpose: 'functional' });
    expect(find(d, 'VMM_ID_J12')[0]).toMatchObject({ durationSeconds: null });
  });

  it('reports the Do Not Track option', () => {
    expect(d.statements.dnt.stance).toBe('honored');
  });
});

describe('OneTrust ruleset', () => {
  const text = sample('onetrust/metabomb_ruleset.json');

  it('holds no cookies, and says where they are', () => {
    const d = parseOneTrust(text, RULESET_URL);
    expect(d.cookies).toEqual([]);
    expect(d.warnings).toEqual(['onetrust: this is the ruleset file; the cookies are in its language files']);
    expect(oneTrustLanguageUrls(text, RULESET_URL)).toEqual([
      'https://cdn.cookielaw.org/consent/32083dcf-5370-4a31-b304-4d087dae7d42/eb848949-a6d2-47e9-910d-302932250873/en.json',
    ]);
  });

  it('refuses ids and languages that would leave the consent folder', () => {
    const hostile = JSON.stringify({
      RuleSet: [
        { Id: '../../../evil', LanguageSwitcherPlaceholder: { default: 'en' } },
        { Id: 'eb848949-a6d2-47e9-910d-302932250873', LanguageSwitcherPlaceholder: { default: '../x' } },
      ],
    });
    expect(oneTrustLanguageUrls(hostile, RULESET_URL)).toEqual([]);
    expect(oneTrustLanguageUrls('not json', RULESET_URL)).toEqual([]);
    expect(oneTrustLanguageUrls(text, 'not a url')).toEqual([]);
  });
});

describe('parseOneTrust: group ids and bad input', () => {
  const group = (extra: Record<string, unknown>) =>
    JSON.stringify({ DomainData: { Groups: [{ FirstPartyCookies: [{ Name: 'c', Host: 'h', IsSession: true, Length: '0' }], ...extra }] } });

  it.each([
    ['C0001', 'essential'],
    ['C0002', 'analytics'],
    ['C0003', 'functional'],
    ['C0004', 'advertising'],
    ['C0005', 'advertising'],
    ['C0099', 'unknown'],
  ])('falls back to the group id %s when the name names no purpose', (id, purpose) => {
    const d = parseOneTrust(group({ GroupName: 'Kopano Cookies', CustomGroupId: id, OptanonGroupId: id }), 'u');
    expect(d.cookies[0]).toMatchObject({ purposeAsWritten: 'Kopano Cookies', purpose });
  });

  it('prefers the group name to the id', () => {
    const d = parseOneTrust(group({ GroupName: 'Targeting Cookies', CustomGroupId: 'C0001', OptanonGroupId: 'C0001' }), 'u');
    expect(d.cookies[0]!.purpose).toBe('advertising');
  });

  it('finds a subgroup’s category through its Parent id', () => {
    const text = JSON.stringify({
      DomainData: {
        Groups: [
          { GroupName: 'Performance Cookies', CustomGroupId: 'C0002', OptanonGroupId: 'C0002' },
          { GroupName: 'Hotjar', CustomGroupId: 'C0010', OptanonGroupId: 'C0010', Parent: 'C0002', FirstPartyCookies: [{ Name: '_hjid', Length: '365' }] },
        ],
      },
    });
    expect(parseOneTrust(text, 'u').cookies[0]).toMatchObject({ purposeAsWritten: 'Hotjar', purpose: 'analytics' });
  });

  it('is not fooled by ids that name Object.prototype members', () => {
    const d = parseOneTrust(group({ GroupName: 'x', OptanonGroupId: 'constructor' }), 'u');
    expect(d.cookies[0]!.purpose).toBe('unknown');
  });

  it.each([
    ['not JSON', '<html>'],
    ['truncated JSON', sample('onetrust/metabomb_variantA_domaindata_en.json').slice(0, 5000)],
    ['a JSON array', '[1,2]'],
    ['groups that are not groups', '{"Groups": [null, 1, "x", {"Cookies": "nope", "FirstPartyCookies": [null, {"Name": 5}]}]}'],
  ])('never throws on %s', (_, text) => {
    const d = parseOneTrust(text, 'u');
    expect(d.sources[0]!.kind).toBe('onetrust');
    expect(d.cookies.length + d.warnings.length).toBeGreaterThan(0);
  });

  it('does not read a Length that is not a whole number of days', () => {
    const d = parseOneTrust(group({ GroupName: 'Functional', FirstPartyCookies: [{ Name: 'c', Length: '9'.repeat(400) }] }), 'u');
    expect(d.cookies[0]!.durationSeconds).toBeNull();
    const e = parseOneTrust(group({ GroupName: 'Functional', FirstPartyCookies: [{ Name: 'c', Length: '1e9' }] }), 'u');
    expect(e.cookies[0]!.durationSeconds).toBeNull();
  });
});
