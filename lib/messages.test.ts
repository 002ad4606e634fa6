import { describe, expect, it } from 'vitest';
import { parseRequest, senderMay } from './messages';

describe('issue 11 messages', () => {
  it('parse and bound exceptions, the unknown setting and the guard messages', () => {
    expect(parseRequest({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: 'allow' })).toEqual({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: 'allow' });
    expect(parseRequest({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: null })).not.toBeNull();
    expect(parseRequest({ type: 'set-cookie-exception', site: 'shop.test', name: 'a b', rule: 'allow' })).toBeNull();
    expect(parseRequest({ type: 'set-cookie-exception', site: '', name: '_ga', rule: 'allow' })).toBeNull();
    expect(parseRequest({ type: 'set-cookie-exception', site: 'shop.test', name: '_ga', rule: 'sometimes' })).toBeNull();
    expect(parseRequest({ type: 'set-unknown-cookies', value: 'remove' })).toEqual({ type: 'set-unknown-cookies', value: 'remove' });
    expect(parseRequest({ type: 'set-unknown-cookies', value: 'maybe' })).toBeNull();
    expect(parseRequest({ type: 'guard-data', url: 'https://shop.test/' })).toEqual({ type: 'guard-data', url: 'https://shop.test/' });
    expect(parseRequest({ type: 'guard-refused', names: ['_ga', '_ga', '_fbp'] })).toEqual({ type: 'guard-refused', names: ['_ga', '_fbp'] });
    expect(parseRequest({ type: 'guard-refused', names: Array(51).fill('_ga') })).toBeNull();
    expect(parseRequest({ type: 'guard-refused', names: ['x;y'] })).toBeNull();
  });

  it('content scripts may send the guard messages, never the settings ones', () => {
    const origin = 'chrome-extension://abc/';
    expect(senderMay('guard-data', 'https://shop.test/', origin)).toBe(true);
    expect(senderMay('guard-refused', 'https://shop.test/', origin)).toBe(true);
    expect(senderMay('set-cookie-exception', 'https://shop.test/', origin)).toBe(false);
    expect(senderMay('set-unknown-cookies', 'https://shop.test/', origin)).toBe(false);
    expect(senderMay('set-cookie-exception', 'chrome-extension://abc/options.html', origin)).toBe(true);
  });
});
