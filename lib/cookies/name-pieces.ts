/**
 * The pieces of a cookie name the classifier hashes (lib/cookies/name-features.ts): its word tokens, its shape
 * (variable parts blanked) and the FNV-1a hash they go through. Written as character scans, not regular
 * expressions and string splits: a never-seen cookie name is on the hot path (issue 10), and these scans
 * allocate nothing but the shape string. lib/cookies/features-crawl.test.ts holds them to what the regular
 * expressions computed when the shipped model was trained. Pure.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a, 32 bits: a stable hash for feature names (the model's buckets depend on it). */
export function hash32(s: string): number {
  return hashWith(FNV_OFFSET, s, 0, s.length);
}

/** The FNV-1a state after `prefix` (to hash `prefix + text` without building the string). */
export function prefixState(prefix: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < prefix.length; i++) {
    h ^= prefix.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** hash32(prefix + s.slice(from, to)), from the prefix's state. */
export function hashWith(state: number, s: string, from: number, to: number): number {
  let h = state;
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** hashWith over the lower-case of an ASCII-letter slice (A-Z folded to a-z). */
export function hashLower(state: number, s: string, from: number, to: number): number {
  let h = state;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    h ^= c >= 65 && c <= 90 ? c + 32 : c;
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

/** hashWith of one character. */
export function hashChar(state: number, c: number): number {
  return Math.imul(state ^ c, FNV_PRIME) >>> 0;
}

/**
 * hashWith over three characters of `^` + shape.slice(0, L - 2) + `$` from position `at` (the trigrams of the
 * padded shape, without building it). `L` is the padded length.
 */
export function hashPaddedGram(state: number, shape: string, at: number, L: number): number {
  let h = state;
  for (let j = at; j < at + 3; j++) {
    h ^= j === 0 ? 94 : j === L - 1 ? 36 : shape.charCodeAt(j - 1);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isUpper = (c: number) => c >= 65 && c <= 90;
const isLower = (c: number) => c >= 97 && c <= 122;
const isAlnum = (c: number) => isDigit(c) || isUpper(c) || isLower(c);
const isHex = (c: number) => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** A token is letters (hashed lower-case from the name), a digit run (`0`) or a long hex run (`#`). */
export const TOKEN_LETTERS = 0;
export const TOKEN_DIGITS = 1;
export const TOKEN_HEX = 2;

/** The tokens of the last `scanTokens` call: start, end, kind. Reused (grown when a name needs more). */
export const scanned = { start: new Int32Array(64), end: new Int32Array(64), kind: new Uint8Array(64) };

/**
 * Word pieces of a name, as `nameTokens` defines them, into `scanned`. Returns how many.
 * Parts are runs of ASCII letters and digits; a part of 8 or more hex characters with a digit is one `#`;
 * otherwise it splits at lower→upper, before the last capital of a capital run followed by a lower-case letter,
 * and between letters and digits.
 */
export function scanTokens(name: string): number {
  if (scanned.start.length < name.length) {
    scanned.start = new Int32Array(name.length);
    scanned.end = new Int32Array(name.length);
    scanned.kind = new Uint8Array(name.length);
  }
  const { start: tokenStart, end: tokenEnd, kind: tokenKind } = scanned;
  let n = 0;
  const len = name.length;
  let i = 0;
  while (i < len) {
    if (!isAlnum(name.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    let hexOnly = true;
    let digit = false;
    while (end < len) {
      const c = name.charCodeAt(end);
      if (!isAlnum(c)) break;
      if (!isHex(c)) hexOnly = false;
      if (isDigit(c)) digit = true;
      end++;
    }
    if (end - i >= 8 && digit && hexOnly) {
      tokenStart[n] = i;
      tokenEnd[n] = end;
      tokenKind[n++] = TOKEN_HEX;
      i = end;
      continue;
    }
    let from = i;
    for (let k = i + 1; k <= end; k++) {
      let cut = k === end;
      if (!cut) {
        const a = name.charCodeAt(k - 1);
        const b = name.charCodeAt(k);
        cut =
          (isLower(a) && isUpper(b)) ||
          (isUpper(a) && isUpper(b) && k + 1 < end && isLower(name.charCodeAt(k + 1))) ||
          (isDigit(a) !== isDigit(b));
      }
      if (cut) {
        tokenStart[n] = from;
        tokenEnd[n] = k;
        tokenKind[n++] = isDigit(name.charCodeAt(from)) ? TOKEN_DIGITS : TOKEN_LETTERS;
        from = k;
      }
    }
    i = end;
  }
  return n;
}

/**
 * Word pieces of a cookie name, lower-case: split on punctuation, camelCase and letter/digit boundaries;
 * digit runs become `0`, long hex-like runs `#`. `_hjSessionUser_12345` -> `hj session user 0`.
 */
export function nameTokens(name: string): string[] {
  const n = scanTokens(name);
  const out: string[] = [];
  for (let t = 0; t < n; t++) {
    const kind = scanned.kind[t];
    out.push(kind === TOKEN_HEX ? '#' : kind === TOKEN_DIGITS ? '0' : name.slice(scanned.start[t], scanned.end[t]).toLowerCase());
  }
  return out;
}

/**
 * The name with its variable parts blanked, lower-case: in each run of ASCII letters and digits, one that holds a
 * digit becomes `0` when all digits, `#` when 6 or more long; in a run without digits, 16 or more hex letters
 * become `#`. `_ga_Q2W3E4R5` -> `_ga_#`, `_gat_UA-12345-1` -> `_gat_ua-0-0`.
 */
export function nameShape(name: string): string {
  const len = name.length;
  shapeOut = null;
  shapeCopied = 0;
  let i = 0;
  while (i < len) {
    if (!isAlnum(name.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i;
    let digits = 0;
    while (end < len && isAlnum(name.charCodeAt(end))) {
      if (isDigit(name.charCodeAt(end))) digits++;
      end++;
    }
    if (digits === end - i) {
      if (!(end - i === 1 && name.charCodeAt(i) === 48)) blank(name, i, end, '0');
    } else if (digits > 0) {
      if (end - i >= 6) blank(name, i, end, '#');
    } else if (end - i >= 16) {
      // A run without digits: its stretches of 16+ hex letters.
      let h = i;
      while (h < end) {
        if (!isHex(name.charCodeAt(h))) {
          h++;
          continue;
        }
        let e = h;
        while (e < end && isHex(name.charCodeAt(e))) e++;
        if (e - h >= 16) blank(name, h, e, '#');
        h = e;
      }
    }
    i = end;
  }
  const out = shapeOut as string | null;
  shapeOut = null;
  if (out === null) return name.toLowerCase();
  return (out + name.slice(shapeCopied)).toLowerCase();
}

/** nameShape's output so far (null while nothing is blanked) and how much of the name it has copied. */
let shapeOut: string | null = null;
let shapeCopied = 0;

function blank(name: string, from: number, to: number, mark: string): void {
  shapeOut = (shapeOut ?? '') + name.slice(shapeCopied, from) + mark;
  shapeCopied = to;
}
