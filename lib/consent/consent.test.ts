/**
 * Issue 15: answering banners and verifying their records, on the real configurations in
 * ../shared/data/cmp-samples (vanilla-cookieconsent's demo_gtm, Klaro's dist config, tarteaucitron's services)
 * and the record formats each platform writes.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED } from '../../tests/support/corpus';
import { answerFor, purposeOf, type PlatformCategory } from './answer';
import { parseRecordCookie, verifyRecord, type RecordReadout } from './records';
import { BannerBook } from './book';
import { CONSENT_RECORD_COOKIES } from './record-names';
import { shippedModel, UndeclaredJudge } from '../cookies/judge';
import { decide } from '../enforce/decide';
import { loadKnowledge } from '../../scripts/knowledge-node';

const sample = (file: string) => JSON.parse(readFileSync(path.join(SHARED, 'data/cmp-samples', file), 'utf8'));

// vanilla-cookieconsent demo_gtm: necessary (readOnly), analytics, ads.
const vanillaConfig = sample('vanilla-cookieconsent/demo_gtm_config_extract.json');
const vanillaCategories: PlatformCategory[] = Object.entries(vanillaConfig.categories as Record<string, { readOnly?: boolean }>).map(([id, c]) => ({
  id,
  purposes: [],
  required: c.readOnly === true,
}));
// Klaro's example config: services with purposes, cloudflare required.
const klaroCategories: PlatformCategory[] = (sample('klaro/klaro_dist_config_services.json').services as Array<{ name: string; purposes: string[]; required?: boolean }>).map((s) => ({
  id: s.name,
  purposes: s.purposes,
  required: s.required === true,
}));
// tarteaucitron: the services a site would add to its job (gtag, hotjar, youtube, facebook pixel).
const tacServices = sample('tarteaucitron/tarteaucitron_services_cookies.json').services as Array<{ key: string; type: string }>;
const tacCategories: PlatformCategory[] = ['gtag', 'hotjar', 'youtube', 'facebookpixel']
  .map((key) => tacServices.find((s) => s.key === key)!)
  .map((s) => ({ id: s.key, purposes: [s.type], required: false }));

const readout = (over: Partial<RecordReadout> & Pick<RecordReadout, 'platform' | 'categories' | 'cookieName'>): RecordReadout => ({
  cookie: null,
  api: null,
  tcf: null,
  ...over,
});

describe('what to answer', () => {
  it('vanilla-cookieconsent: essential only accepts the read-only category alone', () => {
    expect(answerFor('vanilla-cookieconsent', vanillaCategories, 'essential-only')).toEqual({ accept: ['necessary'], refuse: ['analytics', 'ads'] });
    expect(answerFor('vanilla-cookieconsent', vanillaCategories, 'essential-functional').accept).toEqual(['necessary']);
    expect(answerFor('vanilla-cookieconsent', vanillaCategories, 'allow-all').accept).toEqual(['necessary', 'analytics', 'ads']);
  });

  it('Klaro: services by their purposes; required kept, "security" that can be refused is not essential', () => {
    const essential = answerFor('klaro', klaroCategories, 'essential-only');
    expect(essential.accept).toEqual(['cloudflare']);
    const functional = answerFor('klaro', klaroCategories, 'essential-functional');
    // livechat (intercom) and security (camera) are features; marketing and analytics stay refused.
    expect(functional.accept.sort()).toEqual(['camera', 'cloudflare', 'intercom']);
    expect(functional.refuse).toContain('externalTracker'); // analytics + security: the most intrusive counts
    expect(answerFor('klaro', klaroCategories, 'allow-all').refuse).toEqual([]);
  });

  it('tarteaucitron: by service type', () => {
    expect(tacCategories.map((c) => purposeOf('tarteaucitron', c))).toEqual(['analytics', 'analytics', 'functional', 'advertising']);
    expect(answerFor('tarteaucitron', tacCategories, 'essential-only').accept).toEqual([]);
    expect(answerFor('tarteaucitron', tacCategories, 'essential-functional').accept).toEqual(['youtube']);
  });

  it('Cookiebot and OneTrust: their fixed categories', () => {
    const cb = ['necessary', 'preferences', 'statistics', 'marketing'].map((id) => ({ id, purposes: [], required: id === 'necessary' }));
    expect(answerFor('cookiebot', cb, 'essential-functional')).toEqual({ accept: ['necessary', 'preferences'], refuse: ['statistics', 'marketing'] });
    const ot = ['C0001', 'C0002', 'C0003', 'C0004', 'C0005'].map((id) => ({ id, purposes: [], required: id === 'C0001' }));
    expect(answerFor('onetrust', ot, 'essential-only')).toEqual({ accept: ['C0001'], refuse: ['C0002', 'C0003', 'C0004', 'C0005'] });
    // A tenant's own group id is placed by its name.
    expect(purposeOf('onetrust', { id: 'SPD_BG', purposes: ['Targeting Cookies'], required: false })).toBe('advertising');
  });

  it('OneTrust: metabomb’s real groups (ids 1–7) placed by their names', () => {
    const groups = sample('onetrust/metabomb_variantA_domaindata_en.json').DomainData.Groups as Array<{ CustomGroupId: string; GroupName: string; Status: string }>;
    const categories = groups.map((g) => ({ id: g.CustomGroupId, purposes: [g.GroupName], required: /always active/i.test(g.Status) }));
    expect(categories.map((c) => purposeOf('onetrust', c))).toEqual(['essential', 'analytics', 'functional', 'advertising', 'advertising', 'unknown', 'analytics']);
    expect(answerFor('onetrust', categories, 'essential-only').accept).toEqual(['1']);
    expect(answerFor('onetrust', categories, 'essential-functional').accept).toEqual(['1', '3']);
  });

  it('an unknown category is refused unless the person allows all', () => {
    const odd = [{ id: 'misc', purposes: [], required: false }];
    expect(answerFor('vanilla-cookieconsent', odd, 'essential-functional').accept).toEqual([]);
    expect(answerFor('vanilla-cookieconsent', odd, 'allow-all').accept).toEqual(['misc']);
  });
});

describe('reading records', () => {
  // As vanilla-cookieconsent 3.1.0 writes it (encodeURIComponent of its JSON).
  const ccRefused = encodeURIComponent(
    JSON.stringify({ categories: ['necessary'], revision: 0, data: null, consentTimestamp: '2026-12-01T18:00:00.000Z', consentId: 'f3c0a6a1-6e1b-4d8e-9a1a-3f0f7c3b2d11', services: { necessary: [], analytics: [], ads: [] }, languageCode: 'en', lastConsentTimestamp: '2026-12-01T18:00:00.000Z', expirationTime: 1780000000000 }),
  );

  it('vanilla-cookieconsent cc_cookie: essential only recorded', () => {
    const v = verifyRecord(readout({ platform: 'vanilla-cookieconsent', categories: vanillaCategories, cookieName: 'cc_cookie', cookie: ccRefused }), 'essential-only');
    expect(v).toMatchObject({ status: 'recorded', recordedAs: 'essential-only', source: 'cookie', refusedButGranted: [] });
    expect(v.refusedPurposes.sort()).toEqual(['advertising', 'analytics']);
  });

  it('a record that grants what the person refused is a breach, named', () => {
    const all = JSON.stringify({ categories: ['necessary', 'analytics', 'ads'], revision: 0 });
    const v = verifyRecord(readout({ platform: 'vanilla-cookieconsent', categories: vanillaCategories, cookieName: 'cc_cookie', cookie: all }), 'essential-only');
    expect(v.status).toBe('recorded-other');
    expect(v.recordedAs).toBe('allow-all');
    expect(v.refusedButGranted.map((g) => g.id)).toEqual(['analytics', 'ads']);
  });

  it('no record: not recorded (the API alone is used only when there is no cookie)', () => {
    expect(verifyRecord(readout({ platform: 'vanilla-cookieconsent', categories: vanillaCategories, cookieName: 'cc_cookie' }), 'essential-only').status).toBe('not-recorded');
    const api = verifyRecord(readout({ platform: 'vanilla-cookieconsent', categories: vanillaCategories, cookieName: 'cc_cookie', api: { necessary: true, analytics: false, ads: false } }), 'essential-only');
    expect(api).toMatchObject({ status: 'recorded', source: 'api' });
  });

  it('Klaro cookie', () => {
    const value = encodeURIComponent(JSON.stringify(Object.fromEntries(klaroCategories.map((c) => [c.id, c.required]))));
    const v = verifyRecord(readout({ platform: 'klaro', categories: klaroCategories, cookieName: 'klaro', cookie: value }), 'essential-only');
    expect(v).toMatchObject({ status: 'recorded', recordedAs: 'essential-only' });
    expect(parseRecordCookie('klaro', '{"matomo":true}', klaroCategories)).toEqual({ matomo: true });
  });

  it('tarteaucitron cookie, "wait" is no answer', () => {
    expect(parseRecordCookie('tarteaucitron', '!gtag=false!hotjar=false!youtube=wait', tacCategories)).toEqual({ gtag: false, hotjar: false });
    const v = verifyRecord(readout({ platform: 'tarteaucitron', categories: tacCategories, cookieName: 'tarteaucitron', cookie: '!gtag=true!hotjar=false' }), 'essential-only');
    expect(v.status).toBe('recorded-other');
    expect(v.refusedButGranted).toEqual([{ id: 'gtag', purpose: 'analytics' }]);
  });

  it('Cookiebot CookieConsent, and -1 (outside the region) is no record', () => {
    const value = encodeURIComponent("{stamp:'wYr1pIXrCVfCt8x0lCt5bNQRkR0hSS3Iu1I0vVqfD0W4cX0kDsW6wQ==',necessary:true,preferences:false,statistics:false,marketing:false,method:'explicit',ver:1,utc:1764612000000,region:'de'}");
    expect(parseRecordCookie('cookiebot', value, [])).toEqual({ necessary: true, preferences: false, statistics: false, marketing: false });
    expect(parseRecordCookie('cookiebot', '-1', [])).toBeNull();
  });

  it('OneTrust OptanonConsent groups', () => {
    const value = 'isGpcEnabled=1&datestamp=Tue+Dec+01+2026+18%3A00%3A00+GMT%2B0000&version=202409.1.0&isIABGlobal=false&hosts=&consentId=1b2c&interactionCount=1&landingPath=NotLandingPage&groups=C0001%3A1%2CC0002%3A0%2CC0003%3A0%2CC0004%3A0%2CC0005%3A0&AwaitingReconsent=false';
    const v = verifyRecord(readout({ platform: 'onetrust', categories: [], cookieName: 'OptanonConsent', cookie: value }), 'essential-only');
    expect(v).toMatchObject({ status: 'recorded', recordedAs: 'essential-only' });
    expect(v.refusedPurposes.sort()).toEqual(['advertising', 'analytics', 'functional']);
  });

  it('TCF purpose consents count: one purpose consented is a breach of essential only', () => {
    const value = 'groups=C0001%3A1%2CC0002%3A0';
    const v = verifyRecord(readout({ platform: 'onetrust', categories: [], cookieName: 'OptanonConsent', cookie: value, tcf: { '1': false, '7': true } }), 'essential-only');
    expect(v.status).toBe('recorded-other');
    expect(v.refusedButGranted).toEqual([{ id: 'tcf:7', purpose: 'advertising' }]);
  });

  it('hostile values never throw', () => {
    for (const junk of ['%E0%A4%A', '{', '!!!', 'x'.repeat(20_000), 'groups=', '[]']) {
      for (const p of ['vanilla-cookieconsent', 'klaro', 'tarteaucitron', 'cookiebot', 'onetrust'] as const) {
        expect(() => parseRecordCookie(p, junk, [])).not.toThrow();
      }
    }
  });
});

describe('after the refusal is recorded', () => {
  const verdict = verifyRecord(readout({ platform: 'vanilla-cookieconsent', categories: vanillaCategories, cookieName: 'cc_cookie', cookie: '{"categories":["necessary"]}' }), 'essential-only');
  it('a refused purpose set afterwards is evidence; essential, record cookies and earlier cookies are not', () => {
    const book = new BannerBook();
    const T = Date.parse('2026-12-01T18:00:00Z');
    book.answered('shop.test', verdict, T);
    expect(book.noteSet('shop.test', { name: '_ga', domain: '.shop.test', purpose: 'analytics' }, T - 1_000)).toBe(false);
    expect(book.noteSet('shop.test', { name: 'sid', domain: 'shop.test', purpose: 'essential' }, T + 1)).toBe(false);
    expect(book.noteSet('shop.test', { name: 'cc_cookie', domain: 'shop.test', purpose: 'analytics' }, T + 1)).toBe(false);
    expect(book.noteSet('shop.test', { name: '_ga', domain: '.shop.test', purpose: 'analytics' }, T + 1)).toBe(true);
    expect(book.noteSet('shop.test', { name: '_ga', domain: '.shop.test', purpose: 'analytics' }, T + 2)).toBe(false);
    expect(book.isEvidence('shop.test', '_ga', '.shop.test')).toBe(true);
    // Checking the same record again keeps the time it was first recorded and the evidence.
    book.answered('shop.test', verdict, T + 5_000);
    expect(book.entryOf('shop.test')).toMatchObject({ recordedAt: new Date(T).toISOString(), afterRefusal: [{ name: '_ga' }] });
  });
});

describe('consent records are essential cookies', () => {
  const knowledge = loadKnowledge();
  const judge = new UndeclaredJudge(shippedModel(), knowledge);
  // The values the platforms write (the model reads value shapes: it called tarteaucitron's functional).
  const values: Record<string, string> = {
    cc_cookie: '%7B%22categories%22%3A%5B%22necessary%22%5D%2C%22revision%22%3A0%7D',
    klaro: '%7B%22matomo%22%3Afalse%2C%22cloudflare%22%3Atrue%7D',
    tarteaucitron: '!shopads=false!shopstats=false',
    CookieConsent: "{stamp:%27-1%27%2Cnecessary:true%2Cpreferences:false%2Cstatistics:false%2Cmarketing:false%2Cmethod:%27explicit%27%2Cver:1}",
    OptanonConsent: 'isGpcEnabled=1&groups=C0001%3A1%2CC0002%3A0',
    OptanonAlertBoxClosed: '2026-12-01T18:00:00.000Z',
    'euconsent-v2': 'CQIzQAAQIzQAAAHABBENBNFgAAAAAAAAAAAAAAAAAAAA',
  };
  for (const name of [...CONSENT_RECORD_COOKIES, 'cc_cookie_demo2']) {
    it(`${name} is never removed, with or without a policy, under essential only`, () => {
      for (const policy of ['none', 'found', 'pending'] as const) {
        const v = decide({
          name,
          domain: 'shop.test',
          policy,
          declaration: null,
          choice: 'essential-only',
          knowledge,
          judge,
          observed: { expirationDate: Date.now() / 1000 + 180 * 86_400, session: false, now: Date.now(), thirdParty: false },
          facts: { site: 'shop.test', path: '/', httpOnly: false, secure: false, sameSite: 'lax', hostOnly: true, expiry: 180 * 86_400, value: values[name] ?? values.cc_cookie },
        });
        expect(v.action, `${name} (${policy})`).toBe('keep');
        expect(v.purpose).toBe('essential');
      }
    });
  }
});
