import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256Hex } from './digest';
import { documentSha256, MAX_DOCUMENT_CHARS } from './read';

const reference = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('sha256Hex (Web Crypto)', () => {
  it('matches the FIPS 180-2 vectors', async () => {
    expect(await sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes the UTF-8 bytes (accents, Welsh, emoji)', async () => {
    const text = 'Durée: 13 mois · flwyddyn ŵ · 🍪';
    expect(await sha256Hex(text)).toBe(reference(text));
  });

  it('matches node:crypto on arbitrary strings', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 300 }), async (s) => (await sha256Hex(s)) === reference(s)));
  });

  it('a document is hashed as the reader reads it: cut at the reader limit', async () => {
    const long = 'a'.repeat(MAX_DOCUMENT_CHARS + 10);
    expect(await documentSha256(long)).toBe(reference(long.slice(0, MAX_DOCUMENT_CHARS)));
  });
});
