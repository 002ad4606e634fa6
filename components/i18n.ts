/**
 * Words in the person's language through the browser's own i18n (public/_locales/{en,de,fr}): the browser
 * picks the locale. Keys are typed from the English file, so a missing key fails the type check.
 */
import { browser } from 'wxt/browser';

type Messages = typeof import('../public/_locales/en/messages.json');
export type MessageKey = keyof Messages;
/** Keys with a singular and a plural form: `key_one` and `key_other`. */
export type PluralKey = MessageKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

export function t(key: MessageKey, ...subs: Array<string | number>): string {
  return browser.i18n.getMessage(key, subs.map(String)) || key;
}

/**
 * The language of the words shown: the locale file the browser picked says which it is (`langCode`), so
 * the page's lang, its dates and its plural forms match its words even where the browser's own UI
 * language differs (a language the extension does not ship falls back to English).
 */
export function uiLanguage(): string {
  return browser.i18n.getMessage('langCode') || 'en';
}

/** English and German: 1 is singular; French: 0 and 1 are. */
export function tn(key: PluralKey, count: number, ...more: Array<string | number>): string {
  const one = uiLanguage().startsWith('fr') ? count < 2 : count === 1;
  return t(`${key}_${one ? 'one' : 'other'}` as MessageKey, count, ...more);
}

/** A date (ISO string or epoch ms) in the person's language; empty when unknown. */
export function formatDate(value: string | number | null | undefined, withTime = false): string {
  if (value === null || value === undefined || value === '') return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(uiLanguage(), withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'medium' }).format(d);
}
