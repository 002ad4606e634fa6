/**
 * Issue 15: the long tail of consent platforms, through @duckduckgo/autoconsent (MPL-2.0): its content script
 * (isolated world, every frame, document_start) detects a platform by its rules and asks the background for
 * its rules (`init`), page-context checks (`eval`, a fixed snippet id run in the main world) and a self-test.
 *
 * What we allow it (pure: the adapter applies it):
 * - only the opt-out, and only while the person's choice refuses something (never opt-in: compact rules carry
 *   no opt-in steps, and an opt-in would accept for the person);
 * - no cosmetic rules and no pre-hiding: they hide a banner without answering it ("hide only once recorded");
 * - no generated rules and no heuristics: a platform is recognised by a hand-written rule, or left alone;
 * - not the platforms we answer through their own API (lib/consent/answer.ts), which autoconsent would click.
 */
import type { Choice } from '../types';
import type { ConsentVerdict } from './records';

/** autoconsent's names of the rules for the platforms answered through their own API here. */
export const API_PLATFORM_RULES: readonly string[] = ['Cybotcookiebot', 'Onetrust', 'Klaro', 'cookieconsent3', 'tarteaucitron.js', 'tarteaucitron deny'];

/** The autoconsent Config fields we set (the library fills the rest with its defaults). */
export interface AutoconsentConfig {
  enabled: boolean;
  autoAction: 'optOut' | null;
  disabledCmps: string[];
  enablePrehide: boolean;
  enableCosmeticRules: boolean;
  enableGeneratedRules: boolean;
  enableHeuristicDetection: boolean;
  heuristicMode: 'off';
  detectRetries: number;
}

export function autoconsentConfig(answer: boolean, choice: Choice): AutoconsentConfig {
  const optOut = answer && choice !== 'allow-all';
  return {
    enabled: optOut,
    autoAction: optOut ? 'optOut' : null,
    disabledCmps: [...API_PLATFORM_RULES],
    enablePrehide: false,
    enableCosmeticRules: false,
    enableGeneratedRules: false,
    enableHeuristicDetection: false,
    heuristicMode: 'off',
    detectRetries: 20,
  };
}

/** The content script's messages we act on, checked field by field (a page we do not trust runs beside it). */
export type AutoconsentMessage =
  | { type: 'init'; url: string }
  | { type: 'eval'; id: string; snippetId: string }
  | { type: 'popupFound'; cmp: string; url: string }
  | { type: 'optOutResult'; cmp: string; result: boolean; scheduleSelfTest: boolean; url: string }
  | { type: 'autoconsentDone'; cmp: string; isCosmetic: boolean; url: string }
  | { type: 'selfTestResult'; cmp: string; result: boolean; url: string };

const text = (x: unknown, max = 8_192): x is string => typeof x === 'string' && x.length > 0 && x.length <= max;

/** Snippet ids look like EVAL_ONETRUST_1; the background also checks the id is one of the library's. */
const SNIPPET_ID = /^EVAL_[A-Z0-9_]{1,80}$/;

export function parseAutoconsentMessage(raw: unknown): AutoconsentMessage | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'init':
      return text(m.url) ? { type: 'init', url: m.url } : null;
    case 'eval':
      // Only a fixed snippet of the library, by its id: never code from the page.
      return text(m.id, 100) && typeof m.snippetId === 'string' && SNIPPET_ID.test(m.snippetId) ? { type: 'eval', id: m.id, snippetId: m.snippetId } : null;
    case 'popupFound':
      return text(m.cmp, 200) && text(m.url) ? { type: 'popupFound', cmp: m.cmp, url: m.url } : null;
    case 'optOutResult':
      return text(m.cmp, 200) && text(m.url) && typeof m.result === 'boolean'
        ? { type: 'optOutResult', cmp: m.cmp, result: m.result, scheduleSelfTest: m.scheduleSelfTest === true, url: m.url }
        : null;
    case 'autoconsentDone':
      return text(m.cmp, 200) && text(m.url) ? { type: 'autoconsentDone', cmp: m.cmp, isCosmetic: m.isCosmetic === true, url: m.url } : null;
    case 'selfTestResult':
      return text(m.cmp, 200) && text(m.url) && typeof m.result === 'boolean' ? { type: 'selfTestResult', cmp: m.cmp, result: m.result, url: m.url } : null;
    default:
      return null;
  }
}

/**
 * What an opt-out by autoconsent's rule amounts to. Its self-test (the rule's `test`, run after the opt-out) is
 * the only check of the record it has: passed → recorded; failed → the platform did not record the refusal;
 * no self-test → answered but not verified.
 */
export function autoconsentVerdict(cmp: string, asked: Choice, optedOut: boolean, selfTest: boolean | null): ConsentVerdict {
  const recorded = optedOut && selfTest === true;
  return {
    platform: cmp,
    via: 'autoconsent',
    asked,
    status: !optedOut || selfTest === false ? 'not-recorded' : recorded ? 'recorded' : 'unverified',
    recordedAs: recorded ? 'essential-only' : null,
    source: recorded ? 'self-test' : null,
    cookieName: '',
    granted: [],
    refusedButGranted: [],
    // Not `unknown`: a cookie we cannot place is kept and flagged, never evidence against the site.
    refusedPurposes: recorded ? ['functional', 'analytics', 'advertising'] : [],
  };
}
