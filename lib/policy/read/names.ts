/**
 * Splitting a cell into the cookie names it lists, and telling names from prose.
 */

const MAX_NAMES_PER_CELL = 200;
/** Browsers accept a name and value of 4,096 bytes together. */
const MAX_NAME_CHARS = 4_096;

/** Words that stand in a name column but are not names. */
const NOT_NAMES = new Set([
  'n/a', 'na', 'none', '-', '--', '—', 'various', 'varies', 'multiple', 'cookie', 'cookies', 'name', 'names', 'and', 'or',
  'etc', 'etc.', 'et', 'und', 'y', 'yes', 'no', 'true', 'false', 'http', 'https', 'html',
  'local storage', 'localstorage', 'pixel', 'tag', 'script',
]);

/** Strip decoration a policy puts around a name: quotes, backticks, trailing colons, a parenthetical note. */
export function cleanName(raw: string): string {
  let s = raw.trim().replace(/\\([_*`[\]{}#<>])/g, '$1');
  s = s.replace(/^[\s"'`\u2018\u2019\u201c\u201d*•·\-–—]+|[\s"'`\u2018\u2019\u201c\u201d:;,–—]+$/g, '');
  // "name (Google Analytics)" -> "name"; keep "(...)" inside patterns only when nothing else remains
  const paren = /^(\S+)\s+\([^)]*\)$/.exec(s);
  if (paren) s = paren[1]!;
  // A label word written into the cell: "Cookie_pk_id", "Cookie: _ga" name Matomo's `_pk_id` and `_ga`
  // (issue 13). Only before an underscore-led name or after a colon, so "CookieConsent" stays whole.
  const label = /^cookie(?::\s*|(?=_[A-Za-z]))(\S.*)$/i.exec(s);
  if (label) s = label[1]!;
  return s.trim();
}

/** Does this look like one cookie name (or a written pattern) rather than prose? */
export function looksLikeName(s: string): boolean {
  // Cookie names up to 4 KB are legal (a real 136-character one was dropped when this said 120): prose is told
  // apart by its spaces and punctuation below, not by length.
  if (s.length === 0 || s.length > MAX_NAME_CHARS) return false;
  if (NOT_NAMES.has(s.toLowerCase())) return false;
  // Spaces are allowed only inside placeholders: "ga_[random number]", "_BEAMER_FIRST_VISIT_{product ID}".
  const outside = s.replace(/<[^<>]*>|\{[^{}]*\}|\[[^[\]]*\]/g, 'X');
  if (/\s/.test(outside)) return false;
  if (/^https?:\/\//i.test(s)) return false;
  // A name has at least one letter, digit or underscore, and no sentence punctuation.
  if (!/[A-Za-z0-9_]/.test(s)) return false;
  if (/[,;!?]/.test(outside)) return false;
  return true;
}

/**
 * The names a cell lists. <code> texts win when present (names in backticks); otherwise the text splits on
 * line breaks, commas, slashes, plus signs, semicolons, ampersands and the words "and" / "or" in the
 * corpus languages. Anything that does not look like a name is dropped.
 */
export function splitNames(text: string, codes: readonly string[] = []): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const push = (raw: string) => {
    const name = cleanName(raw);
    if (!looksLikeName(name) || seen.has(name) || out.length >= MAX_NAMES_PER_CELL) return;
    seen.add(name);
    out.push(name);
  };
  // Instances listed in parentheses after a name, "_ga (_ga_154EK…, _ga_Q60S…)": the name and each instance.
  const listed = /^\s*(\S+)\s*\(([^()]{1,2000})\)\s*$/.exec(text);
  if (listed && codes.length === 0) {
    const stem = cleanName(listed[1]!);
    const inside = listed[2]!.split(/\s*[,;]\s*|\s+(?:and|or|et|ou|und|oder|y|o)\s+/).map((p) => cleanName(p.replace(/(?:…|\.{3})$/, '*')));
    if (stem.length >= 2 && inside.every((p) => looksLikeName(p) && p.toLowerCase().startsWith(stem.slice(0, 3).toLowerCase()))) {
      for (const name of [stem, ...inside]) push(name);
      return out;
    }
  }
  const codeNames = codes.flatMap((c) => splitText(c));
  if (codeNames.length > 0) {
    for (const c of codeNames) push(c);
    if (out.length > 0) return out;
  }
  const parts = splitText(text);
  // A product's name wrapped over lines ("Firebase" / "Cloud Messaging") is not a list of cookies: beside a
  // phrase of product words, a lone capitalised word is a product too (issue 13).
  const products = parts.length > 1 && parts.some((p) => p.includes(' ') && isProductPhrase(cleanName(p)));
  for (const part of parts) if (!(products && isProductWord(cleanName(part)))) push(part);
  return out;
}

function splitText(text: string): string[] {
  return text
    .split(/\n|,|;|\s\/\s|\s\+\s|\s&\s|\s(?:and|or|et|ou|und|oder|y|o|en|e|a|neu)\s|\s[|]\s/)
    .flatMap((p) => (/^\S+\/\S+$/.test(p.trim()) && !/^https?:/i.test(p.trim()) && !/[*#<{[]/.test(p) ? splitSlash(p) : [p]))
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** "a/b" without spaces is ambiguous: split it only when both sides look like names of similar shape. */
function splitSlash(p: string): string[] {
  const parts = p.trim().split('/');
  if (parts.length > 1 && parts.every((x) => /^[A-Za-z_][\w.\-]*$/.test(x))) return parts;
  return [p];
}

/** Without a header saying so, only names that look technical count: `_ga`, `NID`, `csrftoken`, `ai_user`. */
export function looksTechnical(s: string): boolean {
  if (!looksLikeName(s)) return false;
  return /[_.\-\d]/.test(s) || /^[A-Z0-9]{2,12}$/.test(s) || /[a-z][A-Z]/.test(s);
}

/** A product or service name in words: "Cloud Messaging", "Google Analytics for Firebase", "Sign in with Apple". */
export function isProductPhrase(s: string): boolean {
  return s.length <= 60 && /^[A-Z][A-Za-z0-9.]*(?:\s+(?:[A-Z][A-Za-z0-9.]*|for|with|in|by|of|and|on|&))+$/.test(s);
}

/** One plain capitalised word ("Crashlytics", "Firebase"): a product among products, not a technical name. */
export function isProductWord(s: string): boolean {
  return /^[A-Z][a-z]{2,}$/.test(s);
}
