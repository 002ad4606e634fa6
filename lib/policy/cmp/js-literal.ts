/**
 * Reads one JavaScript literal (array, string, number, true / false / null) out of script text, without
 * eval or `new Function`: consent-platform scripts such as Cookiebot's `cc.js` carry their cookie tables as
 * array literals (`CookieConsentDialog.cookieTableNecessary = [["_ga","example.com",...]];`), and that text
 * comes from a server we don't control.
 *
 * Bounded: nesting depth and the number of values are capped, so a hostile script cannot make it hang or
 * blow the stack. Anything outside this grammar (objects, identifiers, calls) fails the whole read.
 */

export type Literal = string | number | boolean | null | Literal[];

export interface LiteralRead {
  value: Literal;
  /** Index just past the literal. */
  end: number;
}

const MAX_DEPTH = 16;
const MAX_VALUES = 200_000;

class Fail extends Error {}

/** Read the literal starting at `start` (leading spaces allowed). Returns null when it is not one we read. */
export function readLiteral(text: string, start: number): LiteralRead | null {
  const reader = new Reader(text, start);
  try {
    const value = reader.value(0);
    return { value, end: reader.pos };
  } catch (e) {
    if (e instanceof Fail) return null;
    throw e;
  }
}

class Reader {
  private values = 0;
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  value(depth: number): Literal {
    if (depth > MAX_DEPTH || ++this.values > MAX_VALUES) throw new Fail();
    this.space();
    const c = this.text[this.pos];
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'") return this.string(c);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of KEYWORDS) {
      if (this.text.startsWith(word, this.pos) && !/[\w$]/.test(this.text[this.pos + word.length] ?? '')) {
        this.pos += word.length;
        return value;
      }
    }
    throw new Fail();
  }

  private array(depth: number): Literal[] {
    const out: Literal[] = [];
    this.pos++; // [
    for (;;) {
      this.space();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return out;
      }
      out.push(this.value(depth + 1));
      this.space();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c !== ']') throw new Fail();
    }
  }

  private string(quote: string): string {
    let out = '';
    let i = this.pos + 1;
    const text = this.text;
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n' || c === '\r') throw new Fail(); // unterminated
      if (c === quote) break;
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const [decoded, length] = escape(text, i + 1);
      out += decoded;
      i += 1 + length;
    }
    this.pos = i + 1;
    return out;
  }

  private number(): number {
    const m = /-?(?:0[xX][0-9a-fA-F]{1,16}|\d{1,300}(?:\.\d{0,300})?(?:[eE][+-]?\d{1,4})?)/y;
    m.lastIndex = this.pos;
    const hit = m.exec(this.text);
    if (!hit) throw new Fail();
    this.pos += hit[0].length;
    const n = Number(hit[0]);
    if (!Number.isFinite(n)) throw new Fail();
    return n;
  }

  /** Spaces and comments. */
  private space(): void {
    const text = this.text;
    for (;;) {
      const c = text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0' || c === '\ufeff') {
        this.pos++;
      } else if (c === '/' && text[this.pos + 1] === '/') {
        const nl = text.indexOf('\n', this.pos);
        this.pos = nl < 0 ? text.length : nl + 1;
      } else if (c === '/' && text[this.pos + 1] === '*') {
        const close = text.indexOf('*/', this.pos + 2);
        if (close < 0) throw new Fail();
        this.pos = close + 2;
      } else {
        return;
      }
    }
  }
}

const KEYWORDS: Array<[string, Literal]> = [
  ['true', true],
  ['false', false],
  ['null', null],
];

const SIMPLE_ESCAPES: Record<string, string> = {
  n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', '0': '\0', "'": "'", '"': '"', '\\': '\\', '/': '/',
};

/** Decode the escape after a backslash at `at`; returns the text and how many characters it used. */
function escape(text: string, at: number): [string, number] {
  const c = text[at];
  if (c === undefined) throw new Fail();
  const simple = SIMPLE_ESCAPES[c];
  if (simple !== undefined && !(c === '0' && /\d/.test(text[at + 1] ?? ''))) return [simple, 1];
  if (c === 'x') return [hexChar(text.slice(at + 1, at + 3), 2), 3];
  if (c === 'u') {
    if (text[at + 1] === '{') {
      const close = text.indexOf('}', at + 2);
      if (close < 0 || close - at > 9) throw new Fail();
      return [hexChar(text.slice(at + 2, close), -1), close - at + 1];
    }
    return [hexChar(text.slice(at + 1, at + 5), 4), 5];
  }
  if (c === '\r' && text[at + 1] === '\n') return ['', 2]; // line continuation
  if (c === '\n' || c === '\r' || c === '\u2028' || c === '\u2029') return ['', 1];
  // JavaScript would drop the backslash of an unknown escape (`"\d"` is "d"). Cookiebot writes its name regexes
  // into double-quoted strings without doubling backslashes (`"^google_experiment_mod\d*$"`), so we keep the
  // backslash: the regex the platform meant is the one worth reading.
  return ['\\' + c, 1];
}

function hexChar(hex: string, length: number): string {
  if ((length > 0 && hex.length !== length) || !/^[0-9a-fA-F]{1,6}$/.test(hex)) throw new Fail();
  const code = parseInt(hex, 16);
  if (code > 0x10ffff) throw new Fail();
  return String.fromCodePoint(code);
}
