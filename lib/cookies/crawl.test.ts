import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CookieFileError, readCookieFile } from './crawl';
import { SHARED } from '../../tests/support/corpus';

describe('readCookieFile', () => {
  it("reads CookieBlock's crawl format, every update, and the labels", () => {
    const cookies = readCookieFile(readFileSync(path.join(SHARED, 'data/cookieblock/example_crawl_part_a.json'), 'utf8'));
    expect(cookies).toHaveLength(1090);
    const consent = cookies.find((c) => c.key === 'OptanonConsent;.epfister.pfisterfaucets.com;/;http://epfister.pfisterfaucets.com/')!;
    expect(consent).toMatchObject({ name: 'OptanonConsent', domain: '.epfister.pfisterfaucets.com', path: '/', site: 'http://epfister.pfisterfaucets.com/', label: 'essential' });
    expect(consent.updates.length).toBeGreaterThan(1);
    expect(consent.updates[0]).toMatchObject({ expiry: 31535999, httpOnly: false, hostOnly: false, secure: false, sameSite: 'lax' });
    const counts = new Map<string, number>();
    for (const c of cookies) counts.set(c.label!, (counts.get(c.label!) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual({ essential: 337, functional: 86, analytics: 332, advertising: 335 });
  });

  it('reads an array of cookies; entries with one key become updates of one cookie', () => {
    const cookies = readCookieFile(
      JSON.stringify([
        { name: '_ga', domain: '.example.com', path: '/', site: 'example.com', value: 'GA1.2.1.2', expiry: 63072000, httpOnly: false, secure: false, sameSite: 'lax', hostOnly: false },
        { name: '_ga', domain: '.example.com', path: '/', site: 'example.com', expiry: 63072000 },
        { name: 'sid', domain: 'example.com', site: 'example.com', expiry: 0, httpOnly: true },
      ]),
    );
    expect(cookies.map((c) => c.key)).toEqual(['_ga;.example.com;/;example.com', 'sid;example.com;/;example.com']);
    expect(cookies[0]!.updates).toHaveLength(2);
    expect(cookies[1]!.updates[0]).toMatchObject({ expiry: 0, httpOnly: true, secure: false, sameSite: 'unspecified' });
    expect(cookies[0]!.label).toBeUndefined();
  });

  it('refuses bad input with one reason', () => {
    const bad = (text: string) => {
      try {
        readCookieFile(text);
      } catch (err) {
        expect(err).toBeInstanceOf(CookieFileError);
        return (err as Error).message;
      }
      throw new Error('accepted');
    };
    expect(bad('{')).toMatch(/^not JSON/);
    expect(bad('42')).toMatch(/expected a JSON object/);
    expect(bad('[{"domain":"a.com","site":"a.com"}]')).toMatch(/needs a name/);
    expect(bad('[{"name":"a","domain":"a.com","site":"a.com","expiry":"soon"}]')).toMatch(/expiry must be a number/);
    expect(bad('{"a;b;/;c":{"name":"a","domain":"b","first_party_domain":"c","variable_data":[]}}')).toMatch(/variable_data/);
  });
});
