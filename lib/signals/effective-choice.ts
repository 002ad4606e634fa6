/**
 * Holding sites to what they say about Do Not Track and GPC: the choice a site actually gets, and why.
 *
 * While the signals are sent, a site that does not say it honors them (it says it ignores them, says
 * nothing, or has not said yet) gets "essential only" whatever the default; so does a site that says it
 * honors them and was caught setting tracking cookies. The user's own choice for the site always wins.
 */
import type { Choice } from '../types';
import type { StanceKind } from './stance';

export type ChoiceReason =
  /** The user chose for this site. */
  | 'site-choice'
  /** The default applies (signals off, or the site says it honors them and has kept its word). */
  | 'default'
  | 'signal-ignored'
  | 'signal-silent'
  /** Its policy or gpc.json is still being read. */
  | 'signal-unknown'
  /** It says it honors GPC, and set tracking cookies. */
  | 'signal-breach';

export interface EffectiveChoiceInput {
  sendSignals: boolean;
  siteChoice: Choice | null;
  defaultChoice: Choice;
  stance: StanceKind;
  /** The site was caught breaking its claim (lib/signals/book.ts). */
  breached: boolean;
}

export interface EffectiveChoice {
  choice: Choice;
  reason: ChoiceReason;
}

export function effectiveChoice(input: EffectiveChoiceInput): EffectiveChoice {
  if (input.siteChoice !== null) return { choice: input.siteChoice, reason: 'site-choice' };
  if (!input.sendSignals) return { choice: input.defaultChoice, reason: 'default' };
  if (input.breached) return { choice: 'essential-only', reason: 'signal-breach' };
  switch (input.stance) {
    case 'honors':
      return { choice: input.defaultChoice, reason: 'default' };
    case 'ignores':
      return { choice: 'essential-only', reason: 'signal-ignored' };
    case 'silent':
      return { choice: 'essential-only', reason: 'signal-silent' };
    case 'unknown':
      return { choice: 'essential-only', reason: 'signal-unknown' };
  }
}
