import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { detectCmp, parseCmp } from './detect';
import { SHARED } from '../../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

// Every sample, the kind it must be told as, and how many cookies its parser finds.
const CASES: Array<[string, string, number]> = [
  ['cookiebot/purplemath_cc.js.data-lines.txt', 'cookiebot', 36],
  ['cookiebot/gamefly_cc.js.data-lines.txt', 'cookiebot', 17],
  ['onetrust/metabomb_variantA_domaindata_en.json', 'onetrust', 82],
  ['onetrust/aveda_variantB_inline_groups.json', 'onetrust', 115],
  ['onetrust/metabomb_ruleset.json', 'onetrust', 0],
  ['klaro/klaro_dist_config_services.json', 'klaro', 5],
  ['vanilla-cookieconsent/demo_gtm_config_extract.json', 'vanilla-cookieconsent', 4],
  ['tarteaucitron/tarteaucitron_services_cookies.json', 'tarteaucitron', 448],
  ['laravel-cookie-guard/crowdsourcing_platform_cookies_consent.json', 'laravel-cookie-guard', 16],
];

describe('detectCmp / parseCmp on the samples', () => {
  it.each(CASES)('%s is %s with %i cookies', (file, kind, count) => {
    const text = sample(file);
    expect(detectCmp(text)).toBe(kind);
    const d = parseCmp(text, `https://example.com/${file}`);
    expect(d?.sources[0]?.kind).toBe(kind);
    expect(d?.cookies).toHaveLength(count);
  });

  it('tells content, not file names: the same Klaro config under any name', () => {
    expect(detectCmp(sample('klaro/klaro_dist_config_services.json'))).toBe('klaro');
  });

  it.each([
    ['our derived Cookiebot tables (not a platform format)', 'cookiebot/purplemath_cc.tables.json'],
    ['the IAB GVL sample', 'iab-tcf/gvl_v3_sample.json'],
    ['the samples README', 'README.md'],
  ])('recognises nothing in %s', (_, file) => {
    const text = sample(file);
    expect(detectCmp(text)).toBeNull();
    expect(parseCmp(text, 'u')).toBeNull();
  });
});

describe('detectCmp / parseCmp on hostile input', () => {
  it.each([
    ['empty', ''],
    ['HTML', '<!doctype html><html><body>cookies</body></html>'],
    ['a JSON array', '[{"services": []}]'],
    ['JSON null', 'null'],
    ['an unrelated object', '{"services": [{"name": "x"}]}'],
    ['deeply nested JSON', '{"a":' + '['.repeat(50_000) + ']'.repeat(50_000) + '}'],
  ])('returns null for %s', (_, text) => {
    expect(parseCmp(text, 'u')).toBeNull();
  });

  it('returns null for non-string input', () => {
    expect(parseCmp(undefined as unknown as string, 'u')).toBeNull();
  });

  it('never throws on any prefix of a sample', () => {
    for (const [file] of CASES) {
      const text = sample(file);
      for (let cut = 0; cut < text.length; cut += Math.max(1, Math.floor(text.length / 97))) {
        const d = parseCmp(text.slice(0, cut), 'u');
        if (d) expect(d.cookies.length).toBeLessThanOrEqual(5000);
      }
    }
  });

  it('never throws on sample text with random damage', () => {
    const texts = CASES.map(([file]) => sample(file));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: texts.length - 1 }),
        fc.nat(),
        fc.string({ maxLength: 20 }),
        (which, at, junk) => {
          const text = texts[which]!;
          const i = at % (text.length + 1);
          parseCmp(text.slice(0, i) + junk + text.slice(i + junk.length), 'u');
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary JSON shaped like a config', () => {
    const shaped = fc.record({
      services: fc.array(fc.record({ purposes: fc.anything(), cookies: fc.anything(), needConsent: fc.anything() }), { maxLength: 3 }),
      Groups: fc.array(fc.record({ OptanonGroupId: fc.anything(), Parent: fc.anything(), Cookies: fc.anything() }), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(shaped, (v) => {
        parseCmp(JSON.stringify(v) ?? '', 'u');
      }),
      { numRuns: 300 },
    );
  });

  it('reads only the first 5 MB', () => {
    const head = sample('cookiebot/gamefly_cc.js.data-lines.txt');
    const d = parseCmp(head + '\n//' + 'x'.repeat(6 * 1024 * 1024), 'u');
    expect(d?.cookies).toHaveLength(17);
    expect(d?.warnings).toContain('cookiebot: input longer than 5242880 characters; read the first 5242880');
  });
});
