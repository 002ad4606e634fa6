/**
 * Cookie-name patterns as policies write them, compiled into matchers that never run a regular
 * expression taken from a page.
 *
 * Policies write variable parts in many ways: `_pk_id.*`, `_ga_<container-id>`, `_ga_XXXXXXX`,
 * `SESS#`, `{HASH}`, `ga_[random number]`, `xxxx`, `Ckln*`, `__Secure-xxxxx`, `%INTEGER%`.
 * Each becomes `*` in a glob; a glob whose only `*` is at the end is a prefix.
 */
import type { MatchKind } from '../types';

export interface NamePattern {
  match: MatchKind;
  /** exact name, prefix stem, or glob with `*` */
  pattern: string;
}

/** Longest name we keep. Real cookie names are short; a 1 MB "name" is hostile input. */
export const MAX_NAME_LENGTH = 256;

// Placeholders: <...>, {...}, [...], %...%, and a lone # (Cookiebot), each standing for a variable part.
const BRACKETED = /<[^<>]{1,40}>|\{[^{}]{1,40}\}|\[[^[\]]{1,40}\]|%[A-Za-z_]{1,20}%/g;
// Runs of x / X (3 or more) standing alone as a segment: `xxxx`, `_ga_XXXXXXX`, `__Secure-xxxxx`.
// Also `AMCVS_xxxxxAdobeOrg` (a lower-case run before a capital) and `LPSID-nnnnnnnn` (a run of n).
const XRUN = /(^|[._\-:])(?:x{3,}(?=$|[._\-:@A-Z])|X{3,}(?=$|[._\-:@])|n{4,}(?=$|[._\-:@]))/g;
// Runs of # (Cookiebot writes `SESS#`, `events/1/#`).
const HASHES = /#+/g;

/** Turn a name as written into a pattern. Returns null for an empty or absurd name. */
export function compileName(written: string): NamePattern | null {
  let name = written.trim();
  if (name.length === 0 || name.length > MAX_NAME_LENGTH) return null;
  let glob = name
    .replace(BRACKETED, '*')
    .replace(XRUN, '$1*')
    .replace(HASHES, '*')
    .replace(/\*{2,}/g, '*');
  if (!glob.includes('*')) return { match: 'exact', pattern: name };
  if (glob === '*') return null; // matches everything: not a declaration of a name
  const first = glob.indexOf('*');
  if (first === glob.length - 1) return { match: 'prefix', pattern: glob.slice(0, -1) };
  return { match: 'glob', pattern: glob };
}

/** Glob match with `*` = any run (possibly empty). Linear-time greedy algorithm with backtracking to the last star. */
export function globMatch(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (g < glob.length && glob.charCodeAt(g) !== 42 && glob.charCodeAt(g) === text.charCodeAt(t)) {
      g++;
      t++;
    } else if (g < glob.length && glob.charCodeAt(g) === 42) {
      star = g++;
      mark = t;
    } else if (star !== -1) {
      g = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob.charCodeAt(g) === 42) g++;
  return g === glob.length;
}

export function matchesName(p: NamePattern, name: string): boolean {
  switch (p.match) {
    case 'exact':
      return p.pattern === name;
    case 'prefix':
      return name.startsWith(p.pattern);
    case 'glob':
      return globMatch(p.pattern, name);
  }
}

/** Does one pattern cover another? Used to compare declarations (a pattern matches a pattern). */
export function patternsOverlap(a: NamePattern, b: NamePattern): boolean {
  if (a.match === 'exact') return matchesName(b, a.pattern);
  if (b.match === 'exact') return matchesName(a, b.pattern);
  // Both variable: compare their literal stems.
  const sa = a.match === 'prefix' ? a.pattern : a.pattern.slice(0, a.pattern.indexOf('*'));
  const sb = b.match === 'prefix' ? b.pattern : b.pattern.slice(0, b.pattern.indexOf('*'));
  return sa.startsWith(sb) || sb.startsWith(sa);
}

/**
 * Translate a consent platform's own name regex (Cookiebot `^_gat(_.+)*$`, Klaro `/^_pk_.*$/`) into a
 * pattern when it is simple: anchors, `.*`, `.+`, `\d`/`[0-9]` classes with quantifiers, optional groups
 * of those, and literal alternations (which give several patterns). Anything else returns null: the
 * caller keeps the display name and warns. Never compiles the regex.
 */
export function translateRegex(source: string): NamePattern[] | null {
  let s = source.trim();
  if (s.length === 0 || s.length > MAX_NAME_LENGTH) return null;
  const slashed = /^\/(.*)\/[a-z]*$/.exec(s);
  if (slashed) s = slashed[1]!;
  const anchoredStart = s.startsWith('^');
  if (anchoredStart) s = s.slice(1);
  const anchoredEnd = s.endsWith('$') && !s.endsWith('\\$');
  if (anchoredEnd) s = s.slice(0, -1);
  // Top-level literal alternation: ^(a|b|c)$ or a|b
  const alt = /^\(([^()]*)\)$/.exec(s);
  const body = alt && alt[1]!.includes('|') ? alt[1]! : s;
  if (hasTopLevelBar(body)) {
    const parts = splitTopLevel(body);
    const out: NamePattern[] = [];
    for (const part of parts) {
      const one = translateSimple(part, anchoredStart, anchoredEnd);
      if (!one) return null;
      out.push(one);
    }
    return out;
  }
  const one = translateSimple(s, anchoredStart, anchoredEnd);
  return one ? [one] : null;
}

function hasTopLevelBar(s: string): boolean {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

/** One branch: literals, escapes of punctuation, and variable pieces that become `*`. */
function translateSimple(s: string, anchoredStart: boolean, anchoredEnd: boolean): NamePattern | null {
  let glob = anchoredStart ? '' : '*';
  let i = 0;
  while (i < s.length) {
    const rest = s.slice(i);
    // Variable pieces: .* .+ .? \d+ \d* [0-9]+ [a-z0-9]+ \w+ and optional groups like (_.+)* or (\.\d+)?
    const variable = /^(?:\.[*+?]|\\[dw][*+?]?|\[[\w\-]+\][*+?]?|\{\d+(?:,\d*)?\}|\((?:[^()|]|\\.)*\)[*+?])/.exec(rest);
    if (variable) {
      // A quantified literal like `a{2}` is not a variable piece: only accept `{n}` after a class, handled above.
      if (variable[0].startsWith('{')) return null;
      glob += '*';
      i += variable[0].length;
      continue;
    }
    const c = s[i]!;
    if (c === '\\') {
      const next = s[i + 1];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return null; // \b, \s ...: not simple
      glob += next;
      i += 2;
      continue;
    }
    if ('()[]{}|+*?.^$'.includes(c)) return null;
    glob += c;
    i++;
  }
  if (!anchoredEnd) glob += '*';
  glob = glob.replace(/\*{2,}/g, '*');
  if (glob === '*' || glob.length === 0) return null;
  if (!glob.includes('*')) return { match: 'exact', pattern: glob };
  const first = glob.indexOf('*');
  if (first === glob.length - 1) return { match: 'prefix', pattern: glob.slice(0, -1) };
  return { match: 'glob', pattern: glob };
}

const STAR = 42;

interface Entry<T> {
  p: NamePattern;
  value: T;
  order: number;
}

/**
 * A compiled set of patterns for the cookie-event hot path: exact names in a Map, prefixes and globs
 * in arrays scanned only when the Map misses.
 */
export class PatternIndex<T> {
  private readonly exact = new Map<string, T>();
  private readonly variable: Array<{ p: NamePattern; value: T }> = [];
  /**
   * The variable patterns by the first two characters of their stem (`byTwo`, keyed by both char codes), by the
   * first alone when the stem has one character (`byOne`), and those starting with `*` (`stars`), each list in the
   * frozen order; get() merges a name's buckets by that order, so it returns the same pattern as a scan of every
   * pattern would, without testing the ones that cannot match.
   */
  private byTwo: Map<number, Entry<T>[]> | null = null;
  private byOne: Map<number, Entry<T>[]> | null = null;
  private stars: Entry<T>[] = [];

  add(p: NamePattern, value: T): void {
    if (p.match === 'exact') {
      if (!this.exact.has(p.pattern)) this.exact.set(p.pattern, value);
    } else {
      this.variable.push({ p, value });
    }
    this.byTwo = null;
    this.byOne = null;
  }

  /** Sort variable patterns longest stem first, so the most specific wins. Call after the last add. */
  freeze(): this {
    this.variable.sort((a, b) => b.p.pattern.length - a.p.pattern.length);
    const byTwo = new Map<number, Entry<T>[]>();
    const byOne = new Map<number, Entry<T>[]>();
    const stars: Entry<T>[] = [];
    const into = (m: Map<number, Entry<T>[]>, key: number, e: Entry<T>) => {
      const list = m.get(key);
      if (list) list.push(e);
      else m.set(key, [e]);
    };
    this.variable.forEach((entry, order) => {
      const e = { ...entry, order };
      const s = entry.p.pattern;
      const c0 = s.charCodeAt(0);
      const c1 = s.length > 1 ? s.charCodeAt(1) : STAR;
      if (c0 === STAR) stars.push(e);
      else if (c1 === STAR) into(byOne, c0, e);
      else into(byTwo, c0 * 65536 + c1, e);
    });
    this.byTwo = byTwo;
    this.byOne = byOne;
    this.stars = stars;
    return this;
  }

  get(name: string): T | undefined {
    const hit = this.exact.get(name);
    if (hit !== undefined) return hit;
    const byTwo = this.byTwo;
    if (!byTwo) {
      for (const entry of this.variable) if (matchesName(entry.p, name)) return entry.value;
      return undefined;
    }
    if (this.variable.length === 0) return undefined;
    const c0 = name.length > 0 ? name.charCodeAt(0) : -1;
    const a = name.length > 1 ? byTwo.get(c0 * 65536 + name.charCodeAt(1)) : undefined;
    const b = c0 >= 0 ? this.byOne!.get(c0) : undefined;
    const c = this.stars;
    const na = a ? a.length : 0;
    const nb = b ? b.length : 0;
    const nc = c.length;
    let i = 0;
    let j = 0;
    let k = 0;
    // Three lists merged by their frozen order.
    while (i < na || j < nb || k < nc) {
      const oa = i < na ? a![i]!.order : Infinity;
      const ob = j < nb ? b![j]!.order : Infinity;
      const oc = k < nc ? c[k]!.order : Infinity;
      const entry = oa < ob && oa < oc ? a![i++]! : ob < oc ? b![j++]! : c[k++]!;
      if (matchesName(entry.p, name)) return entry.value;
    }
    return undefined;
  }

  get size(): number {
    return this.exact.size + this.variable.length;
  }
}
