/**
 * From the words a site uses (a category heading, a category column, a purpose sentence) to a
 * canonical purpose, in en / fr / de / es / cy / nl / it / sv / pl / da.
 *
 * Two questions, kept apart on purpose:
 * - `purposeOfCategory`: does this category label name a purpose? ("Strictly necessary" does,
 *   "Not required", "Other", "Kopano Cookies" do not: null.)
 * - `purposeOfText`: what does free text about one cookie suggest? (used only when the category
 *   names no purpose; the site's own category always wins.)
 */
import type { Purpose } from '../../types';

/** Fold case and accents so one vocabulary serves every language. */
export function foldCaseAndAccents(text: string): string {
  // Most text is ASCII: only the rest needs decomposing to drop accents.
  // ø, æ and ł do not decompose: they are mapped by hand (Danish, Polish).
  const plain = /[^\x00-\x7f]/.test(text)
    ? text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[øØ]/g, 'o').replace(/[æÆ]/g, 'ae').replace(/[łŁ]/g, 'l')
    : text;
  return plain
    .toLowerCase()
    .replace(/[\u2019']/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

// Category labels. Order matters: the first family whose words match wins, and "non necessary" style
// negations are caught before "necessary".
const NEGATED = /\b(non[- ]?(?:strictly[- ])?(?:necessary|essential|required)|not (?:strictly )?(?:necessary|required|essential)|unnecessary|nicht (?:notwendig|erforderlich)|no necesari|non necessair|non necessari|niet noodzakelijk|inte nodvandig|ikke nodvendig|nie(?:zbedne)? (?:sa )?niezbedne)/;

const CATEGORY_WORDS: Array<[Purpose, RegExp]> = [
  [
    'unknown',
    /\b(unclassified|uncategori[sz]ed|pending|not classified|non classe|sin clasificar|nicht klassifiziert|niet geclassificeerd|non classificat|heb ei ddosbarthu)/,
  ],
  [
    'advertising',
    /\b(advertis\w*|marketing|targeting|targeted|ads?\b|retargeting|social media|social networks?|reseaux sociaux|redes sociales|soziale (?:medien|netzwerke)|sociale media|social network|tracking|publicit\w*|publicidad|ciblage|werbung|werbe\w*|reclame|advertentie\w*|pubblicit\w*|profilazione|hysbyseb\w*|marchnata|commercial|sponsor\w*|reklam\w*|marknadsf\w*|markedsf\w*|annonc\w*|sledzac\w*)/,
  ],
  [
    'analytics',
    /\b(analytic\w*|analytisch\w*|analyse\w*|analys[ie]s|analitic\w*|anal[iy]tica|analizi|performance|prestazioni|statisti\w*|estad[ií]stic\w*|measurement|mesure|medici[oó]n|mesur\w*|audience|mesure d'audience|dadansoddi\w*|ystadegau|perfformiad|metingen|prestaties|rendimiento|leistung|analytiq\w*|analytisk\w*|analys\w*|analityczn\w*|statystyk\w*|statystyczn\w*|wydajnosc\w*|prestanda|ydeevne)/,
  ],
  [
    'functional',
    /\b(preference\w*|pr[eé]f[eé]rence\w*|praferenz\w*|komfort\w*|preferencias?|preferenze|voorkeur\w*|einstellung\w*|personali[sz]\w*|personnalisation|funktional\w*|functional\w*|functionality|functione\w*|fonctionnel\w*|fonctionnalit\w*|funcional\w*|funzional\w*|functioneel|swyddogaeth\w*|dewisiadau|comfort|funktionell\w*|funktionel\w*|funkcjonaln\w*|preferens\w*|preferencj\w*|praeferenc\w*|installningar|ustawie\w*|indstilling\w*)/,
  ],
  [
    'essential',
    /\b(strictly necessary|necessary|essential\w*|required|security|s[eé]curit[eé]|sicherheit|seguridad|sicurezza|authentication|technical|technique\w*|t[eé]cnic\w*|tecnic\w*|technisch\w*|n[eé]cessaire\w*|indispensable\w*|strictement|notwendig\w*|erforderlich\w*|unbedingt|necesari\w*|imprescindible\w*|necessari\w*|noodzakelijk\w*|essentieel|hanfodol|angenrheidiol|load balanc\w*|consent|nodvandig\w*|nodvendig\w*|niezbedn\w*|konieczn\w*|wymagan\w*|techniczn\w*|tekniska?|tekniske)/,
  ],
];

/**
 * The purpose a category label names, or null when it names none ("Other", "Not required",
 * "Kopano Cookies", "Cookie Management", a provider name).
 */
export function purposeOfCategory(label: string | null | undefined): Purpose | null {
  if (!label) return null;
  const f = foldCaseAndAccents(label);
  // A category is a short label; a sentence that happens to say "consent" is not one.
  if (f.length === 0 || f.length > 100 || /:\s\S/.test(f)) return null;
  if (NEGATED.test(f)) return null;
  // "Functional" and "essential" both appear in labels like "Strictly necessary (functional)": the first
  // family in list order that matches wins, so essential words are checked before functional ones there.
  if (/\b(strictly necessary|strictly required|essential|necessary|n[eé]cessaire|notwendig|necesari|necessari|noodzakelijk|hanfodol|angenrheidiol|nodvandig|niezbedn|nodvendig)/.test(f) && !/\b(non|not|nicht|no|inte|ikke|nie)\b/.test(f)) {
    return 'essential';
  }
  // A label naming several purposes ("operational, analytics, and advertising cookies") names none.
  let found: Purpose | null = null;
  for (const [purpose, re] of CATEGORY_WORDS) {
    if (!re.test(f)) continue;
    if (found !== null) return null;
    found = purpose;
  }
  return found;
}

/**
 * A label that classes a cookie as not essential ("Non-Essential", "Not necessary", "Nicht notwendig"): the site's
 * word that it is not needed, whatever its purpose text says (issue 13). "Not required" is not one: sites use it
 * for cookies that need no consent as well.
 */
export function saysNonEssential(label: string | null | undefined): boolean {
  if (!label || label.length > 100) return false;
  return /\b(?:non[- ]?(?:strictly[- ])?(?:necessary|essential)|not (?:strictly )?(?:necessary|essential)|unnecessary|nicht (?:notwendig|erforderlich|essenziell)|no (?:necesari|esencial)\w*|non (?:necessair|essentiel|necessari|essenzial)\w*|niet (?:noodzakelijk|essentieel)|inte nodvandig\w*|ikke nodvendig\w*|nie ?niezbedn\w*)/.test(
    foldCaseAndAccents(label),
  );
}

/**
 * The classes a label joins ("Necessary and functional cookies", "Des cookies nécessaires et de fonctionnalité"):
 * two or more, or null. Each cookie under such a label is one of them, and its own text says which (issue 13).
 */
export function classesOfCategory(label: string | null | undefined): Purpose[] | null {
  if (!label || label.length > 100) return null;
  const parts = foldCaseAndAccents(label).split(/\s(?:and|et|und|y|e|en|och|i|og|oraz|or|ou|oder)\s|\s*[&/,+]\s*/);
  if (parts.length < 2) return null;
  const out: Purpose[] = [];
  for (const part of parts) {
    const p = purposeOfCategory(part);
    if (p && p !== 'unknown' && !out.includes(p)) out.push(p);
  }
  return out.length >= 2 ? out : null;
}

/**
 * The one class a table's lead-in names, when no heading does (issue 13: "Power Pages use cookies that are
 * required … These essential cookies store …", "nous utilisons les cookies analytiques suivants"): a word beside
 * "cookies" that names a class. Null when none does, when several do, or when the word is negated ("we use no
 * marketing cookies").
 */
export function classOfLeadIn(texts: readonly string[]): { label: string; purpose: Purpose } | null {
  let found: { label: string; purpose: Purpose } | null = null;
  for (const text of texts) {
    const f = foldCaseAndAccents(text.length > 2000 ? text.slice(0, 2000) : text);
    for (const m of f.matchAll(/(?:^|\s)((?:\S+\s+){0,3}?)([a-z-]+)\s+(?:cookies?|kakor|cookie-filer)\b(?:\s+([a-z-]+))?/g)) {
      if (/\b(?:not?|never|without|ne|pas|aucun\w*|nicht|keine?n?|ningun\w*|sin|inga|ikke|nie)\b/.test(m[1]!)) continue;
      // "necessary, analytics and marketing cookies": a list of classes names none.
      const listed = m[1]!.split(/[\s,;/&]+/).map((w) => purposeOfCategory(w));
      for (const word of [m[2], m[3]]) {
        const p = word ? purposeOfCategory(word) : null;
        if (!p || p === 'unknown') continue;
        if ((found && found.purpose !== p) || listed.some((l) => l && l !== 'unknown' && l !== p)) return null;
        found = { label: `${word} cookies`, purpose: p };
      }
    }
  }
  return found;
}

// Free-text cues about one cookie, each with a weight. The text's purpose is the family with the highest
// total; a tie goes to the cue met first. Phrases that would mislead a single-word match are listed in
// their own right ("personalised ads" is advertising, "session replay" analytics).
type Cue = [RegExp, number];
const CUES: Record<Exclude<Purpose, 'unknown'>, Cue[]> = {
  advertising: [
    [/reklam\w*|marknadsf\w*|markedsf\w*|annonc\w*|\badvert\w*|\bads?\b|\bad (?:network|partner|delivery|campaign|performance|server|platform|impressions?|clicks?|targeting|exchange)|anuncios?|annonces?|publicit\w*|werb\w*|reclame|advertentie\w*|hysbyseb\w*|pubblicit\w*/, 3],
    [/marketing|marchnata|retarget\w*|remarket\w*|re-?engage|targeted|targeting|ciblage|ciblee?s?|profilazione|profilage|perfilado/, 3],
    [/conversions?|attribution|affiliate|campaigns?|sponsor\w*/, 2],
    [/personali[sz]ed (?:ads|advert\w*|content|offers)|relevant (?:ads|adverts?|advertising|offers|content)|interest[- ]based|based on (?:your|their|the user's) (?:interests?|browsing|profile)|user profile|profil(?:e|es|ing) (?:based|of)|across (?:websites|sites|the web|different (?:websites|sites)|devices)|cross[- ]site/, 3],
    [/social (?:media|network\w*|sharing|plugin)|share (?:button|content)|like button|facebook|meta pixel|twitter|linkedin|pinterest|tiktok|snapchat|reddit pixel|doubleclick|criteo|taboola|outbrain|bing ads|google ads|adsense|quantcast|bizographics/, 2],
    [/track(?:s|ing)? (?:users?|visitors?|you|people|browsing)|third[- ]party (?:ad|advertis\w*|tracking)|opt[- ]?out of (?:ads|advertising|interest)/, 2],
  ],
  analytics: [
    [/analytic\w*|analyse\w*|analyze\w*|analys\w*|analiz\w*|analityk\w*|analityczn\w*|statystyk\w*|statystyczn\w*|statisti\w*|estad[ií]stic\w*|ystadegau|dadansoddi\w*/, 3],
    [/measur\w*|mesure\w*|medir|medici[oó]n|messung|misura\w*|meten|metrics?|m[eé]tricas?|mesurer|audience/, 2],
    [/how (?:many|often|long|you|users|visitors|people) (?:people )?(?:use|visit|interact|navigate|browse|arrive|found|find|reach)|count(?:s|ing)? (?:how many|the number|visits|visitors|page ?views)|number of (?:visits|visitors|users|page ?views)|page ?views?|unique (?:visitors?|users?)|returning (?:visitors?|users?)|first visit|time spent|bounce|visit(?:or)?s? (?:to|on) (?:our|the|this)/, 3],
    [/\bvisits?\b|\bvisitors?\b|besucher\w*|visiteurs?|visitantes?|visitatori|bezoekers?|ymwelwyr/, 1],
    [/performance|traffic|trafic|usage (?:data|patterns|statistics)|how (?:our|the) (?:site|website|service|pages?) (?:is|are) used|understand (?:how|what|which)|improve (?:our|the) (?:site|website|service|content|experience|products?)|optimi[sz]e (?:our|the)/, 2],
    [/a\/b|split test\w*|experiments?|variant|heat ?maps?|session (?:replay|recording)|recordings?|surveys?|feedback|error (?:tracking|monitoring|reports?|reporting)|crash\w*|diagnos\w*|telemetry|engagement|load (?:times?|speed)/, 2],
    [/google analytics|universal analytics|matomo|piwik|hotjar|mixpanel|amplitude|microsoft clarity|adobe analytics|crazy ?egg|new relic|datadog|sentry|segment|heap|fullstory|contentsquare|chartbeat|parse\.ly|comscore|nielsen|hockeystack|application insights/, 3],
  ],
  functional: [
    [/preferen\w*|pr[eé]f[eé]rence\w*|voorkeur\w*|einstellung\w*|impostazion\w*|dewisiadau|r[eé]glages|param[eè]tres/, 3],
    [/remember\w* (?:your|the user's|user|their|which|whether|if) (?:\w+ ){0,3}(?:settings?|choices?|language|region|country|location|currency|preferences?|theme|display|selection|layout|view)/, 3],
    [/\blanguage|\blocale|\blangue|sprache|\bsprak\b|\bjezyk\w*|\bsprog\b|\bidioma|\blingua|\btaal\b|\biaith|\bregion\b|\bcurrency|time ?zone|zeitzone|zona horaria|fuseau horaire|tidszon\w*|strefa czasow\w*|daylight saving|sommerzeit|horario de verano|heure d'ete|sommartid|czas letni|sommertid|preview|vorschau|vista previa|apercu|forhandsvisning|podglad|(?:alert|notification|warning) messages|warnmeldung\w*|mensajes de alerta|\btheme\b|dark mode|display (?:settings|mode)|font size|layout|expanded or collapsed|collapsed|user interface|\bui\b|accessibility|video player|volume|autoplay|playback|\bchat\b|live chat|customi[sz]\w*|personali[sz]\w*|recently viewed|wish ?list|favou?rites?|dismiss\w*|notice (?:during|about|that)|banner (?:was|has been) (?:closed|dismissed)|functional\w*|functionality|functione\w*|fonctionnalit\w*|funktion\w*|funcionalidad\w*|swyddogaeth\w*/, 2],
  ],
  essential: [
    [/\bsession\b|session id|sesi[oó]n|sitzung|sessione|sessie|sesiwn|sessionen|\bsesj\w*|\bsesji\b/, 2],
    [/log(?:ged)?[- ]?in|log (?:you|users?|people) in|login|sign(?:ed)?[- ]?in|signs? (?:you|users?) in|sign[- ]?on|\bsso\b|authenticat\w*|authentifi\w*|authentisier\w*|autenticaci\w*|autenticazion\w*|dilysu|\boauth|credentials|password|account (?:access|security)|inloggning|logga in|logowani\w*|zalogowan\w*|log(?:ge)? ind|angemeldet\w*|anmeldung/, 3],
    [/csrf|xsrf|forgery|security|securit\w*|s[eé]curit[eé]|sicherheit|seguridad|sicurezza|beveiliging|diogelwch|fraud\w*|abuse|spam|\bbots?\b|captcha|integrity|protect\w*|malicious|attacks?|same ?site|verif(?:y|ies|ication)|sakerhet\w*|bezpieczenstw\w*|sikkerhed\w*/, 3],
    [/load[- ]?balanc\w*|server (?:affinity|routing|instance)|route[sd]? (?:requests|traffic)|sticky|cdn|availability|\bproxy\b|cache/, 3],
    [/\bconsent\w*|consentement|einwilligung|zustimmung|consentimiento|consenso|toestemming|caniat[aâ]d|cookie (?:choices?|preferences|settings|banner|message|notice|consent|policy)|choices? (?:about|regarding|for|of) cookies|(?:seen|accepted|rejected|dismissed|closed) (?:the |our )?(?:cookie|privacy)|(?:accepted|agreed to) the use of cookies|cookies? (?:you|the user) (?:have )?(?:accepted|allowed)|opt[- ]?(?:in|out) (?:choice|status|preference)/, 4],
    [/(?<!not |un|non[- ])(?:strictly )?necessary|essential|required for|needed for|is needed|cannot be (?:switched|turned) off|basic functions?|core functions?|notwendig|erforderlich|n[eé]cessaire|necesari\w*|necessari\w*|noodzakelijk|hanfodol|angenrheidiol|nodvandig\w*|niezbedn\w*|nodvendig\w*|techni(?:cal|que|sch)/, 3],
    [/shopping (?:cart|basket)|checkout|\bbasket\b|\bcart\b|payment|order|state (?:of|during) (?:the|a) (?:flow|form|process)|multi-?step|redirect\w*|upload|form (?:data|submission)|temporary (?:application |framework )?(?:and (?:application |framework ))?state|feature flags?/, 2],
  ],
};

const ORDER: Array<Exclude<Purpose, 'unknown'>> = ['essential', 'advertising', 'analytics', 'functional'];

/** What free text about one cookie suggests, or 'unknown'. */
export function purposeOfText(text: string | null | undefined): Purpose {
  if (!text) return 'unknown';
  const f = foldCaseAndAccents(text.length > 2000 ? text.slice(0, 2000) : text);
  let best: Purpose = 'unknown';
  let bestScore = 0;
  let bestAt = Infinity;
  for (const purpose of ORDER) {
    let score = 0;
    let at = Infinity;
    for (const [re, weight] of CUES[purpose]) {
      const m = re.exec(f);
      if (!m) continue;
      score += weight;
      at = Math.min(at, m.index);
    }
    if (score > bestScore || (score === bestScore && score > 0 && at < bestAt)) {
      best = purpose;
      bestScore = score;
      bestAt = at;
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
