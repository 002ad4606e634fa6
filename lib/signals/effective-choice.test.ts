import { describe, expect, it } from 'vitest';
import type { Choice } from '../types';
import { effectiveChoice, type ChoiceReason } from './effective-choice';
import type { StanceKind } from './stance';

type Row = [
  what: string,
  sendSignals: boolean,
  siteChoice: Choice | null,
  defaultChoice: Choice,
  stance: StanceKind,
  breached: boolean,
  choice: Choice,
  reason: ChoiceReason,
];

// prettier-ignore
const TABLE: Row[] = [
  ['syncronis (says it ignores DNT), default allow all', true, null, 'allow-all', 'ignores', false, 'essential-only', 'signal-ignored'],
  ['a site that says nothing, default allow all', true, null, 'allow-all', 'silent', false, 'essential-only', 'signal-silent'],
  ['a site that says nothing, default essential + functional', true, null, 'essential-functional', 'silent', false, 'essential-only', 'signal-silent'],
  ['still reading its policy / gpc.json', true, null, 'allow-all', 'unknown', false, 'essential-only', 'signal-unknown'],
  ['says it honors GPC: keeps the default', true, null, 'allow-all', 'honors', false, 'allow-all', 'default'],
  ['says it honors GPC, default essential only', true, null, 'essential-only', 'honors', false, 'essential-only', 'default'],
  ['says it honors GPC, caught setting _ga', true, null, 'allow-all', 'honors', true, 'essential-only', 'signal-breach'],
  ['the user chose for the site (ignores DNT)', true, 'allow-all', 'essential-only', 'ignores', false, 'allow-all', 'site-choice'],
  ['the user chose for the site (breach)', true, 'essential-functional', 'allow-all', 'honors', true, 'essential-functional', 'site-choice'],
  ['the user chose for the site (silent)', true, 'allow-all', 'allow-all', 'silent', false, 'allow-all', 'site-choice'],
  ['signals off: the default, whatever the site says', false, null, 'allow-all', 'ignores', false, 'allow-all', 'default'],
  ['signals off: a past breach no longer applies', false, null, 'allow-all', 'honors', true, 'allow-all', 'default'],
  ['signals off, the user chose', false, 'essential-only', 'allow-all', 'silent', false, 'essential-only', 'site-choice'],
];

describe('effectiveChoice', () => {
  it.each(TABLE)('%s', (_what, sendSignals, siteChoice, defaultChoice, stance, breached, choice, reason) => {
    expect(effectiveChoice({ sendSignals, siteChoice, defaultChoice, stance, breached })).toEqual({ choice, reason });
  });

  it('never gives a site more than the user allows by default or for the site', () => {
    const rank: Record<Choice, number> = { 'essential-only': 0, 'essential-functional': 1, 'allow-all': 2 };
    for (const [, sendSignals, siteChoice, defaultChoice, stance, breached] of TABLE) {
      const { choice } = effectiveChoice({ sendSignals, siteChoice, defaultChoice, stance, breached });
      expect(rank[choice]).toBeLessThanOrEqual(rank[siteChoice ?? defaultChoice]);
    }
  });
});
