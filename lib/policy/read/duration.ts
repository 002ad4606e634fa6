/**
 * Cookie lifetimes as policies and consent platforms write them, in en / fr / de / es / cy / nl / it / sv / pl / da:
 * "2 years", "13 mois", "1 Jahr", "Sesión", "1 flwyddyn", "30 dagen", "1y", "P1Y", "1 year 1 month",
 * "1 to 2 years", "Persistent - 1 year".
 *
 * Conventions: year = 365 days, month = 30 days, week = 7 days. 0 seconds = session cookie.
 * Several figures: adjacent ones with falling units add up ("1 year 1 month"); otherwise the longest
 * wins ("1 to 2 years", "Session or 1 year"), because a site that writes two lifetimes has promised
 * neither shorter one.
 */
import { foldCaseAndAccents } from './purpose';

export interface ParsedDuration {
  seconds: number | null;
  warning?: string;
}

/** Duration cells are short; anything longer is prose or hostile input. */
const MAX_INPUT = 200;

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

// Unit words after folding (lower case, accents removed), with their inflections and Welsh mutations.
const UNIT_WORDS: Array<[number, string[]]> = [
  [YEAR, ['y', 'yr', 'yrs', 'year', 'years', 'an', 'ans', 'annee', 'annees', 'jahr', 'jahre', 'jahren', 'jahres',
    'ano', 'anos', 'anno', 'anni', 'jaar', 'jaren', 'blwyddyn', 'flwyddyn', 'mlwyddyn', 'blynedd', 'flynedd', 'mlynedd', 'mlwydd',
    'ar', 'aret', 'aaret', 'rok', 'roku', 'lata', 'lat']],
  [MONTH, ['mo', 'mos', 'mth', 'mths', 'month', 'months', 'mois', 'monat', 'monate', 'monaten', 'monats', 'mes', 'meses',
    'mese', 'mesi', 'maand', 'maanden', 'mis', 'fis', 'misoedd', 'manad', 'manader', 'maned', 'maneder', 'miesiac',
    'miesiace', 'miesiecy', 'miesiaca']],
  [WEEK, ['w', 'wk', 'wks', 'week', 'weeks', 'semaine', 'semaines', 'woche', 'wochen', 'semana', 'semanas', 'settimana',
    'settimane', 'weken', 'wythnos', 'wythnosau', 'vecka', 'veckor', 'uge', 'uger', 'tydzien', 'tygodnie', 'tygodni']],
  [DAY, ['d', 'day', 'days', 'j', 'jour', 'jours', 'tag', 'tage', 'tagen', 'dia', 'dias', 'giorno', 'giorni', 'gg', 'dag',
    'dagen', 'diwrnod', 'ddiwrnod', 'niwrnod', 'diwrnodau', 'dydd', 'ddydd', 'dagar', 'dage', 'dygn', 'dogn', 'dzien', 'dni',
    'dnia']],
  [HOUR, ['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures', 'std', 'stunde', 'stunden', 'hora', 'horas', 'ora', 'ore',
    'uur', 'uren', 'awr', 'oriau', 'timme', 'timmar', 'timer', 'godzina', 'godziny', 'godzin']],
  [MINUTE, ['min', 'mins', 'minute', 'minutes', 'minuten', 'minuto', 'minutos', 'minuti', 'minuut', 'munud', 'munudau', 'minut', 'minuter', 'minutter', 'minuta', 'minuty']],
  [1, ['s', 'sec', 'secs', 'second', 'seconds', 'seconde', 'secondes', 'sekunde', 'sekunden', 'segundo', 'segundos',
    'secondo', 'secondi', 'seconden', 'eiliad', 'eiliadau', 'sekund', 'sekunder', 'sekunda', 'sekundy']],
];
// "m" alone is left out on purpose: cookie tables use it for both minutes and months.

// Small numbers written as words ("a year", "un año", "zwei Jahre", "dwy flynedd"). Past twelve, sites use digits.
const NUMBER_WORDS: Array<[number, string[]]> = [
  [1, ['a', 'an', 'one', 'un', 'une', 'uno', 'una', 'ein', 'eine', 'einen', 'einem', 'een', 'ett', 'jeden', 'jedna']],
  [2, ['two', 'deux', 'zwei', 'dos', 'due', 'twee', 'dau', 'dwy', 'tva', 'to', 'dwa', 'dwie']],
  [3, ['three', 'trois', 'drei', 'tres', 'tre', 'drie', 'tri', 'tair', 'trzy']],
  [4, ['four', 'quatre', 'vier', 'cuatro', 'quattro', 'pedwar', 'pedair']],
  [5, ['five', 'cinq', 'funf', 'cinco', 'cinque', 'vijf', 'pump']],
  [6, ['six', 'sechs', 'seis', 'sei', 'zes', 'chwech']],
  [7, ['seven', 'sept', 'sieben', 'siete', 'sette', 'zeven', 'saith']],
  [8, ['eight', 'huit', 'acht', 'ocho', 'otto', 'wyth']],
  [9, ['nine', 'neuf', 'neun', 'nueve', 'nove', 'negen', 'naw']],
  [10, ['ten', 'dix', 'zehn', 'diez', 'dieci', 'tien', 'deg']],
  [12, ['twelve', 'douze', 'zwolf', 'doce', 'dodici', 'twaalf', 'deuddeg']],
];

const UNIT_SECONDS = new Map<string, number>(UNIT_WORDS.flatMap(([s, words]) => words.map((w) => [w, s] as const)));
const NUMBER_VALUE = new Map<string, number>(NUMBER_WORDS.flatMap(([n, words]) => words.map((w) => [w, n] as const)));

const byLength = (a: string, b: string) => b.length - a.length;
const UNIT_ALT = [...UNIT_SECONDS.keys()].sort(byLength).join('|');
const NUMBER_WORD_ALT = [...NUMBER_VALUE.keys()].sort(byLength).join('|');

// A figure and its unit: "13 mois", "1y", "1,5 Jahre", "un an". Digits are capped at 9 so the product stays finite.
const FIGURE = new RegExp(
  `(?<![\\w.,])(\\d{1,9}(?:[.,]\\d{1,2}(?!\\d))?|(?:${NUMBER_WORD_ALT})(?=\\s))\\s*(${UNIT_ALT})(?![a-z])`,
  'g',
);
// Between two parts of one compound lifetime: spaces, commas, "and" in our languages.
const JOINER = /^[\s,;+&]*(?:(?:and|et|und|y|e|en|ac|a|i|plus)\s*)?$/;

// ISO 8601 durations (P1Y, P30D, PT2H30M), as some platforms export them.
const ISO = /^p(?:(\d{1,6})y)?(?:(\d{1,6})m)?(?:(\d{1,6})w)?(?:(\d{1,6})d)?(?:t(?:(\d{1,6})h)?(?:(\d{1,6})m)?(?:(\d{1,6})s)?)?$/;

// Session cookies: the word in each language, and "until the browser closes" phrasings.
const SESSION = new RegExp(
  [
    '\\bsess(?:ion|ione|ie|ao)',
    '\\bsesion',
    '\\bsitzung',
    '\\bsesiwn',
    '\\bbrowser(?:[- ]?session| close| closes| is closed)',
    '\\bclos(?:e|es|ed|ing) (?:of )?(?:your |the |their |all )?(?:browser|window)',
    '\\bfermeture (?:du|de votre) navigateur',
    'schlie(?:ss|\u00df)en (?:des|ihres) browsers',
    '\\bcierre (?:del|de su) navegador',
    '\\bchiusura del (?:browser|navigatore)',
    '\\bsluiten van (?:de|uw|je) browser',
    "\\bcau(?:'r| eich) porwr",
    '\\bsesj[aiy]\\b|\\bsesyjn',
    '\\bwebblasaren (?:stangs|avslutas)',
    '\\bbrowseren (?:lukkes|afsluttes)',
    '\\bzamkniecia przegladarki',
  ].join('|'),
);

// "Persistent" without a length: the cookie outlives the session, for how long nobody says.
const PERSISTENT = /\b(persist[ae]n\w*|permanen\w*|dauerhaft|parhaol|parhaus|blijvend|stale|trwale|varaktig\w*|vedvarende)/;

export function parseDuration(text: string): ParsedDuration {
  if (typeof text !== 'string') return { seconds: null, warning: 'duration: not text' };
  const f = foldCaseAndAccents(text.length > MAX_INPUT ? text.slice(0, MAX_INPUT) : text);
  if (f.length === 0) return { seconds: null, warning: 'duration: empty' };

  const iso = isoSeconds(f);
  if (iso !== null) return { seconds: iso };

  const figures = longestFigure(f);
  if (figures !== null) return { seconds: figures };
  if (SESSION.test(f)) return { seconds: 0 };
  if (PERSISTENT.test(f)) return { seconds: null, warning: 'duration: persistent, no length stated' };
  return { seconds: null, warning: `duration not understood: "${text.trim().slice(0, 60)}"` };
}

function isoSeconds(f: string): number | null {
  const m = ISO.exec(f);
  if (!m || f === 'p' || f.endsWith('t')) return null;
  const [, y, mo, w, d, h, mi, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return y! * YEAR + mo! * MONTH + w! * WEEK + d! * DAY + h! * HOUR + mi! * MINUTE + s!;
}

/** Sum adjacent figures with falling units into one lifetime; return the longest lifetime, or null when none. */
function longestFigure(f: string): number | null {
  let best: number | null = null;
  let current = 0;
  let lastUnit = Infinity;
  let lastEnd = -1;
  for (const m of f.matchAll(FIGURE)) {
    const amount = NUMBER_VALUE.get(m[1]!) ?? Number(m[1]!.replace(',', '.'));
    const unit = UNIT_SECONDS.get(m[2]!)!;
    const joined = lastEnd >= 0 && unit < lastUnit && JOINER.test(f.slice(lastEnd, m.index));
    current = (joined ? current : 0) + amount * unit;
    lastUnit = unit;
    lastEnd = m.index! + m[0].length;
    if (best === null || current > best) best = current;
  }
  return best === null ? null : Math.round(best);
}
