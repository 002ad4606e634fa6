import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { SHARED } from '../../tests/support/corpus';
import { describe, expect, it } from 'vitest';
import { findStatements } from './statements';
import type { SignalStatement } from '../types';
import { siteStance } from './stance';

const said = (stance: SignalStatement['stance'], sentence = 'x'): SignalStatement => ({ stance, sentence });
const nothing = { dnt: said('unspecified', ''), gpc: said('unspecified', '') };
const claim = (gpc: boolean | null) => ({ gpc, lastUpdate: null, problem: gpc === null ? 'not JSON' : null });

describe('siteStance', () => {
  it('seed 000 (Syncronis): "we don\'t respond to DNT" ignores the signal', () => {
    const seeds = path.join(SHARED, 'seeds');
    const name = readdirSync(seeds).find((f) => f.startsWith('000'))!;
    const statements = findStatements(readFileSync(path.join(seeds, name), 'utf8'));
    const s = siteStance({ gpcJson: null, statements, policySettled: true });
    expect(s).toMatchObject({ stance: 'ignores', source: 'policy', signal: 'dnt' });
    expect(s.sentence).toMatch(/DNT|Do Not Track/i);
  });

  it('gpc.json `"gpc": true` honors, whatever the policy says about DNT', () => {
    expect(siteStance({ gpcJson: claim(true), statements: { ...nothing, dnt: said('ignored') }, policySettled: true })).toEqual({
      stance: 'honors', source: 'gpc.json', signal: 'gpc', sentence: null,
    });
  });

  it('a policy that honors GPC (or DNT) honors', () => {
    expect(siteStance({ gpcJson: null, statements: { dnt: said('ignored'), gpc: said('honored', 'We honor GPC.') }, policySettled: true }))
      .toEqual({ stance: 'honors', source: 'policy', signal: 'gpc', sentence: 'We honor GPC.' });
    expect(siteStance({ gpcJson: claim(null), statements: { ...nothing, dnt: said('honored') }, policySettled: true }).stance).toBe('honors');
  });

  it('gpc.json `"gpc": false` says it does not honor GPC', () => {
    expect(siteStance({ gpcJson: claim(false), statements: nothing, policySettled: true })).toMatchObject({ stance: 'ignores', source: 'gpc.json' });
  });

  it('says nothing: no claim, no statement, or no policy at all', () => {
    expect(siteStance({ gpcJson: null, statements: nothing, policySettled: true }).stance).toBe('silent');
    expect(siteStance({ gpcJson: claim(null), statements: null, policySettled: true }).stance).toBe('silent');
  });

  it('unknown while gpc.json or the policy is still being read, unless what is known already decides', () => {
    expect(siteStance({ gpcJson: undefined, statements: nothing, policySettled: true }).stance).toBe('unknown');
    expect(siteStance({ gpcJson: null, statements: null, policySettled: false }).stance).toBe('unknown');
    expect(siteStance({ gpcJson: claim(true), statements: null, policySettled: false }).stance).toBe('honors');
    expect(siteStance({ gpcJson: undefined, statements: { ...nothing, dnt: said('ignored') }, policySettled: true }).stance).toBe('ignores');
  });
});
