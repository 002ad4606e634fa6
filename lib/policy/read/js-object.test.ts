import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readJsValue as readLiteral } from './js-object';

describe('readJsValue on literals', () => {
  it('reads a Cookiebot table row, with the index just past it', () => {
    const text = `x = [["_ga","a.com<br/>b.com","It\\'s \\"quoted\\"","2 years","HTTP","1","","g.com"]];`;
    const r = readLiteral(text, 3);
    expect(r?.value).toEqual([['_ga', 'a.com<br/>b.com', 'It\'s "quoted"', '2 years', 'HTTP', '1', '', 'g.com']]);
    expect(text.slice(r!.end)).toBe(';');
  });

  it('reads single-quoted strings, numbers, keywords, comments and trailing commas', () => {
    expect(readLiteral(" ['a', 1, -2.5, 1e3, 0x1F, true, false, null, /* c */ [], // c\n 'b',]", 0)?.value).toEqual([
      'a', 1, -2.5, 1000, 31, true, false, null, [], 'b',
    ]);
  });

  it('decodes escapes', () => {
    expect(readLiteral(String.raw`"\u00e9\x41\u{1F36A}\n\t\\\/"`, 0)?.value).toBe('éA🍪\n\t\\/');
  });

  it('keeps the backslash of escapes JavaScript would drop, so a written regex survives', () => {
    // Cookiebot writes "^google_experiment_mod\d*$" meaning the regex \d.
    expect(readLiteral(String.raw`"^google_experiment_mod\d*$"`, 0)?.value).toBe(String.raw`^google_experiment_mod\d*$`);
    expect(readLiteral(String.raw`"^[r\/]*collect$"`, 0)?.value).toBe('^[r/]*collect$');
  });

  it.each([
    ['unterminated string', '["abc'],
    ['unterminated array', '["a", "b"'],
    ['newline in a string', '"a\nb"'],
    ['bad hex escape', String.raw`"\xZZ"`],
    ['out-of-range code point', String.raw`"\u{110000}"`],
    ['empty', ''],
  ])('fails on %s', (_, text) => {
    expect(readLiteral(text, 0)).toBeNull();
  });

  it('reads what is not data (identifiers, calls, expressions) as null, and objects as objects', () => {
    expect(readLiteral('[LOREM_IPSUM]', 0)?.value).toEqual([null]);
    expect(readLiteral('foo()', 0)?.value).toBeNull();
    expect(readLiteral('{a: 1, "b": [2]}', 0)?.value).toEqual({ a: 1, b: [2] });
    // An expression in an array is one element, and not data (the old scanner read this as ['a', null]).
    expect(readLiteral('["a" + "b"]', 0)?.value).toEqual([null]);
  });

  it('reads past code that holds a regex literal with a bracket in it (issue 8)', () => {
    // The hand-written scanner this replaced counted the `}` inside `/[}]/` and lost `cookies`, silently.
    expect(readLiteral('{a: function(){ return /[}]/.test(x) }, cookies: ["_ga"]}', 0)?.value).toEqual({ a: null, cookies: ['_ga'] });
    expect(readLiteral('{a: () => "}" + /["\\\\]/g.source, b: x / 2 / y, c: `${"}"}`, cookies: ["_ga"]}', 0)?.value).toEqual({
      a: null,
      b: null,
      c: null,
      cookies: ['_ga'],
    });
    expect(readLiteral('{re: /[}]/, cookies: [/^_pk_id\\./i, "_pk_ses"]}', 0)?.value).toEqual({
      re: { regex: '[}]' },
      cookies: [{ regex: '^_pk_id\\.' }, '_pk_ses'],
    });
  });

  it('reads the literal a script starts with, whatever follows it', () => {
    const text = 'x = {a: [1, "b"]}.a.map(f); broken ( syntax';
    const r = readLiteral(text, 4);
    expect(r?.value).toEqual({ a: [1, 'b'] });
    expect(text.slice(r!.end)).toBe('.a.map(f); broken ( syntax');
    expect(readLiteral('{a: 1} @@@ not javascript', 0)?.value).toEqual({ a: 1 });
    expect(readLiteral('{cookies: ["_ga"]}, other = 1', 0)?.value).toEqual({ cookies: ['_ga'] });
    // Module-only syntax inside a function is still skipped over.
    expect(readLiteral('{f: function () { return import.meta.url }, cookies: ["_ga"]}', 0)?.value).toEqual({ f: null, cookies: ['_ga'] });
  });

  it('refuses deep nesting instead of recursing without end', () => {
    expect(readLiteral('['.repeat(100_000) + ']'.repeat(100_000), 0)).toBeNull();
    expect(readLiteral('['.repeat(10) + ']'.repeat(10), 0)).not.toBeNull();
  });

  it('refuses more values than the cap', () => {
    expect(readLiteral('[' + '1,'.repeat(300_000) + ']', 0)).toBeNull();
  });

  it('agrees with JSON.parse on JSON values it supports, and never throws', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.constant(null),
        fc.array(tie('value'), { maxLength: 5 }),
      ),
    })).value;
    fc.assert(
      fc.property(json, (v) => {
        const text = JSON.stringify(v);
        expect(readLiteral(text, 0)?.value).toEqual(v);
      }),
    );
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (s) => void readLiteral(s, 0)));
  });
});
