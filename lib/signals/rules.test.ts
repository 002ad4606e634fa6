import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RESOURCE_TYPES, SIGNAL_RULESET_PATH, signalRules, withSignalHeaders } from './rules';

const ROOT = path.resolve(__dirname, '../..');

describe('the static ruleset', () => {
  it('public/rules/signals.json is exactly what signalRules() builds', () => {
    const file = JSON.parse(readFileSync(path.join(ROOT, 'public', SIGNAL_RULESET_PATH), 'utf8')) as unknown;
    expect(file).toEqual(signalRules());
  });

  it('the manifest declares that file as a ruleset enabled by default (Chromium)', () => {
    const config = readFileSync(path.join(ROOT, 'wxt.config.ts'), 'utf8');
    expect(config).toContain('SIGNAL_RULESET_PATH');
    expect(config).toMatch(/enabled:\s*true/);
  });

  it('sets both headers on every resource type, main frames included', () => {
    const [rule] = signalRules();
    expect(rule!.condition.resourceTypes).toEqual([...ALL_RESOURCE_TYPES]);
    expect(rule!.condition.resourceTypes).toContain('main_frame');
    expect(rule!.action.requestHeaders).toEqual([
      { header: 'DNT', operation: 'set', value: '1' },
      { header: 'Sec-GPC', operation: 'set', value: '1' },
    ]);
  });
});

describe('withSignalHeaders (Firefox)', () => {
  it('adds DNT and Sec-GPC', () => {
    expect(withSignalHeaders([{ name: 'Accept', value: '*/*' }])).toEqual([
      { name: 'Accept', value: '*/*' },
      { name: 'DNT', value: '1' },
      { name: 'Sec-GPC', value: '1' },
    ]);
  });

  it('replaces values already there in any letter case, never duplicates', () => {
    const input = [{ name: 'dnt', value: '0' }, { name: 'SEC-GPC', value: '0' }, { name: 'Host', value: 'a.test' }];
    const out = withSignalHeaders(input);
    expect(out).toEqual([{ name: 'Host', value: 'a.test' }, { name: 'DNT', value: '1' }, { name: 'Sec-GPC', value: '1' }]);
    expect(input[0]).toEqual({ name: 'dnt', value: '0' });
  });

  it('copes with no headers', () => {
    expect(withSignalHeaders(undefined)).toHaveLength(2);
  });
});
