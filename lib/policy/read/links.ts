/**
 * Links that point to policy documents, in en / fr / de / es / nl / it / cy.
 */
import type { PolicyLink } from '../../types';
import { foldCaseAndAccents } from './purpose';

const COOKIE_WORDS =
  /\bcookie|cwci|cwcis|galletas|témoins?|temoins?|\btraceurs?\b|trackers? polic/;
const PRIVACY_WORDS =
  /privacy|privacidad|privacite|confidentialite|donnees personnelles|datenschutz|privacyverklaring|privacybeleid|informativa|riservatezza|preifatrwydd|data protection|protection des donnees|proteccion de datos|personal data|gdpr|rgpd|dsgvo/;
const COOKIE_PATH = /cookie|cwci|galletas|temoins|traceurs/;
const PRIVACY_PATH = /privacy|privacidad|confidentialite|datenschutz|privacybeleid|preifatrwydd|donnees-personnelles|personal-data|data-protection|rgpd|gdpr/;

export interface RawLink {
  href: string;
  text: string;
  title?: string;
}

/** Resolve and classify links; returns only http(s) policy links, cookie policies first, deduplicated. */
export function policyLinks(raw: readonly RawLink[], baseUrl: string, limit = 50): PolicyLink[] {
  const out: PolicyLink[] = [];
  const seen = new Set<string>();
  for (const link of raw) {
    if (out.length >= limit) break;
    const href = link.href.trim();
    if (!href || href.length > 2048 || href.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(href, baseUrl);
    } catch {
      continue;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    url.hash = '';
    const text = foldCaseAndAccents(`${link.text} ${link.title ?? ''}`).slice(0, 300);
    const path = foldCaseAndAccents(decodeSafe(url.pathname + url.search));
    let kind: PolicyLink['kind'] | null = null;
    if (COOKIE_WORDS.test(text) && /polic|politi|richtlinie|beleid|informativa|declar|notice|hinweis|aviso|statement|policy|settings|preferences|information|info|avis|details|cwcis|cwci|cookies?$|^cookies?|use of|utilisation|uso|verwendung|gebruik/.test(text)) kind = 'cookie-policy';
    else if (COOKIE_WORDS.test(text) && text.length <= 40) kind = 'cookie-policy';
    else if (PRIVACY_WORDS.test(text)) kind = 'privacy-policy';
    else if (COOKIE_PATH.test(path) && !/consent|banner|settings$/.test(path)) kind = 'cookie-policy';
    else if (PRIVACY_PATH.test(path)) kind = 'privacy-policy';
    if (!kind) continue;
    const key = url.toString();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ url: key, text: (link.text || link.title || '').replace(/\s+/g, ' ').trim().slice(0, 200), kind });
  }
  // Cookie policies first: they carry the cookie list; stable otherwise.
  return out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'cookie-policy' ? -1 : 1));
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
