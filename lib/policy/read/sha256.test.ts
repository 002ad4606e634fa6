import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Hex } from './sha256';

const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it.each([55, 56, 63, 64, 65, 119, 120, 1000])('matches node:crypto at block edges (%i bytes)', (n) => {
    const text = 'a'.repeat(n);
    expect(sha256Hex(text)).toBe(reference(text));
  });

  it('hashes the UTF-8 bytes (accents, Welsh, emoji)', () => {
    const text = 'Durée: 13 mois · flwyddyn ŵ · 🍪';
    expect(sha256Hex(text)).toBe(reference(text));
  });

  it('matches node:crypto on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => sha256Hex(s) === reference(s)));
  });
});
