import type { CookieRow } from '@/lib/messages';
import type { Choice, Purpose } from '@/lib/types';
import { lifetimeOf, type Lifetime } from '@/lib/view/lifetime';
import { t, tn, type MessageKey, type PluralKey } from './i18n';

export const CHOICE_KEYS: Record<Choice, MessageKey> = {
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

const BREACH_KEYS: Record<string, MessageKey> = { undeclared: 'breachUndeclared', 'banner-refusal': 'breachBannerRefusal' };
/** A breach kind in words; kinds added later read as their own name until they get words. */
export const breachLabel = (kind: string): string => (BREACH_KEYS[kind] ? t(BREACH_KEYS[kind]!) : kind);

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
