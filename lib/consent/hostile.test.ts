/**
 * Issue 15, a review's findings: what a hostile page or site could make of the banner answer, each with the
 * case that went wrong before.
 */
import { describe, expect, it } from 'vitest';
import { answerFor, purposeOf } from './answer';
import { verifyRecord, parseRecordCookie } from './records';
import { BannerBook } from './book';
import { autoconsentVerdict } from './autoconsent';
import { decide } from '../enforce/decide';
import { loadKnowledge } from '../../scripts/knowledge-node';

const knowledge = loadKnowledge();

describe('banner answers against hostile pages', () => {
  it('a category the site marks required but names for advertising is not "essential only"', () => {
    const targeting = { id: 'C0004', purposes: [], required: true };
    expect(purposeOf('onetrust', targeting)).toBe('advertising');
    const v = verifyRecord(
      { platform: 'onetrust', categories: [{ id: 'C0001', purposes: [], required: true }, targeting], cookieName: 'OptanonConsent', cookie: 'groups=C0001%3A1%2CC0004%3A1', api: null, tcf: null },
      'essential-only',
    );
    expect(v.status).toBe('recorded-other');
    expect(v.refusedButGranted.map((g) => g.id)).toEqual(['C0004']);
    // A required category of no tracking purpose stays essential (Klaro's required Cloudflare).
    expect(purposeOf('klaro', { id: 'cloudflare', purposes: [], required: true })).toBe('essential');
  });

  it('an empty refuse list is not "allow all": nothing is accepted that the person refused', () => {
    expect(answerFor('onetrust', [], 'essential-only')).toEqual({ accept: [], refuse: [] });
    // The page script calls OneTrust.AllowAll() only with allowAll, which the background sets for "allow all" alone
    // (utils/banner-page.ts, entrypoints/background/banners.ts).
  });

  it('an empty Klaro record records nothing', () => {
    expect(parseRecordCookie('klaro', '{}', [])).toBeNull();
    expect(parseRecordCookie('klaro', '{"ga":"yes"}', [])).toBeNull();
  });

  it('autoconsent never replaces what the platform API recorded, and evidence outlives a change of verdict', () => {
    const book = new BannerBook();
    const api = verifyRecord(
      { platform: 'onetrust', categories: [{ id: 'C0002', purposes: [], required: false }], cookieName: 'OptanonConsent', cookie: 'groups=C0002%3A1', api: null, tcf: null },
      'essential-only',
    );
    expect(api.status).toBe('recorded-other');
    book.answered('shop.test', api, 1);
    expect(book.answered('shop.test', autoconsentVerdict('some-rule', 'essential-only', true, true), 2).verdict).toBe(api);
    const refused = verifyRecord(
      { platform: 'onetrust', categories: [{ id: 'C0002', purposes: [], required: false }], cookieName: 'OptanonConsent', cookie: 'groups=C0002%3A0', api: null, tcf: null },
      'essential-only',
    );
    book.answered('shop.test', refused, 3);
    expect(book.noteSet('shop.test', { name: '_ga', domain: 'shop.test', purpose: 'analytics' }, 4)).toBe(true);
    // The site hides its record once, then records again: the evidence stays.
    book.answered('shop.test', { ...refused, status: 'not-recorded', refusedPurposes: [] }, 5);
    book.answered('shop.test', refused, 6);
    expect(book.isEvidence('shop.test', '_ga', 'shop.test')).toBe(true);
  });

  it('a cookie of unknown purpose is never evidence of a breach after a recorded refusal', () => {
    expect(autoconsentVerdict('some-rule', 'essential-only', true, true).refusedPurposes).not.toContain('unknown');
  });

  it('naming a tracker like a consent record keeps nothing: only the site\'s own record is essential', () => {
    const asRecord = (domain: string, thirdParty: boolean) =>
      decide({ name: 'cc_cookie_uid', domain, policy: 'none', declaration: null, choice: 'essential-only', knowledge, observed: { session: true, now: 0, thirdParty } });
    expect(asRecord('shop.test', false).purpose).toBe('essential');
    expect(asRecord('tracker.test', true).purpose).not.toBe('essential');
  });
});
