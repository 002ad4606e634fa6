import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { strippedDocumentUrl, strippedPageUrl } from './stored-url';

describe('stored URLs keep no tokens', () => {
  it.each([
    ['https://shop.example/account/reset?token=abc123&uid=9#step2', 'https://shop.example/account/reset'],
    ['https://user:pw@example.com/a/b?x=1', 'https://example.com/a/b'],
    ['https://example.com/#access_token=eyJhbGciOi', 'https://example.com/'],
    ['https://example.com', 'https://example.com/'],
    ['not a url?session=1', 'not a url'],
    ['chrome-extension://abc/popup.html?x=1', 'chrome-extension://abc/popup.html'],
  ])('page %s → %s', (url, stored) => {
    expect(strippedPageUrl(url)).toBe(stored);
  });

  it.each([
    ['https://blog.example/?page_id=3', 'https://blog.example/?page_id=3'],
    ['https://blog.example/?p=12&utm_source=x&sessionid=abcdef', 'https://blog.example/?p=12'],
    ['https://example.de/datenschutz?lang=de#cookies', 'https://example.de/datenschutz?lang=de#cookies'],
    ['https://example.com/privacy?token=eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'https://example.com/privacy'],
    ['https://example.com/privacy?id=a%2Fb%3Fc', 'https://example.com/privacy'],
    ['https://example.com/privacy?id=8f3Kd92LmQx', 'https://example.com/privacy'],
    ['https://example.fr/?page=politique-de-confidentialite&lang=fr-FR', 'https://example.fr/?page=politique-de-confidentialite&lang=fr-FR'],
    ['https://example.com/cookies#access_token=secret', 'https://example.com/cookies'],
    ['https://consent.cookiebot.com/0a1b/cc.js?referer=www.example.com', 'https://consent.cookiebot.com/0a1b/cc.js?referer=www.example.com'],
    ['https://example.com/#klaro', 'https://example.com/#klaro'],
  ])('policy document %s → %s', (url, stored) => {
    expect(strippedDocumentUrl(url)).toBe(stored);
  });

  it('property: a secret put in any query parameter or fragment of a page URL is never kept', () => {
    // A token: random letters and digits (at least one digit and one capital).
    const secret = fc.stringMatching(/^[A-Za-z0-9]{20,40}[0-9][A-Z]$/);
    const name = fc.constantFrom('token', 'session', 'sid', 'code', 'auth', 'key', 'p', 'page_id', 'lang');
    fc.assert(
      fc.property(secret, name, fc.boolean(), (s, n, inFragment) => {
        const url = inFragment ? `https://example.com/a/b?x=1#${n}=${s}` : `https://example.com/a/b?${n}=${s}&y=2`;
        return !strippedPageUrl(url).includes(s) && !strippedDocumentUrl(url).includes(s);
      }),
      { numRuns: 1_000 },
    );
  });
});
