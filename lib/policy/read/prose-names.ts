/**
 * Cookie names written in running text: “ttwid” cookies, our third party JSESSIONID cookie, our Google
 * Analytics cookie, _gat_gtag, is used... Only names that are quoted or look technical (underscores, dots,
 * digits, camelCase, ALLCAPS), next to the word "cookie", count: prose is full of ordinary words.
 */
import { cleanName, looksLikeName } from './names';

export interface ProseName {
  name: string;
  duration: string | null;
  sentence: string;
}

const Q = `["“”'‘’\`]`;
const NAME = `([A-Za-z_][\\w.\\-]{1,60})`;
const PATTERNS: RegExp[] = [
  // “ttwid” (first-party) cookie(s)
  new RegExp(`${Q}${NAME}${Q}\\s+(?:(?:first|third)[- ]party\\s+)?cookies?\\b`, 'gi'),
  // cookie(s) called / named “x”
  new RegExp(`\\bcookies?\\s+(?:called|named|known as)\\s+${Q}?${NAME}`, 'gi'),
  // our (third party) JSESSIONID cookie
  new RegExp(`\\b(?:our|the|a|this)\\s+(?:(?:first|third)[- ]party\\s+)?${NAME}\\s+cookies?\\b`, 'g'),
  // cookie, _gat_gtag, is
  new RegExp(`\\bcookies?,\\s+${NAME},`, 'gi'),
];
const DURATION =
  /(?:retained for|retention period of|lasts?(?: for)?(?: a maximum of| up to)?|expires? (?:after|in)|stored for|kept for|valid for|for a period of)\s+((?:\d+|one|two|three|six|twelve|thirteen|a)\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?))/i;

const ORDINARY = /^(?:session|persistent|first-party|third-party|1st-party|3rd-party|html5?|flash|tracking|analytics?|essential|necessary|functional|performance|marketing|advertising|targeting|cookies?|pixels?|web|browser|local|storage|consent|preference|preferences|secure|http|https|same-site|samesite|strictly|other)$/i;

/** Technical-looking: not an ordinary word that happens to precede "cookie". */
function technical(name: string, quoted: boolean): boolean {
  if (!looksLikeName(name) || ORDINARY.test(name)) return false;
  if (quoted) return true;
  return /[_.\d]/.test(name) || /^[A-Z0-9]{3,20}$/.test(name) || /[a-z][A-Z]/.test(name);
}

export function namesInProse(text: string, limit = 200): ProseName[] {
  const out: ProseName[] = [];
  const seen = new Set<string>();
  for (const sentence of text.slice(0, 200_000).split(/(?<=[.!?])\s+|\n+/)) {
    if (sentence.length > 2_000 || !/cookie/i.test(sentence)) continue;
    for (const re of PATTERNS) {
      re.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = re.exec(sentence)) && out.length < limit) {
        const quoted = re === PATTERNS[0] || /^["“”'‘’`]/.test(sentence.slice(m.index + m[0].indexOf(m[1]!) - 1));
        const name = cleanName(m[1]!);
        if (seen.has(name) || !technical(name, quoted)) continue;
        seen.add(name);
        const after = sentence.slice(m.index);
        out.push({ name, duration: DURATION.exec(after)?.[1] ?? null, sentence: sentence.slice(0, 400) });
      }
    }
  }
  return out;
}
