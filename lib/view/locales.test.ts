/** The three locales the pages ship: the same keys, the same placeholders, no empty message. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../public/_locales');
const load = (lang: string) => JSON.parse(readFileSync(path.join(ROOT, lang, 'messages.json'), 'utf8')) as Record<string, { message: string }>;
const placeholders = (s: string) => [...s.matchAll(/\$(\d)/g)].map((m) => m[1]).sort().join(',');

describe('locales', () => {
  const en = load('en');
  for (const lang of ['de', 'fr']) {
    it(`${lang} has every English key with the same placeholders`, () => {
      const other = load(lang);
      expect(Object.keys(other).sort()).toEqual(Object.keys(en).sort());
      for (const [key, { message }] of Object.entries(en)) {
        expect(other[key]!.message.trim(), `${lang}.${key}`).not.toBe('');
        expect(placeholders(other[key]!.message), `${lang}.${key}`).toBe(placeholders(message));
      }
    });
  }
  it('keys are valid browser i18n names', () => {
    for (const key of Object.keys(en)) expect(key).toMatch(/^[A-Za-z0-9_]+$/);
  });
});
