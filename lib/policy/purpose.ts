/**
 * From the words a site uses (a category heading, a category column, a purpose sentence) to a
 * canonical purpose, in en / fr / de / es / cy / nl / it.
 *
 * Two questions, kept apart on purpose:
 * - `purposeOfCategory`: does this category label name a purpose? ("Strictly necessary" does,
 *   "Not required", "Other", "Kopano Cookies" do not: null.)
 * - `purposeOfText`: what does free text about one cookie suggest? (used only when the category
 *   names no purpose; the site's own category always wins.)
 */
import type { Purpose } from '../types';

/** Fold case and accents so one vocabulary serves every language. */
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2019']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

// Category labels. Order matters: the first family whose words match wins, and "non necessary" style
// negations are caught before "necessary".
const NEGATED = /\b(non[- ]?(?:strictly[- ])?(?:necessary|essential|required)|not (?:strictly )?(?:necessary|required|essential)|unnecessary|nicht (?:notwendig|erforderlich)|no necesari|non necessair|non necessari|niet noodzakelijk)/;

const CATEGORY_WORDS: Array<[Purpose, RegExp]> = [
  [
    'unknown',
    /\b(unclassified|uncategori[sz]ed|pending|not classified|non classe|sin clasificar|nicht klassifiziert|niet geclassificeerd|non classificat|heb ei ddosbarthu)/,
  ],
  [
    'advertising',
    /\b(advertis\w*|marketing|targeting|targeted|ads?\b|retargeting|social media|social networks?|tracking|publicit\w*|publicidad|ciblage|werbung|werbe\w*|reclame|advertentie\w*|pubblicit\w*|profilazione|hysbyseb\w*|marchnata|commercial|sponsor\w*)/,
  ],
  [
    'analytics',
    /\b(analytic\w*|analyse\w*|analys[ie]s|analitic\w*|anal[iy]tica|analizi|performance|prestazioni|statisti\w*|estad[ií]stic\w*|measurement|mesure|medici[oó]n|mesur\w*|audience|mesure d'audience|dadansoddi\w*|ystadegau|perfformiad|metingen|prestaties|rendimiento|leistung)/,
  ],
  [
    'functional',
    /\b(preference\w*|pr[eé]f[eé]rence\w*|preferencias?|preferenze|voorkeur\w*|einstellung\w*|personali[sz]\w*|personnalisation|funktional\w*|functional\w*|functionality|fonctionnel\w*|fonctionnalit\w*|funcional\w*|funzional\w*|functioneel|swyddogaeth\w*|dewisiadau|comfort)/,
  ],
  [
    'essential',
    /\b(strictly necessary|necessary|essential\w*|required|security|s[eé]curit[eé]|sicherheit|seguridad|sicurezza|authentication|technical|technique\w*|t[eé]cnic\w*|tecnic\w*|technisch\w*|n[eé]cessaire\w*|indispensable\w*|strictement|notwendig\w*|erforderlich\w*|unbedingt|necesari\w*|imprescindible\w*|necessari\w*|noodzakelijk\w*|essentieel|hanfodol|angenrheidiol|load balanc\w*|consent)/,
  ],
];

/**
 * The purpose a category label names, or null when it names none ("Other", "Not required",
 * "Kopano Cookies", "Cookie Management", a provider name).
 */
export function purposeOfCategory(label: string | null | undefined): Purpose | null {
  if (!label) return null;
  const f = fold(label);
  // A category is a short label; a sentence that happens to say "consent" is not one.
  if (f.length === 0 || f.length > 100 || /:\s\S/.test(f)) return null;
  if (NEGATED.test(f)) return null;
  // "Functional" and "essential" both appear in labels like "Strictly necessary (functional)": the first
  // family in list order that matches wins, so essential words are checked before functional ones there.
  if (/\b(strictly necessary|strictly required|essential|necessary|n[eé]cessaire|notwendig|necesari|necessari|noodzakelijk|hanfodol|angenrheidiol)/.test(f) && !/\b(non|not|nicht|no)\b/.test(f)) {
    return 'essential';
  }
  for (const [purpose, re] of CATEGORY_WORDS) {
    if (re.test(f)) return purpose;
  }
  return null;
}

// Free-text hints about one cookie, in priority order. Essential hints are strong on purpose: the
// product keeps a cookie when in doubt, and these name what logging in and consent need.
const TEXT_HINTS: Array<[Purpose, RegExp]> = [
  [
    'essential',
    /\b((?<!not |un|non[- ])necessary|consent|cookie (?:choices?|preferences? (?:for|of) cookies)|cookie banner|session id|user session|login|log in|logged|sign[- ]?in|authenticat\w*|csrf|xsrf|forgery|security|fraud|bot (?:manager|detection|protection)|load[- ]?balanc\w*|strictly necessary|necessary for the (?:website|site|service)|consentement|einwilligung|zustimmung|consentimiento|consenso|toestemming|caniat[aâ]d|sitzung|sesi[oó]n|inicio de sesi[oó]n|connexion|s[eé]curit[eé]|sicherheit|seguridad|sicurezza|beveiliging|diogelwch)/,
  ],
  [
    'advertising',
    /\b(advertis\w*|ads?\b|adverts?|marketing|retarget\w*|remarketing|targeted|conversion|doubleclick|facebook pixel|profil(?:e|ing) based|interest[- ]based|publicit\w*|publicidad|werbung|reclame|pubblicit\w*|hysbyseb\w*|track(?:s|ing)? (?:users|visitors|you) (?:across|between))/,
  ],
  [
    'analytics',
    /\b(analytic\w*|statisti\w*|measure\w*|visitors?|visits?|page ?views?|how (?:you|users|visitors) use|understand how|performance|traffic|a\/b|experiment\w*|heatmap\w*|returning visitor|audience|mesure|analyse\w*|estad[ií]stic\w*|besucher|bezoekers|ymwelwyr|dadansoddi\w*|matomo|piwik|google analytics|hotjar|clarity)/,
  ],
  [
    'functional',
    /\b(preference\w*|remember\w* (?:your|the user's|user) (?:settings|choices|language|preferences)|language|theme|display settings|personali[sz]\w*|pr[eé]f[eé]rence\w*|langue|sprache|idioma|lingua|taal|iaith|video player|embedded video|chat)/,
  ],
];

/** What free text about one cookie suggests, or 'unknown'. */
export function purposeOfText(text: string | null | undefined): Purpose {
  if (!text) return 'unknown';
  const f = fold(text.length > 2000 ? text.slice(0, 2000) : text);
  let best: Purpose = 'unknown';
  let bestAt = Infinity;
  // Essential wins outright when present: consent records and sessions must never be misjudged.
  for (const [purpose, re] of TEXT_HINTS) {
    const m = re.exec(f);
    if (!m) continue;
    if (purpose === 'essential') return 'essential';
    if (m.index < bestAt) {
      best = purpose;
      bestAt = m.index;
    }
  }
  return best;
}

/**
 * The canonical purpose for a declared cookie: the category decides when it names a purpose,
 * otherwise the cookie's own text.
 */
export function resolvePurpose(category: string | null | undefined, text: string | null | undefined): Purpose {
  return purposeOfCategory(category) ?? purposeOfText(text);
}
