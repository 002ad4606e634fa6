import { describe, expect, it } from 'vitest';
import { cookieNameOf, filterCookieHeader, filterSetCookie, parseSetCookie, splitSetCookie } from './set-cookie';

const NOW = Date.parse('2026-12-01T12:00:00Z');

describe('Set-Cookie lines', () => {
  it("splits Firefox's newline-joined header", () => {
    const v = 'sid=abc; Path=/; HttpOnly\n_gcl_au=1.1.2; Domain=.shop.test; Path=/; Max-Age=7776000\n';
    expect(splitSetCookie(v)).toEqual(['sid=abc; Path=/; HttpOnly', '_gcl_au=1.1.2; Domain=.shop.test; Path=/; Max-Age=7776000']);
  });

  it('reads the name, Domain, Path, Secure, Partitioned and deletion', () => {
    expect(parseSetCookie('_gcl_au=1.1.2; Domain=.Shop.test; Path=/; Max-Age=7776000', NOW)).toEqual({
      name: '_gcl_au', domain: 'shop.test', path: '/', secure: false, partitioned: false, deletes: false,
    });
    expect(parseSetCookie('IDE=x; Secure; SameSite=None; Partitioned', NOW)).toMatchObject({ secure: true, partitioned: true, domain: null });
    expect(parseSetCookie('_ga=; max-age=0; path=/', NOW).deletes).toBe(true);
    expect(parseSetCookie('_ga=; expires=Thu, 01 Jan 1970 00:00:00 GMT', NOW).deletes).toBe(true);
    // Max-Age wins over Expires.
    expect(parseSetCookie('_ga=1; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60', NOW).deletes).toBe(false);
  });

  it('names as RFC 6265 reads them', () => {
    expect(cookieNameOf(' _ga = GA1.1 ; path=/')).toBe('_ga');
    expect(cookieNameOf('novalue')).toBe('');
    expect(cookieNameOf('a=b=c')).toBe('a');
  });

  it('drops refused lines and keeps the others in order', () => {
    const v = 'sid=abc; Path=/; HttpOnly\n_gcl_au=1.1.2; Path=/\ncsrf=z';
    const out = filterSetCookie(v, (line) => cookieNameOf(line) !== '_gcl_au');
    expect(out).toEqual({ value: 'sid=abc; Path=/; HttpOnly\ncsrf=z', dropped: ['_gcl_au=1.1.2; Path=/'] });
    expect(filterSetCookie(v, () => true)).toBeNull();
  });
});

describe('Cookie request header', () => {
  it('strips refused names and keeps the rest', () => {
    expect(filterCookieHeader('sid=abc; _ga=GA1.1; _fbp=fb.1; csrf=z', (n) => n === '_ga' || n === '_fbp')).toBe('sid=abc; csrf=z');
    expect(filterCookieHeader('sid=abc', () => false)).toBeNull();
    expect(filterCookieHeader('_ga=1', () => true)).toBe('');
  });
});
