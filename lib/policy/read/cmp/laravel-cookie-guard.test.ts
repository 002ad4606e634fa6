import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Declaration } from '../../../types';
import { parseLaravelCookieGuard } from './laravel-cookie-guard';
import { SHARED } from '../../../../tests/support/corpus';

const SAMPLES = path.join(SHARED, 'data/cmp-samples');
const sample = (file: string) => readFileSync(path.join(SAMPLES, file), 'utf8');

const DAY = 86400;
const find = (d: Declaration, name: string) => d.cookies.find((c) => c.name === name);

describe('parseLaravelCookieGuard: Crowdsourcing Platform config', () => {
  const d = parseLaravelCookieGuard(sample('laravel-cookie-guard/crowdsourcing_platform_cookies_consent.json'), 'https://example.org/');

  it('reads both categories', () => {
    expect(d.cookies).toHaveLength(16);
    expect(d.cookies.filter((c) => c.purpose === 'essential')).toHaveLength(3);
    expect(d.cookies.filter((c) => c.purpose === 'advertising')).toHaveLength(13);
    expect(d.warnings).toEqual([]);
    expect(d.sources[0]!.kind).toBe('laravel-cookie-guard');
  });

  it('builds durations from the unit key and count', () => {
    expect(find(d, 'crowdsourcing_app_cookies_consent')).toMatchObject({
      purposeAsWritten: 'strictly_necessary',
      purpose: 'essential',
      durationAsWritten: '1 year',
      durationSeconds: 365 * DAY,
    });
    expect(find(d, 'XSRF-TOKEN')).toMatchObject({ durationAsWritten: '2 hours', durationSeconds: 7200 });
    expect(find(d, '_gat')).toMatchObject({ durationAsWritten: '1 minute', durationSeconds: 60 });
    expect(find(d, 'lidc')).toMatchObject({ durationAsWritten: '1 day', durationSeconds: DAY });
    expect(find(d, '_fbp')).toMatchObject({ durationAsWritten: '3 months', durationSeconds: 90 * DAY });
  });

  it('keeps the site’s category even where it is noisy (_ga under targeting)', () => {
    expect(find(d, '_ga')).toMatchObject({ purposeAsWritten: 'targeting', purpose: 'advertising', durationSeconds: 730 * DAY });
  });
});

describe('parseLaravelCookieGuard: bad input', () => {
  it('reads unknown categories as unknown', () => {
    const d = parseLaravelCookieGuard('{"cookies": {"misc": [{"name": "a", "duration": "x::messages.days"}]}}', 'u');
    expect(d.cookies[0]).toMatchObject({ purpose: 'unknown', durationAsWritten: 'days', durationSeconds: null });
  });

  it.each([
    ['not JSON', "<?php return ['cookies' => []];"],
    ['no cookies object', '{"cookies": []}'],
    ['items that are not items', '{"cookies": {"targeting": [null, 1, {"name": ""}, {"duration_count": 2}]}}'],
  ])('never throws on %s', (_, text) => {
    const d = parseLaravelCookieGuard(text, 'u');
    expect(d.cookies).toEqual([]);
    expect(d.warnings.length).toBeGreaterThan(0);
  });
});
