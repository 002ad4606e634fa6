import { describe, expect, it } from 'vitest';
import { parseRequest as parseRequestForGuard, senderMay } from './messages';
import fc from 'fast-check';
import { parseRequest, type Request } from './messages';
import { CHOICES } from './types';
import { PAGE_LIMITS } from './policy/discover/page-facts';

const choice = fc.constantFrom(...CHOICES);
const tabId = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const link = fc.record({ href: fc.webUrl(), text: fc.string({ maxLength: 50 }), title: fc.string({ maxLength: 50 }) });
const script = fc.record({
  src: fc.oneof(fc.constant(''), fc.webUrl()),
  id: fc.string({ maxLength: 20 }),
  attrs: fc.dictionary(fc.stringMatching(/^data-[a-z0-9-]{1,10}$/), fc.string({ maxLength: 30 }), { maxKeys: 5 }),
  text: fc.string({ maxLength: 200 }),
}).map((s) => (s.src ? { ...s, text: '' } : s));
const validRequest: fc.Arbitrary<Request> = fc.oneof(
  tabId.map((t) => ({ type: 'get-site-view' as const, tabId: t })),
  fc.constant({ type: 'get-settings' as const }),
  choice.map((c) => ({ type: 'set-default-choice' as const, choice: c })),
  fc.record({ site: fc.string({ minLength: 1, maxLength: 253 }), choice: fc.option(choice, { nil: null }) }).map((r) => ({ type: 'set-site-choice' as const, ...r })),
  tabId.map((t) => ({ type: 'refresh-policy' as const, tabId: t })),
  fc.record({ url: fc.webUrl(), lang: fc.string({ maxLength: 35 }), links: fc.array(link, { maxLength: 5 }), scripts: fc.array(script, { maxLength: 3 }) }).map((facts) => ({ type: 'page-facts' as const, facts })),
);
/** A valid request with one field replaced by anything, or junk altogether. */
const anyMessage = fc.oneof(
  validRequest,
  fc.tuple(validRequest, fc.constantFrom('type', 'tabId', 'choice', 'site', 'facts'), fc.anything()).map(([r, k, v]) => ({ ...r, [k]: v })),
  fc.record({ type: fc.constantFrom('get-site-view', 'set-site-choice', 'page-facts', 'set-default-choice', 'nope'), tabId: fc.anything(), choice: fc.anything(), site: fc.anything(), facts: fc.anything() }, { requiredKeys: ['type'] }),
  fc.anything(),
);

describe('parseRequest', () => {
  it('refuses malformed messages', () => {
    for (const raw of [null, 1, 'get-settings', {}, { type: 'get-site-view', tabId: 1.5 }, { type: 'set-site-choice', site: '', choice: null }, { type: 'set-site-choice', site: 'x'.repeat(254), choice: null }, { type: 'set-default-choice', choice: 'all' }, { type: 'page-facts', facts: { url: 1, links: [] } }, { type: '__proto__' }]) {
      expect(parseRequest(raw)).toBeNull();
    }
  });

  it('property: every valid request parses to itself', () => {
    fc.assert(
      fc.property(validRequest, (r) => {
        expect(parseRequest(r)).toEqual(r);
      }),
      { numRuns: 1_000 },
    );
  });

  it('property: never throws; what it accepts is well-typed, bounded, and parses to itself again', () => {
    fc.assert(
      fc.property(anyMessage, (raw) => {
        const r = parseRequest(raw);
        if (r === null) return;
        switch (r.type) {
          case 'get-site-view':
          case 'refresh-policy':
            expect(Number.isInteger(r.tabId)).toBe(true);
            break;
          case 'set-default-choice':
            expect(CHOICES).toContain(r.choice);
            break;
          case 'set-site-choice':
            expect(r.site.length).toBeGreaterThan(0);
            expect(r.site.length).toBeLessThanOrEqual(253);
            if (r.choice !== null) expect(CHOICES).toContain(r.choice);
            break;
          case 'page-facts':
            expect(typeof r.facts.url).toBe('string');
            expect(r.facts.links.length).toBeLessThanOrEqual(PAGE_LIMITS.links);
            expect(r.facts.scripts.length).toBeLessThanOrEqual(PAGE_LIMITS.scripts);
            break;
        }
        // Idempotent, and nothing else rides along (only the declared fields are copied).
        expect(parseRequest(JSON.parse(JSON.stringify(r)))).toEqual(r);
      }),
      { numRuns: 2_000 },
    );
  });
});


describe('issue 11 messages', () => {
  it('parse and bound exceptions, the unknown setting and the guard messages', () => {
    expect(parseRequestForGuard({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: 'allow' })).toEqual({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: 'allow' });
    expect(parseRequestForGuard({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: null })).not.toBeNull();
    expect(parseRequestForGuard({ type: 'set-cookie-exception', site: 'shop.test', name: 'a b', rule: 'allow' })).toBeNull();
    expect(parseRequestForGuard({ type: 'set-cookie-exception', site: '', name: '_ga', rule: 'allow' })).toBeNull();
    expect(parseRequestForGuard({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: 'sometimes' })).toBeNull();
    expect(parseRequestForGuard({ type: 'set-unknown-cookies', value: 'remove' })).toEqual({ type: 'set-unknown-cookies', value: 'remove' });
    expect(parseRequestForGuard({ type: 'set-unknown-cookies', value: 'maybe' })).toBeNull();
    expect(parseRequestForGuard({ type: 'guard-data', url: 'https://shop.test/' })).toEqual({ type: 'guard-data', url: 'https://shop.test/' });
    expect(parseRequestForGuard({ type: 'guard-refused', names: ['_ga', '_ga', '_fbp'] })).toEqual({ type: 'guard-refused', names: ['_ga', '_fbp'] });
    expect(parseRequestForGuard({ type: 'guard-refused', names: Array(51).fill('_ga') })).toBeNull();
    expect(parseRequestForGuard({ type: 'guard-refused', names: ['x;y'] })).toBeNull();
  });

  it('content scripts may send the guard messages, never the settings ones', () => {
    const origin = 'chrome-extension://abc/';
    expect(senderMay('guard-data', 'https://shop.test/', origin)).toBe(true);
    expect(senderMay('guard-refused', 'https://shop.test/', origin)).toBe(true);
    expect(senderMay('set-cookie-exception', 'https://shop.test/', origin)).toBe(false);
    expect(senderMay('set-unknown-cookies', 'https://shop.test/', origin)).toBe(false);
    // Issue 15: a page cannot switch banner answering off for itself.
    expect(senderMay('set-site-banners', 'https://shop.test/', origin)).toBe(false);
    expect(senderMay('set-answer-banners', 'https://shop.test/', origin)).toBe(false);
    expect(parseRequestForGuard({ type: 'set-site-banners', site: 'shop.test', on: false })).toEqual({ type: 'set-site-banners', site: 'shop.test', on: false });
    expect(parseRequestForGuard({ type: 'set-site-banners', site: 'shop.test', on: 'no' })).toBeNull();
    expect(parseRequestForGuard({ type: 'set-answer-banners', on: true })).toEqual({ type: 'set-answer-banners', on: true });
    expect(senderMay('set-cookie-exception', 'chrome-extension://abc/options.html', origin)).toBe(true);
  });
});

describe('the JSON wire', () => {
  it('a site view travels as one string and comes back equal; other responses travel as they are', async () => {
    const { toWire, fromWire } = await import('./messages');
    const view = { site: 'shop.test', cookies: [{ name: '_ga', evidence: { notes: { undeclared: 'not in the policy' } } }] };
    const wire = toWire('get-site-view', view) as { json: string };
    expect(typeof wire.json).toBe('string');
    expect(fromWire('get-site-view', wire)).toEqual(view);
    const settings = { defaultChoice: 'essential' };
    expect(toWire('get-settings', settings)).toBe(settings);
    expect(() => fromWire('get-site-view', undefined)).toThrow(/no answer/);
  });
});
