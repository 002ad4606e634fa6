import { describe, expect, it } from 'vitest';
import { CLASSES, DENSE, dynamicFeatures, F, FeatureVector, FIRST_DYNAMIC, hash32, nameShape, nameTokens, siteKeyOf, staticFeatures } from './features';
import { loadKnowledge } from '../../scripts/knowledge-node';

const kb = loadKnowledge();

function asMap(x: FeatureVector): Map<number, number> {
  const m = new Map<number, number>();
  for (let j = 0; j < x.n; j++) m.set(x.idx[j]!, (m.get(x.idx[j]!) ?? 0) + x.val[j]!);
  return m;
}

function dyn(over: Partial<Parameters<typeof dynamicFeatures>[0]> = {}): Map<number, number> {
  const x = new FeatureVector();
  dynamicFeatures({ path: '/', expiry: 0, httpOnly: false, secure: false, sameSite: 'lax', hostOnly: true, ...over }, x);
  return asMap(x);
}

describe('name tokens and shape', () => {
  it('splits on punctuation, camelCase and digits; digit runs become 0, long hex runs #', () => {
    expect(nameTokens('_hjSessionUser_12345')).toEqual(['hj', 'session', 'user', '0']);
    expect(nameTokens('ASP.NET_SessionId')).toEqual(['asp', 'net', 'session', 'id']);
    expect(nameTokens('intercom-id-uy01tzdq')).toEqual(['intercom', 'id', 'uy', '0', 'tzdq']);
    expect(nameTokens('_pk_id.1.a1b2c3d4e5f6')).toEqual(['pk', 'id', '0', '#']);
    expect(nameTokens('')).toEqual([]);
  });

  it('blanks the variable part of a name', () => {
    expect(nameShape('_ga_Q2W3E4R5T6')).toBe('_ga_#');
    expect(nameShape('_gat_UA-12345-1')).toBe('_gat_ua-0-0');
    expect(nameShape('stc115292')).toBe('#');
    expect(nameShape('PHPSESSID')).toBe('phpsessid');
  });

  it('hashes stably (the model file depends on it)', () => {
    expect(hash32('')).toBe(0x811c9dc5);
    expect(hash32('w:session')).toBe(hash32('w:session'));
    expect(hash32('a')).toBe(0xe40c292c);
  });

  it('reads the site from a URL or a host', () => {
    expect(siteKeyOf('https://www.example.co.uk/path')).toBe('example.co.uk');
    expect(siteKeyOf('http://epfister.pfisterfaucets.com/')).toBe('pfisterfaucets.com');
    expect(siteKeyOf('shop.example.com')).toBe('example.com');
  });
});

describe('static features', () => {
  it('tells first from third party and carries what the knowledge base says, as features', () => {
    const x = new FeatureVector();
    staticFeatures('IDE', '.doubleclick.net', 'https://www.example.com/', kb, null, 4096, x);
    const m = asMap(x);
    expect(m.get(F.thirdParty)).toBe(1);
    expect(m.get(F.domainKnown)).toBe(1);
    expect(m.get(F.ocd + CLASSES.indexOf('advertising'))).toBe(1);
    for (const i of m.keys()) expect(i < FIRST_DYNAMIC || i >= DENSE).toBe(true);

    staticFeatures('_ga', '.example.com', 'https://www.example.com/', kb, null, 4096, x);
    const ga = asMap(x);
    expect(ga.has(F.thirdParty)).toBe(false);
    expect(ga.get(F.ocd + CLASSES.indexOf('analytics'))).toBe(1);
    expect(ga.get(F.rules + CLASSES.indexOf('analytics'))).toBe(1);
  });

  it('leaves out the knowledge-base verdicts when asked (the knowledge base names used as examples)', () => {
    const x = new FeatureVector();
    staticFeatures('_ga', '.example.com', 'example.com', kb, null, 4096, x, { knowledgeVerdicts: false });
    const m = asMap(x);
    for (let k = 0; k < 4; k++) {
      expect(m.has(F.ocd + k)).toBe(false);
      expect(m.has(F.rules + k)).toBe(false);
    }
  });

  it('matches CookieBlock name patterns and known cookies', () => {
    const x = new FeatureVector();
    staticFeatures('_gat_gtag_UA_12345_1', 'example.com', 'example.com', kb, null, 4096, x);
    expect(asMap(x).get(F.namePattern)).toBe(1);
    staticFeatures('CookieConsent', 'example.com', 'example.com', kb, null, 4096, x);
    expect(asMap(x).get(F.cookieBlock + 0)).toBe(1);
  });

  it('is deterministic and keeps hashed indices inside the space', () => {
    const a = new FeatureVector();
    const b = new FeatureVector();
    staticFeatures('_hjSessionUser_12345', '.shop.example.com', 'https://shop.example.com/', kb, null, 1024, a);
    staticFeatures('_hjSessionUser_12345', '.shop.example.com', 'https://shop.example.com/', kb, null, 1024, b);
    expect([...a.idx.slice(0, a.n)]).toEqual([...b.idx.slice(0, b.n)]);
    expect([...a.val.slice(0, a.n)]).toEqual([...b.val.slice(0, b.n)]);
    for (let j = 0; j < a.n; j++) expect(a.idx[j]!).toBeLessThan(DENSE + 1024);
  });
});

describe('dynamic features', () => {
  it('reads lifetime and attributes', () => {
    expect(dyn().get(F.session)).toBe(1);
    const year = dyn({ expiry: 365 * 86400, httpOnly: true, secure: true, sameSite: 'no_restriction', hostOnly: false });
    expect(year.has(F.session)).toBe(false);
    expect(year.get(F.lifetimeBin + 5)).toBe(1); // < 400 days
    expect(year.get(F.httpOnly)).toBe(1);
    expect(year.get(F.secure)).toBe(1);
    expect(year.get(F.sameSite + 0)).toBe(1);
    expect(year.has(F.hostOnly)).toBe(false);
  });

  it("reads the value's shape, never its text", () => {
    expect(dyn({ value: '1612345678' }).get(F.valueTimestamp)).toBe(1);
    expect(dyn({ value: '1612345678901' }).get(F.valueTimestamp)).toBe(1);
    expect(dyn({ value: '123e4567-e89b-12d3-a456-426614174000' }).get(F.valueUuid)).toBe(1);
    expect(dyn({ value: '{"a":1,"b":[2]}' }).get(F.valueJson)).toBe(1);
    expect(dyn({ value: '%7B%22a%22%3A1%7D' }).get(F.valueJson)).toBe(1);
    expect(dyn({ value: 'https%3A%2F%2Fexample.com%2F' }).get(F.valueUrl)).toBe(1);
    expect(dyn({ value: 'GA1.2.1234567890.1612345678' }).get(F.valueGaLike)).toBe(1);
    expect(dyn({ value: 'true' }).get(F.valueBoolean)).toBe(1);
    expect(dyn({ value: 'en-GB' }).get(F.valueLang)).toBe(1);
    expect(dyn({ value: 'a3f5c9e1b2d4f6a8c0e2' }).get(F.valueHex)).toBe(1);
    expect(dyn({ value: 'dGhpcyBpcyBhIHRlc3QgdmFsdWU9PQ==' }).get(F.valueBase64)).toBe(1);
    expect(dyn({ value: '' }).get(F.valueEmpty)).toBe(1);
    const low = dyn({ value: 'aaaaaaaa' }).get(F.valueEntropy) ?? 0;
    const high = dyn({ value: 'q8Zr2LmX0vB7nK4w' }).get(F.valueEntropy) ?? 0;
    expect(high).toBeGreaterThan(low);
    expect(dyn({ value: 'x'.repeat(1 << 20) }).get(F.valueLength)).toBeLessThanOrEqual(1);
  });
});
