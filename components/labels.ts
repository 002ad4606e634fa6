import type { CookieRow } from '@/lib/messages';
import type { Choice, Purpose } from '@/lib/types';
import { lifetimeOf, type Lifetime } from '@/lib/view/lifetime';
import { humanKey } from '@/lib/view/evidence';
import { t, tn, type MessageKey, type PluralKey } from './i18n';

const CHOICE_KEYS: Record<Choice, MessageKey> = {
  'essential-only': 'choiceEssentialOnly',
  'essential-functional': 'choiceEssentialFunctional',
  'allow-all': 'choiceAllowAll',
};
export const choiceLabel = (c: Choice): string => t(CHOICE_KEYS[c]);

const PURPOSE_KEYS: Record<Purpose, MessageKey> = {
  essential: 'purposeEssential',
  functional: 'purposeFunctional',
  analytics: 'purposeAnalytics',
  advertising: 'purposeAdvertising',
  unknown: 'purposeUnknown',
};
export const purposeLabel = (p: Purpose): string => t(PURPOSE_KEYS[p]);

const BASIS_KEYS: Record<CookieRow['basis'], MessageKey> = {
  declaration: 'basisDeclaration',
  provider: 'basisProvider',
  knowledge: 'basisKnowledge',
  classifier: 'basisClassifier',
  disagreement: 'basisDisagreement',
  none: 'basisNone',
};
export const basisLabel = (b: CookieRow['basis']): string => t(BASIS_KEYS[b]);

const BREACH_KEYS: Record<string, MessageKey> = {
  undeclared: 'breachUndeclared',
  'wrong-purpose': 'breachWrongPurpose',
  lifetime: 'breachLifetime',
  'despite-refusal': 'breachDespiteRefusal',
  'undisclosed-third-party': 'breachUndisclosedThirdParty',
  'signal-claim': 'breachSignalClaim',
  'banner-refusal': 'breachBannerRefusal',
};
/** A breach kind in words; kinds added later read as their own name until they get words. */
export const breachLabel = (kind: string): string => (BREACH_KEYS[kind] ? t(BREACH_KEYS[kind]!) : kind);

/** The labels of the evidence fields the engine attaches (lib/engine/view.ts `evidenceOf`). */
const EVIDENCE_KEYS: Record<string, MessageKey> = {
  firstSeen: 'factFirstSeen',
  lastSeen: 'evidenceLastSeen',
  path: 'factPath',
  attributes: 'reportAttributes',
  actualLifetimeSeconds: 'evidenceActualLifetime',
  'declared.name': 'evidenceDeclaredName',
  'declared.purposeAsWritten': 'evidenceDeclaredPurposeAsWritten',
  'declared.purpose': 'evidenceDeclaredPurpose',
  'declared.durationAsWritten': 'factDeclaredLifetime',
  'declared.provider': 'evidenceDeclaredProvider',
  'declared.expandedFrom': 'evidenceDeclaredVia',
  'policy.url': 'factPolicy',
  'policy.fetchedAt': 'reportFetched',
};
/** An evidence field's label: its words, a breach's note by the breach's words, else the field's name made readable. */
export function evidenceLabel(key: string): string {
  if (EVIDENCE_KEYS[key]) return t(EVIDENCE_KEYS[key]!);
  if (key === 'policy.sha256') return 'SHA-256';
  if (key.startsWith('notes.')) return t('evidenceNote', breachLabel(key.slice('notes.'.length)));
  return humanKey(key);
}

const UNIT_KEYS: Record<Exclude<Lifetime['unit'], 'session'>, PluralKey> = {
  seconds: 'unitSeconds',
  minutes: 'unitMinutes',
  hours: 'unitHours',
  days: 'unitDays',
  months: 'unitMonths',
  years: 'unitYears',
};
export function lifetimeLabel(seconds: number | null): string {
  const l = lifetimeOf(seconds);
  return l.unit === 'session' ? t('lifetimeSession') : tn(UNIT_KEYS[l.unit], l.amount);
}

export const VIA_KEYS: Record<string, MessageKey> = {
  'consent-platform': 'viaConsentPlatform',
  'page-link': 'viaPageLink',
  'usual-path': 'viaUsualPath',
  'linked-policy': 'viaLinkedPolicy',
};
