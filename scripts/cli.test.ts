/**
 * The command line as a user runs it: `node bin/cookie-warden.mjs …` in a child process (and `npx cookie-warden`),
 * checking stdout, stderr and the exit code.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT } from './knowledge-node';
import { SHARED } from '../tests/support/corpus';
import { decodeText } from './cli';
import type { Declaration } from '../lib/types';

const BIN = path.join(ROOT, 'bin/cookie-warden.mjs');
const POLICY = path.join(SHARED, 'data/policies/003-dfe-ecf-cookies.md');
const CMP = path.join(SHARED, 'data/cmp-samples');
const CRAWL = path.join(SHARED, 'data/cookieblock/example_crawl_part_a.json');
const TIMEOUT = 30_000;

const tmp = mkdtempSync(path.join(tmpdir(), 'cookie-warden-cli-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(file: string, args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: TIMEOUT, maxBuffer: 64 << 20, env: { ...process.env, NO_COLOR: '1' } }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const cli = (...args: string[]) => run(process.execPath, [BIN, ...args]);

/** stdout holds exactly one JSON object on one line. */
function oneJson<T>(r: Run): T {
  expect(r.stdout.endsWith('\n')).toBe(true);
  expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
  const value = JSON.parse(r.stdout) as T;
  expect(typeof value).toBe('object');
  return value;
}

/** An unreadable input: exit 2, nothing on stdout, one line on stderr that names the file and the reason. */
function expectRefused(r: Run, target: string, reason: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.split('\n').filter((l) => l.length > 0 && !/^npm warn/.test(l));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`cookie-warden: cannot read ${target}: `);
  expect(lines[0]).toMatch(reason);
}

const COOKIE_FIELDS = ['name', 'match', 'purposeAsWritten', 'purpose', 'durationSeconds', 'durationAsWritten', 'provider', 'domain'];

describe('cookie-warden extract', () => {
  it(
    'prints one JSON declaration with --json for a corpus file',
    async () => {
      const r = await cli('extract', POLICY, '--json');
      expect(r.code).toBe(0);
      const d = oneJson<Declaration>(r);
      expect(d.sources[0]).toMatchObject({ url: POLICY, kind: 'html' });
      expect(d.sources[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(Array.isArray(d.cookies)).toBe(true);
      expect(d.cookies.length).toBeGreaterThan(0);
      for (const c of d.cookies) for (const f of COOKIE_FIELDS) expect(c).toHaveProperty(f);
      // The document's table: _ga for 2 years, _gid for 24 hours, both analytics.
      expect(d.cookies.find((c) => c.name === '_ga')).toMatchObject({ match: 'exact', purpose: 'analytics', durationSeconds: 2 * 365 * 86_400, durationAsWritten: '2 years' });
      expect(d.cookies.find((c) => c.name === '_gid')).toMatchObject({ purpose: 'analytics', durationSeconds: 86_400 });
      expect(Array.isArray(d.warnings)).toBe(true);
    },
    TIMEOUT,
  );

  it.each([
    ['klaro/klaro_dist_config_services.json', 'klaro', 5],
    ['cookiebot/purplemath_cc.js.data-lines.txt', 'cookiebot', 36],
    ['onetrust/metabomb_variantA_domaindata_en.json', 'onetrust', 82],
  ])(
    'tells a consent platform from the content, even in a .txt file: %s',
    async (sample, kind, count) => {
      const copy = path.join(tmp, `${kind}-policy.txt`);
      copyFileSync(path.join(CMP, sample), copy);
      const r = await cli('extract', copy, '--json');
      expect(r.code).toBe(0);
      const d = oneJson<Declaration>(r);
      expect(d.sources[0]).toMatchObject({ url: copy, kind });
      expect(d.cookies.filter((c) => !c.expandedFrom)).toHaveLength(count);
    },
    TIMEOUT,
  );

  it(
    'prints a readable table by default',
    async () => {
      const r = await cli('extract', POLICY);
      expect(r.code).toBe(0);
      expect(r.stderr.split('\n').filter((l) => l && !/^npm warn/.test(l))).toEqual([]);
      const lines = r.stdout.split('\n');
      expect(lines[0]).toMatch(new RegExp(`^source: ${POLICY.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(html, sha256 [0-9a-f]{12}…\\)$`));
      expect(r.stdout).toMatch(/^\d+ cookies$/m);
      expect(r.stdout).toMatch(/^name\s+match\s+purpose\s+duration\s+provider\s+as written$/m);
      expect(r.stdout).toMatch(/^_ga\s+exact\s+analytics\s+2y\b/m);
      expect(r.stdout).toMatch(/^_gid\s+exact\s+analytics\s+1d\b/m);
      expect(r.stdout).toMatch(/^Do Not Track: (?:honored|ignored|unspecified)/m);
      expect(() => JSON.parse(r.stdout)).toThrow();
    },
    TIMEOUT,
  );

  it(
    'reads a React page whose cookie table is a data prop (.tsx)',
    async () => {
      const file = path.join(tmp, 'CookiePolicy.tsx');
      writeFileSync(
        file,
        `import React from 'react';\nconst stats = [{ name: '_st_id', purpose: 'Counts visits', expires: '2 years' }];\n` +
          `export default function Page() {\n  return (\n    <main>\n      <h2>Strictly necessary cookies</h2>\n` +
          `      <Table data={[{ name: 'sid', purpose: 'Keeps you signed in', expires: 'Session' }]} />\n` +
          `      <Table title="Analytics cookies" data={stats} />\n    </main>\n  );\n}\n`,
      );
      const d = oneJson<Declaration>(await cli('extract', file, '--json'));
      expect(d.cookies.map((c) => [c.name, c.purpose, c.durationSeconds])).toEqual([['sid', 'essential', 0], ['_st_id', 'analytics', 2 * 365 * 86_400]]);
    },
    TIMEOUT,
  );

  it(
    'reads a UTF-16 file by its byte-order mark',
    async () => {
      const file = path.join(tmp, 'utf16.md');
      const text = readFileSync(POLICY, 'utf8');
      writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const d = oneJson<Declaration>(await cli('extract', file, '--json'));
      expect(d.cookies.map((c) => c.name)).toContain('_ga');
    },
    TIMEOUT,
  );

  it(
    'reads a text file that is not UTF-8 (Latin-1) as windows-1252, with a warning, exit 0',
    async () => {
      const file = path.join(tmp, 'latin1.html');
      const html = '<h2>Cookies analytiques</h2><table><tr><th>Nom</th><th>Finalité</th><th>Durée</th></tr><tr><td>_ga</td><td>Mesure d’audience</td><td>13 mois</td></tr></table>';
      writeFileSync(file, Buffer.from(html.replace('’', '\x92'), 'latin1'));
      const r = await cli('extract', file, '--json');
      expect(r.code).toBe(0);
      const d = oneJson<Declaration>(r);
      expect(d.warnings[0]).toBe('not valid UTF-8: read as windows-1252');
      expect(d.cookies.find((c) => c.name === '_ga')).toMatchObject({ purpose: 'analytics', durationSeconds: 13 * 30 * 86_400, durationAsWritten: '13 mois' });
    },
    TIMEOUT,
  );

  it('exits 2 with one line for a missing file', async () => {
    const missing = path.join(tmp, 'no-such-policy.html');
    expectRefused(await cli('extract', missing, '--json'), missing, /no such file$/);
  }, TIMEOUT);

  it('exits 2 with one line for a directory', async () => {
    expectRefused(await cli('extract', tmp), tmp, /not a file$/);
  }, TIMEOUT);

  it.each([
    ['a PNG image', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), Buffer.from('IHDR')])],
    ['an executable', () => readFileSync(process.execPath).subarray(0, 64 * 1024)],
    ['random bytes without NULs', () => Buffer.from(Array.from({ length: 4096 }, (_, i) => 1 + ((i * 37) % 255)))],
  ])(
    'exits 2 with one line for a binary file: %s',
    async (what, content) => {
      const file = path.join(tmp, `${what.replace(/\W+/g, '-')}.html`);
      writeFileSync(file, typeof content === 'function' ? content() : content);
      expectRefused(await cli('extract', file), file, /binary file/);
    },
    TIMEOUT,
  );

  it('exits 2 with the usage when the file is missing from the command', async () => {
    const r = await cli('extract');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^cookie-warden: extract needs a file or URL\nusage: cookie-warden extract/);
  }, TIMEOUT);
});

describe('cookie-warden classify', () => {
  it('classifies _ga from the Open Cookie Database and the name', async () => {
    const r = await cli('classify', '_ga');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^_ga: analytics \(Open Cookie Database: analytics, Google Analytics\) · name pattern: analytics · model, from the name alone: analytics \(0\.\d\d\)\n$/);
  }, TIMEOUT);

  it('prints JSON with --json', async () => {
    const r = await cli('classify', '_ga', '--json');
    expect(r.code).toBe(0);
    expect(oneJson(r)).toMatchObject({
      name: '_ga',
      domain: null,
      purpose: 'analytics',
      classifier: 'analytics',
      knowledge: { platform: 'Google Analytics', purpose: 'analytics' },
      model: { purpose: 'analytics', source: 'model' },
    });
  }, TIMEOUT);

  it('judges every cookie of a crawl-format file, keyed name;domain;path;site', async () => {
    const crawl = JSON.parse(readFileSync(CRAWL, 'utf8')) as Record<string, { name: string; label?: number }>;
    const keys = Object.keys(crawl).filter((k) => /^(?:_ga|PHPSESSID|IDE|_fbp|OptanonConsent);/.test(k)).slice(0, 12);
    const file = path.join(tmp, 'crawl.json');
    writeFileSync(file, JSON.stringify(Object.fromEntries(keys.map((k) => [k, crawl[k]]))));
    const r = await cli('classify', file, '--json');
    expect(r.code).toBe(0);
    const out = oneJson<Record<string, { purpose: string; confidence: number; source: string }>>(r);
    expect(Object.keys(out).sort()).toEqual([...keys].sort());
    for (const v of Object.values(out)) {
      expect(['essential', 'functional', 'analytics', 'advertising', 'unknown']).toContain(v.purpose);
      expect(v.confidence).toBeGreaterThanOrEqual(0);
      expect(v.confidence).toBeLessThanOrEqual(1);
      expect(['knowledge-base', 'model']).toContain(v.source);
    }
    const ga = keys.find((k) => k.startsWith('_ga;'))!;
    expect(out[ga]!.purpose).toBe('analytics');
    const text = await cli('classify', file);
    expect(text.code).toBe(0);
    expect(text.stdout.trimEnd().split('\n')).toHaveLength(keys.length);
  }, TIMEOUT);

  it('judges a JSON array of cookies', async () => {
    const file = path.join(tmp, 'cookies.json');
    writeFileSync(
      file,
      JSON.stringify([
        { name: '_ga', domain: '.example.com', path: '/', site: 'https://www.example.com/', value: 'GA1.2.1234567890.1612345678', expiry: 63072000, httpOnly: false, secure: false, sameSite: 'lax', hostOnly: false },
        { name: 'PHPSESSID', domain: 'www.example.com', path: '/', site: 'https://www.example.com/', value: 'lfpsc155y5kyjl45fkf4vfbq', expiry: 0, httpOnly: true, secure: true, sameSite: 'lax', hostOnly: true },
        { name: 'IDE', domain: '.doubleclick.net', path: '/', site: 'https://www.example.com/', expiry: 33696000, httpOnly: true, secure: true, sameSite: 'no_restriction', hostOnly: false },
      ]),
    );
    const r = await cli('classify', file, '--json');
    expect(r.code).toBe(0);
    expect(oneJson(r)).toMatchObject({
      '_ga;.example.com;/;https://www.example.com/': { purpose: 'analytics', source: 'model' },
      'PHPSESSID;www.example.com;/;https://www.example.com/': { purpose: 'essential' },
      'IDE;.doubleclick.net;/;https://www.example.com/': { purpose: 'advertising' },
    });
  }, TIMEOUT);

  it('exits 2 with one line for a cookie file it cannot read', async () => {
    const notJson = path.join(tmp, 'broken.json');
    writeFileSync(notJson, '{"a;b;/;c": ');
    expectRefused(await cli('classify', notJson, '--json'), notJson, /not JSON/);
    const wrong = path.join(tmp, 'wrong.json');
    writeFileSync(wrong, JSON.stringify([{ name: 'a', domain: 'a.com', site: 'a.com', expiry: 'soon' }]));
    expectRefused(await cli('classify', wrong), wrong, /expiry must be a number/);
    const missing = path.join(tmp, 'missing.json');
    expectRefused(await cli('classify', missing), missing, /no such file/);
  }, TIMEOUT);

  it('says when a name is not in the Open Cookie Database', async () => {
    const r = await cli('classify', 'cw_made_up_name_42');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^cw_made_up_name_42: \w+ \(not in the Open Cookie Database\)/);
  }, TIMEOUT);

  it('exits 2 without a name, and for an unknown command', async () => {
    const none = await cli('classify');
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^cookie-warden: classify needs a cookie name\n/);
    const unknown = await cli('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^cookie-warden: unknown command frobnicate\nusage:/);
  }, TIMEOUT);
});

describe('npx cookie-warden', () => {
  it('is the package bin, executable, with a node shebang', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['cookie-warden']).toBe('bin/cookie-warden.mjs');
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(BIN).mode & 0o111).not.toBe(0);
  });

  it('runs after npm install: npx --no-install cookie-warden --help', async () => {
    const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
    const r = await run(npx, ['--no-install', 'cookie-warden', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^usage: cookie-warden extract <file-or-url> \[--json\]\n\s+cookie-warden audit --policy/);
  }, TIMEOUT);
});

describe('decodeText', () => {
  it('keeps UTF-8, strips its byte-order mark, decodes UTF-16 by its mark', () => {
    expect(decodeText(Buffer.from('Cookies: _ga\tDurée\r\n'))).toEqual({ text: 'Cookies: _ga\tDurée\r\n' });
    expect(decodeText(Buffer.from('\ufeffCookies'))).toEqual({ text: 'Cookies' });
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('_ga', 'utf16le')]))).toEqual({ text: '_ga' });
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('_ga', 'utf16le').swap16()]))).toEqual({ text: '_ga' });
    expect(decodeText(Buffer.alloc(0))).toEqual({ text: '' });
  });

  it('reads text that is not UTF-8 as windows-1252, and says so', () => {
    expect(decodeText(Buffer.from([0x44, 0x75, 0x72, 0xe9, 0x65, 0x92, 0x80, 0x96, 0x9f, 0xff]))).toEqual({ text: 'Durée’€–Ÿÿ', warning: 'not valid UTF-8: read as windows-1252' });
  });

  it('refuses NUL bytes and control characters in the first 8,000 bytes', () => {
    expect(decodeText(Buffer.from('abc\0def'))).toBeNull();
    expect(decodeText(Buffer.from('\x01\x02\x03 some text \x1b\x7f'))).toBeNull();
    // One escape character in a long text is not binary; a NUL past the first 8,000 bytes neither.
    expect(decodeText(Buffer.from(`${'a'.repeat(100)}\x1b`))).not.toBeNull();
    expect(decodeText(Buffer.concat([Buffer.from('a'.repeat(9000)), Buffer.from([0])]))).not.toBeNull();
  });
});
