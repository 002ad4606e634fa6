import { describe, expect, it } from 'vitest';
import { safeHref, shortUrl } from './links';
import { evidencePairs, humanKey } from './evidence';
import { actualLifetimeSeconds, lifetimeOf } from './lifetime';
import { badgeFor, BADGE_COLORS } from './badge';
import { escapeHtml } from './escape';

describe('safeHref', () => {
  it('links http and https policies, nothing else', () => {
    expect(safeHref('http://kopano.test/cookie-policy')).toBe('http://kopano.test/cookie-policy');
    expect(safeHref('https://a.test/p?x=1#y')).toBe('https://a.test/p?x=1#y');
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', ' javascript:alert(1)', 'data:text/html,<b>', 'file:///etc/passwd', 'chrome://settings', 'https://user:pw@a.test/', 'not a url', '', null]) {
      expect(safeHref(bad), String(bad)).toBeNull();
    }
  });
  it('shortens to host and path', () => {
    expect(shortUrl('https://kopano.test/privacy-cookie-policy?x=1')).toBe('kopano.test/privacy-cookie-policy');
  });
});

describe('evidence', () => {
  it('any object becomes bounded label/value pairs, nested one level', () => {
    expect(
      evidencePairs({ declaredDuration: '1 year', actualSeconds: 63072000, secure: true, declared: { name: '_ga', purpose: null }, kinds: ['a', 'b'], skip: undefined }),
    ).toEqual([
      { key: 'declaredDuration', value: '1 year' },
      { key: 'actualSeconds', value: '63072000' },
      { key: 'secure', value: 'yes' },
      { key: 'declared.name', value: '_ga' },
      { key: 'kinds', value: 'a, b' },
    ]);
    expect(evidencePairs(null)).toEqual([]);
    expect(evidencePairs('text')).toEqual([]);
    expect(evidencePairs({ long: 'x'.repeat(2_000) })[0]!.value.length).toBeLessThanOrEqual(501);
    expect(evidencePairs(Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i])))).toHaveLength(40);
  });
  it('names a field in words when no translation exists', () => {
    expect(humanKey('declaredDuration')).toBe('Declared duration');
    expect(humanKey('declared.name')).toBe('Declared name');
    expect(humanKey('set_after_refusal')).toBe('Set after refusal');
  });
});

describe('lifetime', () => {
  it('in a person’s units', () => {
    expect(lifetimeOf(null)).toEqual({ unit: 'session', amount: 0 });
    expect(lifetimeOf(30)).toEqual({ unit: 'seconds', amount: 30 });
    expect(lifetimeOf(7 * 86_400)).toEqual({ unit: 'days', amount: 7 });
    expect(lifetimeOf(400 * 86_400)).toEqual({ unit: 'years', amount: 1.1 });
    expect(actualLifetimeSeconds(null, 0)).toBeNull();
    expect(actualLifetimeSeconds(1_000, 500_000)).toBe(500);
  });
});

describe('badge', () => {
  it('counts breaching cookies, coloured by the worst kind, worded by a message key', () => {
    expect(badgeFor('a.test', [[], ['undeclared'], ['undeclared']], false)).toEqual({
      text: '2',
      color: BADGE_COLORS.notice,
      title: { key: 'badgeTitleBreaches', subs: ['2', 'a.test'] },
      worst: 'notice',
    });
    expect(badgeFor('a.test', [['undeclared'], ['despite-refusal']], false).color).toBe(BADGE_COLORS.severe);
    // A kind this list does not know yet is taken seriously, not ignored.
    expect(badgeFor('a.test', [['some-new-kind']], false).worst).toBe('serious');
    expect(badgeFor('a.test', [], false)).toMatchObject({ text: '', title: { key: 'badgeTitleNone' } });
    expect(badgeFor('a.test', [['undeclared']], true)).toMatchObject({ text: '1', color: BADGE_COLORS.paused, title: { key: 'badgeTitlePaused' } });
    expect(badgeFor(null, [], false).title.key).toBe('badgeTitleIdle');
  });
});

it('escapeHtml', () => {
  expect(escapeHtml(`<img src=x onerror="a('&')">`)).toBe('&lt;img src=x onerror=&quot;a(&#39;&amp;&#39;)&quot;&gt;');
});
