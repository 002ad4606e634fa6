/**
 * Reads a JavaScript object or array literal as data, without eval: consent configs written into pages
 * (`var klaroConfig = {...}`, `CookieConsent.run({...})`, `tarteaucitron.services.x = {...}`) carry their
 * cookie lists as literals among functions and variables.
 *
 * The literal is parsed with acorn, a real ECMAScript parser, then its data is read off the syntax tree. The
 * hand-written scanner this replaces skipped code it did not read by counting brackets, and could not tell a
 * regex literal from a division: `{a: function () { return /[}]/.test(x) }, cookies: ["_ga"]}` lost `cookies`
 * without a word (issue 8). A parser knows where a function, a regex or a template ends.
 *
 * Strings, numbers, booleans, null, arrays, objects and templates without substitutions are read as data;
 * regex literals become `{ regex: source }` (the shape the platform readers take); whatever is not data
 * (functions, arrows, identifiers, calls, templates with substitutions) becomes null. Bounded in input length,
 * depth and values; never throws.
 */
import { parseExpressionAt, type Expression, type Node, type Options } from 'acorn';

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const MAX_DEPTH = 32;
const MAX_VALUES = 100_000;
/** Input past this many characters from the literal's start is not read: a longer literal is refused. */
const MAX_SCAN = 2 * 1024 * 1024;

class Fail extends Error {}

const OPTIONS: Options[] = (['script', 'module'] as const).map((sourceType) => ({
  ecmaVersion: 'latest',
  sourceType,
  // Page scripts are read out of context: accept what is only legal inside a function or a module.
  allowReturnOutsideFunction: true,
  allowAwaitOutsideFunction: true,
  allowImportExportEverywhere: true,
  allowReserved: true,
  allowHashBang: true,
}));

/** The literal starting at `start` (spaces and comments allowed before it), or null when there is none. */
export function readJsValue(text: string, start: number): { value: JsonValue; end: number } | null {
  if (typeof text !== 'string' || start < 0 || start >= text.length) return null;
  // Parse a slice that starts at the literal: acorn given an offset counts the lines before it, which
  // costs the whole prefix each time, and the slice is the size bound.
  const source = text.length - start > MAX_SCAN ? text.slice(start, start + MAX_SCAN) : text.slice(start);
  const expression = parseAt(source);
  if (!expression) return null;
  const node = dataNode(expression);
  try {
    const reader = new Reader();
    return { value: node ? reader.value(node, 0) : null, end: start + (node ?? first(expression)).end };
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

/**
 * One expression at the start of `source`: as a script, else as a module. What follows the expression is
 * not read, but acorn still reads the token after it: when that token is the error (`{...} <garbage>`), the
 * text up to it is parsed again, so a broken script after the literal does not cost the literal.
 */
function parseAt(source: string): Expression | null {
  for (const options of OPTIONS) {
    let cut = -1;
    try {
      return parseExpressionAt(source, 0, options);
    } catch (e) {
      // RangeError: nesting deep enough to exhaust the stack. Nothing a real config does.
      if (!(e instanceof SyntaxError)) return null;
      cut = typeof (e as { pos?: unknown }).pos === 'number' ? (e as unknown as { pos: number }).pos : -1;
    }
    if (cut > 0 && cut < source.length) {
      try {
        return parseExpressionAt(source.slice(0, cut), 0, options);
      } catch (e) {
        if (!(e instanceof SyntaxError)) return null;
      }
    }
  }
  return null;
}

/** The first expression of a comma sequence (`{...}, other = 1` reads the object). */
function first(node: Expression): Expression {
  return node.type === 'SequenceExpression' ? node.expressions[0]! : node;
}

const DATA = new Set(['ObjectExpression', 'ArrayExpression', 'Literal', 'TemplateLiteral', 'UnaryExpression']);

/**
 * The literal the text starts with, when the expression goes on after it (`[...].forEach(f)`, `{...} || {}`):
 * the outermost data node on the expression's left edge, starting where the expression starts.
 */
function dataNode(expression: Expression): Node | null {
  let node: Node | null = first(expression);
  const start = node.start;
  while (node && node.start === start) {
    if (DATA.has(node.type) && (node.type !== 'UnaryExpression' || numeric(node as Extract<Expression, { type: 'UnaryExpression' }>) !== null)) return node;
    node = leftChild(node as Expression);
  }
  return null;
}

function leftChild(node: Expression): Node | null {
  switch (node.type) {
    case 'SequenceExpression':
      return node.expressions[0] ?? null;
    case 'BinaryExpression':
    case 'LogicalExpression':
      return node.left;
    case 'ConditionalExpression':
      return node.test;
    case 'MemberExpression':
      return node.object;
    case 'CallExpression':
      return node.callee;
    case 'TaggedTemplateExpression':
      return node.tag;
    case 'ChainExpression':
      return node.expression;
    case 'UpdateExpression':
      return node.prefix ? null : node.argument;
    default:
      return null;
  }
}

/** `-2.5`, `+1`: a signed number literal, else null. */
function numeric(node: Extract<Expression, { type: 'UnaryExpression' }>): number | null {
  if ((node.operator !== '-' && node.operator !== '+') || node.argument.type !== 'Literal') return null;
  const v = node.argument.value;
  if (typeof v !== 'number') return null;
  const n = node.operator === '-' ? -v : v;
  return Number.isFinite(n) ? n : null;
}

class Reader {
  private values = 0;

  value(node: Node, depth: number): JsonValue {
    if (depth > MAX_DEPTH || ++this.values > MAX_VALUES) throw new Fail();
    const n = node as Expression;
    switch (n.type) {
      case 'Literal': {
        if ('regex' in n && n.regex) return { regex: n.regex.pattern };
        const v = n.value;
        if (typeof v === 'string') return decodeString(n.raw ?? JSON.stringify(v));
        if (typeof v === 'number') return Number.isFinite(v) ? v : null;
        if (typeof v === 'boolean') return v;
        return null; // null, bigint
      }
      case 'TemplateLiteral':
        // A template with a substitution is not a constant.
        return n.expressions.length === 0 ? decodeBody(n.quasis[0]?.value.raw ?? '', '`') : null;
      case 'UnaryExpression':
        return numeric(n);
      case 'ArrayExpression': {
        const out: JsonValue[] = [];
        for (const el of n.elements) {
          // Holes and spreads are not data.
          if (el && el.type !== 'SpreadElement') out.push(this.value(el, depth + 1));
        }
        return out;
      }
      case 'ObjectExpression': {
        const out: { [key: string]: JsonValue } = {};
        for (const p of n.properties) {
          if (p.type !== 'Property' || p.computed) continue;
          const key = p.key.type === 'Identifier' ? p.key.name : p.key.type === 'Literal' ? keyOf(p.key.value) : null;
          // `__proto__` would set the prototype of what we build, not a key.
          if (key === null || key === '' || key === '__proto__') continue;
          // Getters, setters and methods are code; shorthand `{ a }` names a variable.
          out[key] = p.kind !== 'init' || p.method || p.shorthand ? null : this.value(p.value, depth + 1);
        }
        return out;
      }
      default:
        return null; // functions, arrows, identifiers (`undefined` too), calls, member expressions, `new`
    }
  }
}

function keyOf(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

/** A string literal's value from its source (with its quotes). */
function decodeString(raw: string): string {
  return decodeBody(raw.slice(1, -1), raw[0]!);
}

/**
 * Escapes decoded as JavaScript does, except one: JavaScript drops the backslash of an unknown escape
 * (`"\d"` is "d"). Platforms write their name regexes into strings without doubling backslashes (Cookiebot:
 * `"^google_experiment_mod\d*$"`), so we keep it: the regex the platform meant is the one worth reading.
 * acorn has checked the escapes already, so a malformed one cannot reach here.
 */
function decodeBody(body: string, quote: string): string {
  if (!body.includes('\\')) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = body[++i];
    if (e === undefined) break;
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'v': out += '\v'; break;
      case 'x': {
        out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
        i += 2;
        break;
      }
      case 'u': {
        if (body[i + 1] === '{') {
          const close = body.indexOf('}', i);
          out += String.fromCodePoint(parseInt(body.slice(i + 2, close), 16));
          i = close;
        } else {
          out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
          i += 4;
        }
        break;
      }
      // Line continuations: the backslash and the line end are dropped.
      case '\r':
        if (body[i + 1] === '\n') i++;
        break;
      case '\n':
      case '\u2028':
      case '\u2029':
        break;
      case '0':
        if (/\d/.test(body[i + 1] ?? '')) out += '\\0';
        else out += '\0';
        break;
      default:
        if (e === quote || e === '\\' || e === '/' || e === "'" || e === '"' || e === '`' || e === '$') out += e;
        else out += '\\' + e;
    }
  }
  return out;
}
