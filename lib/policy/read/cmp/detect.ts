/**
 * Which consent platform wrote this text, told from its content (never from a file name or URL, which a
 * site controls and a CDN rewrites), and the parser for it.
 */
import type { Declaration, SourceKind } from '../../../types';
import { parseCookiebot } from './cookiebot';
import { arrayOf, isRecord, MAX_TEXT, parseJson } from './declaration';
import { parseKlaro } from './klaro';
import { parseLaravelCookieGuard } from './laravel-cookie-guard';
import { parseOneTrust } from './onetrust';
import { parseTarteaucitron } from './tarteaucitron';
import { parseVanillaCookieConsent } from './vanilla-cookieconsent';
import { isTermlyCookies, parseTermly } from './termly';
import { detectCookieYes, parseCookieYes } from './cookieyes';

type CmpKind = Exclude<SourceKind, 'html' | 'markdown' | 'text'>;

const PARSERS: Record<CmpKind, (text: string, url: string) => Declaration> = {
  cookiebot: parseCookiebot,
  onetrust: parseOneTrust,
  klaro: parseKlaro,
  'vanilla-cookieconsent': parseVanillaCookieConsent,
  tarteaucitron: parseTarteaucitron,
  'laravel-cookie-guard': parseLaravelCookieGuard,
  termly: parseTermly,
  cookieyes: parseCookieYes,
};

// cc.js assigns its tables (a row of strings, or empty); an out-of-region or wrong-referer response calls
// setOutOfRegion instead. Requiring the literal's first characters keeps out prose that quotes the format
// (`cookieTableNecessary = [[...], ...]` in our own samples README).
const COOKIEBOT =
  /\bCookieConsentDialog\.cookieTable(?:Necessary|Preference|Statistics|Advertising|Unclassified)\s*=\s*\[\s*(?:\[\s*["']|\])|\bCookieConsent\.setOutOfRegion\s*\(/;

export function detectCmp(text: string): CmpKind | null {
  if (typeof text !== 'string') return null;
  const t = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  if (COOKIEBOT.test(t)) return 'cookiebot';
  if (!/^\s*\{/.test(t)) return detectCookieYes(t) ? 'cookieyes' : null;
  const json = parseJson(t);
  return isRecord(json) ? kindOfConfig(json) : null;
}

/** The declaration this text holds, or null when no platform we read wrote it. */
export function parseCmp(text: string, url: string): Declaration | null {
  const kind = detectCmp(text);
  if (kind === null) return null;
  try {
    return PARSERS[kind](text, url);
  } catch {
    // The parsers are written not to throw; this keeps a bug in one from taking down the caller.
    return null;
  }
}

function kindOfConfig(json: Record<string, unknown>): CmpKind | null {
  const data = isRecord(json.DomainData) ? json.DomainData : json;
  if (arrayOf(data.Groups).some((g) => isRecord(g) && 'OptanonGroupId' in g)) return 'onetrust';
  if (arrayOf(json.RuleSet).some((r) => isRecord(r) && 'LanguageSwitcherPlaceholder' in r)) return 'onetrust';
  if ('OptanonDataJSON' in json) return 'onetrust';

  const services = json.services ?? json.apps;
  const list = Array.isArray(services) ? services : isRecord(services) ? Object.values(services) : [];
  const sample = list.slice(0, 50).filter(isRecord);
  if (sample.some((s) => Array.isArray(s.purposes))) return 'klaro';
  if (sample.some((s) => 'needConsent' in s || ('key' in s && 'type' in s && 'cookies' in s))) return 'tarteaucitron';

  if (isTermlyCookies(json)) return 'termly';
  if (isRecord(json.cookies)) {
    const items = Object.values(json.cookies).slice(0, 20).flatMap((v) => arrayOf(v).slice(0, 20));
    if (items.some((i) => isRecord(i) && 'name' in i && ('duration_count' in i || 'duration' in i))) {
      return 'laravel-cookie-guard';
    }
  }

  if (isRecord(json.categories) && (isRecord(json.language) || Object.keys(json).some((k) => k.startsWith('language.')))) {
    return 'vanilla-cookieconsent';
  }
  if (isRecord(json.languages) && Object.values(json.languages).some((l) => isRecord(l) && 'settings_modal' in l)) {
    return 'vanilla-cookieconsent';
  }
  return null;
}
