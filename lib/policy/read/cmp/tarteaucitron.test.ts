import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../../types';
import { parseTarteaucitron } from './tarteaucitron';
import { SHARED } from '../../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

const find = (d: Declaration, name: string, provider: string) =>
  d.cookies.filter((c) => c.name === name && c.provider === provider);

describe('parseTarteaucitron: services extract', () => {
  const d = parseTarteaucitron(sample('tarteaucitron/tarteaucitron_services_cookies.json'), 'https://example.com/tarteaucitron.services.js');

  it('reads every service’s cookies, once per (name, service)', () => {
    // 476 names in 97 services; 28 repeat within a service or between the two Google Tag Manager services.
    expect(d.cookies).toHaveLength(448);
    const counts: Record<string, number> = {};
    for (const c of d.cookies) counts[c.purpose] = (counts[c.purpose] ?? 0) + 1;
    expect(counts).toEqual({ analytics: 182, functional: 132, advertising: 101, unknown: 33 });
    expect(d.warnings).toEqual([]);
  });

  it('maps service types to purposes', () => {
    expect(find(d, '_fbp', 'Facebook Pixel')[0]).toMatchObject({ purposeAsWritten: 'ads', purpose: 'advertising', match: 'exact' });
    expect(find(d, '_hjid', 'Hotjar')[0]).toMatchObject({ purposeAsWritten: 'analytic', purpose: 'analytics' });
    expect(find(d, 'YSC', 'YouTube')[0]).toMatchObject({ purposeAsWritten: 'video', purpose: 'functional' });
    expect(find(d, 'crisp-client', 'Crisp Chat')[0]).toMatchObject({ purposeAsWritten: 'other', purpose: 'unknown' });
    expect(find(d, '_pk_id', 'Matomo (privacy by design)')[0]).toMatchObject({ purpose: 'analytics', durationSeconds: null });
  });
});

describe('parseTarteaucitron: other shapes and bad input', () => {
  it('reads the services object keyed by service', () => {
    const text = JSON.stringify({ services: { gtag: { key: 'gtag', type: 'analytic', name: 'GA4', cookies: ['_ga', '_gid'] } } });
    expect(parseTarteaucitron(text, 'u').cookies.map((c) => [c.name, c.purpose, c.provider])).toEqual([
      ['_ga', 'analytics', 'GA4'],
      ['_gid', 'analytics', 'GA4'],
    ]);
  });

  it('does not take Object.prototype members for types', () => {
    const text = JSON.stringify({ services: [{ type: 'constructor', name: 'x', cookies: ['a'] }] });
    expect(parseTarteaucitron(text, 'u').cookies[0]!.purpose).toBe('unknown');
  });

  it.each([
    ['not JSON', 'tarteaucitron.services.x = {}'],
    ['no services', '{"services": []}'],
  ])('warns on %s', (_, text) => {
    const d = parseTarteaucitron(text, 'u');
    expect(d.cookies).toEqual([]);
    expect(d.warnings).toEqual(['tarteaucitron: no services']);
  });

  it('skips entries that are not names (a number is a name)', () => {
    const d = parseTarteaucitron('{"services": [null, 1, {"cookies": [null, 3, {}, ""]}]}', 'u');
    expect(d.cookies.map((c) => [c.name, c.purpose, c.provider])).toEqual([['3', 'unknown', null]]);
  });
});
