import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gpcJsonUrl, MAX_GPC_JSON_BYTES, readGpcJson } from './gpc-json';

describe('readGpcJson', () => {
  it.each([
    ['{"gpc": true}', { gpc: true, lastUpdate: null, problem: null }],
    ['{"gpc": true, "lastUpdate": "2021-11-01"}', { gpc: true, lastUpdate: '2021-11-01', problem: null }],
    ['\uFEFF  {"gpc": false, "lastUpdate": "2024-02-30x"}\n', { gpc: false, lastUpdate: null, problem: null }],
    ['{"gpc": "true"}', { gpc: null, lastUpdate: null, problem: 'gpc is not true or false' }],
    ['{"gpc": 1}', { gpc: null, lastUpdate: null, problem: 'gpc is not true or false' }],
    ['{"lastUpdate": "2021-11-01"}', { gpc: null, lastUpdate: null, problem: 'no gpc member' }],
    ['{}', { gpc: null, lastUpdate: null, problem: 'no gpc member' }],
    ['[{"gpc": true}]', { gpc: null, lastUpdate: null, problem: 'not a JSON object' }],
    ['true', { gpc: null, lastUpdate: null, problem: 'not a JSON object' }],
    ['<!doctype html><html><body>{"gpc": true}</body></html>', { gpc: null, lastUpdate: null, problem: 'not a JSON object' }],
    ['{"gpc": true', { gpc: null, lastUpdate: null, problem: 'not JSON' }],
    ['', { gpc: null, lastUpdate: null, problem: 'not a JSON object' }],
  ])('%j', (text, expected) => {
    expect(readGpcJson(text)).toEqual(expected);
  });

  it('an inherited or prototype-polluting key is not a claim', () => {
    expect(readGpcJson('{"__proto__": {"gpc": true}}').gpc).toBeNull();
    expect(readGpcJson('{"constructor": {"gpc": true}}').gpc).toBeNull();
    expect(({} as Record<string, unknown>).gpc).toBeUndefined();
  });

  it('is bounded: a body past the limit is refused without parsing', () => {
    const big = `{"gpc": true, "pad": "${'x'.repeat(MAX_GPC_JSON_BYTES)}"}`;
    expect(readGpcJson(big)).toMatchObject({ gpc: null, problem: 'too large' });
  });

  it('hostile input never throws: deep nesting, binary, non-strings', () => {
    const deep = '{"a":'.repeat(3000) + '1' + '}'.repeat(3000);
    expect(readGpcJson(deep).gpc).toBeNull();
    expect(readGpcJson('{"gpc": true, "x": "\\u0000\uFFFD\uD800"}').gpc).toBe(true);
    expect(readGpcJson('{"gpc": true, "x": "\u0000"}').problem).toBe('not JSON');
    for (const v of [null, undefined, 42, {}, []]) expect(readGpcJson(v).gpc).toBeNull();
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        const r = readGpcJson(s);
        return r.gpc === null || typeof r.gpc === 'boolean';
      }),
    );
    fc.assert(fc.property(fc.json(), (s) => typeof readGpcJson(s) === 'object'));
  });
});

describe('gpcJsonUrl', () => {
  it('is at the page origin', () => {
    expect(gpcJsonUrl('https://www.example.com:8443/a/b?c#d')).toBe('https://www.example.com:8443/.well-known/gpc.json');
    expect(gpcJsonUrl('http://claims.test:1234/')).toBe('http://claims.test:1234/.well-known/gpc.json');
    expect(gpcJsonUrl('file:///etc/passwd')).toBeNull();
    expect(gpcJsonUrl('not a url')).toBeNull();
  });
});
