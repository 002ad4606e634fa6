/**
 * What a site says about the signals we send: it honors them (its gpc.json claim, or its policy says it
 * honors GPC or Do Not Track), it says it ignores them (seed 000: "we don't respond to DNT"), or it says
 * nothing. Pure: inputs are what the reader and the gpc.json reader found.
 */
import type { SignalStatement } from '../types';
import type { GpcClaim } from './gpc-json';

export type StanceKind = 'honors' | 'ignores' | 'silent' | 'unknown';

export interface SiteStance {
  stance: StanceKind;
  /** Where the site says so: its gpc.json or its policy; null when it says nothing (or we do not know yet). */
  source: 'gpc.json' | 'policy' | null;
  /** Which signal the statement is about. */
  signal: 'gpc' | 'dnt' | null;
  /** The policy's sentence (bounded by the reader), when the source is the policy. */
  sentence: string | null;
}

export interface StanceInput {
  /** The gpc.json answer; undefined while it has not been checked yet, null when there was none to read. */
  gpcJson: GpcClaim | null | undefined;
  /** The policy's statements; null when the site has no readable policy. */
  statements: { dnt: SignalStatement; gpc: SignalStatement } | null;
  /** false while the policy is still being looked for (its statements may yet come). */
  policySettled: boolean;
}

/**
 * Honoring wins over ignoring: "we do not respond to DNT, but we honor GPC" honors the signal we send
 * alongside. A gpc.json that says `"gpc": false` counts as saying it does not honor GPC.
 */
export function siteStance(input: StanceInput): SiteStance {
  const { gpcJson, statements } = input;
  if (gpcJson?.gpc === true) return { stance: 'honors', source: 'gpc.json', signal: 'gpc', sentence: null };
  for (const signal of ['gpc', 'dnt'] as const) {
    const s = statements?.[signal];
    if (s?.stance === 'honored') return { stance: 'honors', source: 'policy', signal, sentence: s.sentence };
  }
  for (const signal of ['dnt', 'gpc'] as const) {
    const s = statements?.[signal];
    if (s?.stance === 'ignored') return { stance: 'ignores', source: 'policy', signal, sentence: s.sentence };
  }
  if (gpcJson?.gpc === false) return { stance: 'ignores', source: 'gpc.json', signal: 'gpc', sentence: null };
  if (gpcJson === undefined || !input.policySettled) return { stance: 'unknown', source: null, signal: null, sentence: null };
  return { stance: 'silent', source: null, signal: null, sentence: null };
}
