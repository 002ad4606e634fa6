import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVanillaCookieConsent } from './vanilla-cookieconsent';
import { SHARED } from '../../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

describe('parseVanillaCookieConsent: v3 demo config', () => {
  const d = parseVanillaCookieConsent(sample('vanilla-cookieconsent/demo_gtm_config_extract.json'), 'https://example.com/');

  it('reads the cookie table and the autoClear cookies', () => {
    expect(d.cookies.map((c) => [c.name, c.match, c.pattern, c.domain])).toEqual([
      ['_ga', 'exact', '_ga', 'yourdomain.com'],
      ['_gid', 'exact', '_gid', 'yourdomain.com'],
      ['^(_ga|_gid)', 'prefix', '_ga', null],
      ['^(_ga|_gid)', 'prefix', '_gid', null],
    ]);
    expect(d.warnings).toEqual([]);
    expect(d.sources[0]!.kind).toBe('vanilla-cookieconsent');
  });

  it('takes the category from the linked section title', () => {
    for (const c of d.cookies) {
      expect(c).toMatchObject({ purposeAsWritten: 'Performance and analytics cookies', purpose: 'analytics' });
    }
  });
});

describe('parseVanillaCookieConsent: other shapes', () => {
  it('reads a v3 table by its header labels, whatever the keys, and drops HTML from cells', () => {
    const config = {
      categories: { necessary: { readOnly: true }, marketing: {} },
      language: {
        default: 'fr',
        translations: {
          fr: {
            preferencesModal: {
              sections: [
                {
                  title: 'Cookies nécessaires',
                  linkedCategory: 'necessary',
                  cookieTable: {
                    headers: { a: 'Nom', b: 'Durée', c: 'Domaine' },
                    body: [{ a: '<code>cc_cookie</code>', b: '6 mois', c: 'example.fr' }],
                  },
                },
                {
                  title: 'Publicité',
                  linkedCategory: 'marketing',
                  cookieTable: { body: [{ name: '_fbp', expiration: '3 mois' }] },
                },
              ],
            },
          },
        },
      },
    };
    const d = parseVanillaCookieConsent(JSON.stringify(config), 'u');
    expect(d.cookies.map((c) => [c.name, c.purposeAsWritten, c.purpose, c.durationSeconds, c.domain])).toEqual([
      ['cc_cookie', 'Cookies nécessaires', 'essential', 180 * 86400, 'example.fr'],
      ['_fbp', 'Publicité', 'advertising', 90 * 86400, null],
    ]);
  });

  // Shapes from orestbida/cookieconsent v2 (demo/demo_gtm/cookieconsent-init.js at an earlier commit).
  it('reads a v2 settings_modal with cookie_table and is_regex', () => {
    const config = {
      current_lang: 'en',
      languages: {
        en: {
          settings_modal: {
            cookie_table_headers: [{ col1: 'Name' }, { col2: 'Domain' }, { col3: 'Expiration' }],
            blocks: [
              { title: 'Cookie usage', description: '...' },
              {
                title: 'Strictly necessary cookies',
                toggle: { value: 'necessary', enabled: true, readonly: true },
              },
              {
                title: 'Analytics & Performance cookies',
                toggle: { value: 'analytics', enabled: false, readonly: false },
                cookie_table: [
                  { col1: '^_ga', col2: 'yourdomain.com', col3: '2 years', is_regex: true },
                  { col1: '_gid', col2: 'yourdomain.com', col3: '1 day' },
                ],
              },
              {
                title: 'Targeting & Advertising cookies',
                toggle: { value: 'targeting', enabled: false, readonly: false },
                cookie_table: [{ col1: '^_cl', col2: 'yourdomain.com', col3: 'session', is_regex: true }],
              },
            ],
          },
        },
      },
    };
    const d = parseVanillaCookieConsent(JSON.stringify(config), 'u');
    expect(d.cookies.map((c) => [c.name, c.match, c.pattern, c.purpose, c.durationSeconds])).toEqual([
      ['^_ga', 'prefix', '_ga', 'analytics', 2 * 365 * 86400],
      ['_gid', 'exact', '_gid', 'analytics', 86400],
      ['^_cl', 'prefix', '_cl', 'advertising', 0],
    ]);
  });

  it.each([
    ['not JSON', 'CookieConsent.run({})'],
    ['no tables', '{"categories": {"necessary": {}}, "language": {"translations": {"en": "/lang/en.json"}}}'],
    ['rows that are not rows', '{"categories": {"a": {"autoClear": {"cookies": [null, 1, {"name": {}}]}}}, "language.translations.en.preferencesModal.sections": [null, {"cookieTable": {"body": [null, 1]}}]}'],
  ])('never throws on %s, and warns', (_, text) => {
    const d = parseVanillaCookieConsent(text, 'u');
    expect(d.cookies).toEqual([]);
    expect(d.warnings.length).toBeGreaterThan(0);
  });
});
