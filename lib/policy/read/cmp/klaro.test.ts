import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseKlaro } from './klaro';
import { SHARED } from '../../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

describe('parseKlaro: Klaro example config', () => {
  const d = parseKlaro(sample('klaro/klaro_dist_config_services.json'), 'https://klaro.kiprotect.com/config.js');

  it('reads the cookies of every service that names some', () => {
    expect(d.cookies.map((c) => [c.name, c.match, c.pattern, c.domain])).toEqual([
      ['^_pk_.*$', 'prefix', '_pk_', 'klaro.kiprotect.com'],
      ['^_pk_.*$', 'prefix', '_pk_', 'localhost'],
      ['piwik_ignore', 'exact', 'piwik_ignore', null],
      ['inline-tracker', 'exact', 'inline-tracker', null],
      ['external-tracker', 'exact', 'external-tracker', null],
    ]);
    expect(d.warnings).toEqual([]);
    expect(d.sources[0]!.kind).toBe('klaro');
  });

  it('uses the translated purpose titles and the service title as provider', () => {
    expect(d.cookies[0]).toMatchObject({ purposeAsWritten: 'Analytics', purpose: 'analytics', provider: 'Matomo/Piwik' });
    expect(d.cookies[0]!.durationSeconds).toBeNull();
  });

  it('gives a service with several purposes the most intrusive one', () => {
    expect(d.cookies[4]).toMatchObject({ purposeAsWritten: 'Analytics, Security', purpose: 'analytics' });
  });
});

describe('parseKlaro: other shapes and bad input', () => {
  it('reads the pre-0.7 `apps` key, nested translations and `required`', () => {
    const config = {
      apps: [
        { name: 'ads', purposes: ['werbung'], cookies: ['_fbp'] },
        { name: 'session', required: true, purposes: [], cookies: [['PHPSESSID', '/', 'example.com']] },
        { name: 'chat', purposes: ['livechat'], cookies: ['chat_id'] },
      ],
      translations: { de: { purposes: { werbung: { title: 'Werbung' } } } },
    };
    const d = parseKlaro(JSON.stringify(config), 'u');
    expect(d.cookies.map((c) => [c.name, c.purposeAsWritten, c.purpose, c.domain])).toEqual([
      ['_fbp', 'Werbung', 'advertising', null],
      ['PHPSESSID', null, 'essential', 'example.com'],
      ['chat_id', 'livechat', 'unknown', null],
    ]);
  });

  it('leaves out a regex that is not simple, with a warning', () => {
    const d = parseKlaro(JSON.stringify({ services: [{ name: 'x', purposes: ['analytics'], cookies: [{ regex: '^(a+)+$' }] }] }), 'u');
    expect(d.cookies).toEqual([]);
    expect(d.warnings).toEqual(['klaro: regex "^(a+)+$" is not simple and has no name; left out']);
  });

  it.each([
    ['not JSON', 'var klaroConfig = {services: []};'],
    ['no services', '{}'],
    ['services that are not services', '{"services": [null, 3, "x", {"cookies": "nope"}, {"cookies": [null, {}, [], [{"regex": 5}]]}]}'],
  ])('never throws on %s', (_, text) => {
    const d = parseKlaro(text, 'u');
    expect(d.cookies).toEqual([]);
  });
});
