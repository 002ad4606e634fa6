/**
 * Reads a JavaScript object or array literal as data, without eval: consent configs written into pages
 * (`var klaroConfig = {...}`, `CookieConsent.run({...})`, `tarteaucitron.services.x = {...}`) carry their
 * cookie lists as literals among functions and variables. Keys may be bare, strings may use any quote,
 * regex literals become `{ regex: source }` (the shape the platform readers take), and whatever is not data
 * (functions, arrows, identifiers, calls) becomes null. Bounded in depth, values and length; never throws.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 32;
const MAX_VALUES = 100_000;
const MAX_SCAN = 2 * 1024 * 1024;

class Fail extends Error {}

/** The literal starting at `start` (spaces allowed before it), or null when there is none. */
export function readJsValue(text: string, start: number): { value: JsonValue; end: number } | null {
  const r = new ObjectReader(text.length > start + MAX_SCAN ? text.slice(0, start + MAX_SCAN) : text, start);
  try {
    const value = r.value(0);
    return { value, end: r.pos };
  } catch (e) {
    if (e instanceof Fail || e instanceof RangeError) return null;
    throw e;
  }
}

/**
 * Every object literal that follows a match of `marker` (a global regex whose match ends just before the
 * literal, e.g. /\bklaroConfig\s*=\s*(?=\{)/g). At most `limit` of them.
 */
export function objectsAfter(text: string, marker: RegExp, limit = 20): Array<{ value: JsonValue; at: number }> {
  const out: Array<{ value: JsonValue; at: number }> = [];
  const re = new RegExp(marker.source, marker.flags.includes('g') ? marker.flags : marker.flags + 'g');
  let m: RegExpExecArray | null;
  while (out.length < limit && (m = re.exec(text)) !== null) {
    const read = readJsValue(text, m.index + m[0].length);
    if (read && typeof read.value === 'object' && read.value !== null) out.push({ value: read.value, at: m.index });
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
}

const ID_START = /[A-Za-z_$]/;
const ID_CHAR = /[\w$]/;

class ObjectReader {
  private values = 0;
  constructor(
    private readonly text: string,
    public pos: number,
  ) {}

  value(depth: number): JsonValue {
    if (depth > MAX_DEPTH || ++this.values > MAX_VALUES) throw new Fail();
    this.space();
    const c = this.text[this.pos];
    if (c === undefined) throw new Fail();
    if (c === '{') return this.object(depth);
    if (c === '[') return this.array(depth);
    if (c === '"' || c === "'" || c === '`') return this.string(c);
    if (c === '/') return { regex: this.regex() };
    if (c === '-' || c === '.' || (c >= '0' && c <= '9')) {
      const n = this.number();
      if (n !== null) return n;
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null], ['undefined', null]] as const) {
      if (this.text.startsWith(word, this.pos) && !ID_CHAR.test(this.text[this.pos + word.length] ?? '')) {
        const after = this.peekAfter(this.pos + word.length);
        if (after === ',' || after === '}' || after === ']' || after === ')' || after === ';' || after === undefined) {
          this.pos += word.length;
          return v;
        }
      }
    }
    this.skipExpression();
    return null;
  }

  private object(depth: number): { [key: string]: JsonValue } {
    const out: { [key: string]: JsonValue } = Object.create(null);
    this.pos++;
    for (;;) {
      this.space();
      const c = this.text[this.pos];
      if (c === undefined) throw new Fail();
      if (c === '}') {
        this.pos++;
        return { ...out };
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (this.text.startsWith('...', this.pos)) {
        this.skipExpression();
        continue;
      }
      let key: string;
      if (c === '"' || c === "'") key = this.string(c);
      else if (c === '[') {
        // computed key: not data
        this.skipBalanced('[', ']');
        key = '';
      } else {
        const m = /^(?:get\s+|set\s+|async\s+)?([A-Za-z_$][\w$]*|\d+)/.exec(this.text.slice(this.pos, this.pos + 200));
        if (!m) throw new Fail();
        key = m[1]!;
        this.pos += m[0].length;
      }
      this.space();
      const next = this.text[this.pos];
      if (next === ':') {
        this.pos++;
        const v = this.value(depth + 1);
        if (key && key !== '__proto__') out[key] = v;
      } else if (next === '(') {
        // method shorthand: name(args) { body }
        this.skipBalanced('(', ')');
        this.space();
        if (this.text[this.pos] === '{') this.skipBalanced('{', '}');
        if (key && key !== '__proto__') out[key] = null;
      } else if (next === ',' || next === '}') {
        if (key && key !== '__proto__') out[key] = null; // shorthand property: a variable
      } else {
        throw new Fail();
      }
    }
  }

  private array(depth: number): JsonValue[] {
    const out: JsonValue[] = [];
    this.pos++;
    for (;;) {
      this.space();
      const c = this.text[this.pos];
      if (c === undefined) throw new Fail();
      if (c === ']') {
        this.pos++;
        return out;
      }
      if (c === ',') {
        this.pos++;
        continue;
      }
      out.push(this.value(depth + 1));
    }
  }

  private string(quote: string): string {
    let out = '';
    this.pos++;
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined) throw new Fail();
      if (c === quote) return out;
      if (c === '\\') {
        const e = this.text[this.pos++];
        if (e === undefined) throw new Fail();
        if (e === 'n') out += '\n';
        else if (e === 't') out += '\t';
        else if (e === 'r') out += '\r';
        else if (e === 'u') {
          const hex = /^(?:[0-9a-fA-F]{4}|\{[0-9a-fA-F]{1,6}\})/.exec(this.text.slice(this.pos, this.pos + 8));
          if (!hex) throw new Fail();
          const code = parseInt(hex[0].replace(/[{}]/g, ''), 16);
          if (code > 0x10ffff) throw new Fail();
          out += String.fromCodePoint(code);
          this.pos += hex[0].length;
        } else if (e === 'x') {
          const hex = /^[0-9a-fA-F]{2}/.exec(this.text.slice(this.pos, this.pos + 2));
          if (!hex) throw new Fail();
          out += String.fromCharCode(parseInt(hex[0], 16));
          this.pos += 2;
        } else if (e === '\n') {
          /* line continuation */
        } else if (e === 'b') out += '\b';
        else if (e === 'f') out += '\f';
        else if (e === 'v') out += '\v';
        else if (e === '0' && !/\d/.test(this.text[this.pos] ?? '')) out += '\0';
        else if (e === quote || e === '\\' || e === '/' || e === "'" || e === '"' || e === '`' || e === '$') out += e;
        // JavaScript drops the backslash of an unknown escape (`"\d"` is "d"). Platforms write their name
        // regexes into strings without doubling backslashes (Cookiebot: `"^google_experiment_mod\d*$"`), so
        // we keep it: the regex the platform meant is the one worth reading.
        else out += '\\' + e;
        continue;
      }
      if (quote === '`' && c === '$' && this.text[this.pos] === '{') {
        // a template with a substitution is not a constant: keep the literal parts
        this.skipBalanced('{', '}');
        continue;
      }
      if ((c === '\n' || c === '\r') && quote !== '`') throw new Fail();
      out += c;
    }
  }

  private regex(): string {
    let out = '';
    let inClass = false;
    this.pos++;
    for (;;) {
      const c = this.text[this.pos++];
      if (c === undefined || c === '\n') throw new Fail();
      if (c === '\\') {
        out += c + (this.text[this.pos++] ?? '');
        continue;
      }
      if (c === '[') inClass = true;
      else if (c === ']') inClass = false;
      else if (c === '/' && !inClass) break;
      out += c;
    }
    while (ID_CHAR.test(this.text[this.pos] ?? '')) this.pos++;
    return out;
  }

  private number(): number | null {
    const m = /^-?(?:0[xX][0-9a-fA-F]+|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.pos, this.pos + 40));
    if (!m) return null;
    const after = this.peekAfter(this.pos + m[0].length);
    if (after !== ',' && after !== '}' && after !== ']' && after !== ')' && after !== ';' && after !== undefined) return null;
    this.pos += m[0].length;
    const n = Number(m[0]);
    return Number.isFinite(n) ? n : null;
  }

  private peekAfter(i: number): string | undefined {
    while (i < this.text.length && /\s/.test(this.text[i]!)) i++;
    return this.text[i];
  }

  /** Skip an expression we do not read, up to the `,` `}` `]` or `)` that ends it at this level. */
  private skipExpression(): void {
    let depth = 0;
    const start = this.pos;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"' || c === "'" || c === '`') {
        this.string(c);
        continue;
      }
      if (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*')) {
        this.space();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      this.pos++;
    }
    if (this.pos === start) throw new Fail();
  }

  private skipBalanced(open: string, close: string): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"' || c === "'" || c === '`') {
        this.string(c);
        continue;
      }
      this.pos++;
      if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
    throw new Fail();
  }

  private space(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
        this.pos++;
      } else if (c === '/' && this.text[this.pos + 1] === '/') {
        const nl = this.text.indexOf('\n', this.pos);
        this.pos = nl < 0 ? this.text.length : nl;
      } else if (c === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end < 0) throw new Fail();
        this.pos = end + 2;
      } else return;
    }
  }
}

export const isJsIdentifierStart = (c: string): boolean => ID_START.test(c);
