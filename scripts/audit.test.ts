/**
 * `audit` on a hand-made policy and cookie file: each kind of breach exactly where it applies, and nowhere else.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runAudit } from './audit';
import { main } from './cli';
import { loadKnowledge } from './knowledge-node';

const POLICY = `<h1>Cookie policy</h1>
<h2>Strictly necessary</h2>
<table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
<tr><td>sid</td><td>Keeps you signed in</td><td>Session</td></tr>
<tr><td>prefs</td><td>Remembers your settings</td><td>7 days</td></tr>
<tr><td>_ga</td><td>Load balancing</td><td>2 years</td></tr></table>
<h2>Analytics</h2>
<table><tr><th>Name</th><th>Provider</th><th>Duration</th></tr>
<tr><td>_pk_id.*</td><td>Matomo</td><td>13 months</td></tr>
<tr><td>vuid</td><td>vimeo.com</td><td>2 years</td></tr></table>`;

const DAY = 86_400;
const cookie = (name: string, domain: string, expiry: number, extra: Record<string, unknown> = {}) => ({
  name,
  domain,
  path: '/',
  site: 'shop.test',
  expiry,
  httpOnly: false,
  secure: true,
  sameSite: 'lax',
  hostOnly: !domain.startsWith('.'),
  ...extra,
});
const COOKIES = JSON.stringify([
  cookie('sid', 'shop.test', 0, { httpOnly: true }), // declared session, is one: clean
  cookie('prefs', 'shop.test', 30 * DAY), // declared 7 days: lifetime
  cookie('_ga', 'shop.test', 700 * DAY), // declared necessary, known analytics: wrong purpose
  cookie('_pk_id.1.ab', 'shop.test', 395 * DAY), // declared analytics: clean, or despite refusal
  cookie('vuid', '.vimeo.com', 700 * DAY, { sameSite: 'no_restriction' }), // a named third party: clean
  cookie('IDE', '.doubleclick.net', 390 * DAY, { sameSite: 'no_restriction' }), // undeclared, undisclosed third party
  cookie('zq_state', 'shop.test', 0), // undeclared
]);

const knowledge = loadKnowledge();
const audit = (refused: boolean) =>
  Object.fromEntries(
    runAudit({ policy: { text: POLICY, url: 'https://shop.test/cookies', hint: 'html' }, cookies: COOKIES, refused, knowledge, now: Date.UTC(2026, 11, 1) }).cookies.map(
      (c) => [c.name, c.breaches],
    ),
  );

describe('audit', () => {
  it('gives each kind of breach exactly where it applies', () => {
    expect(audit(false)).toEqual({
      sid: [],
      prefs: ['lifetime'],
      _ga: ['wrong-purpose'],
      '_pk_id.1.ab': [],
      vuid: [],
      IDE: ['undeclared', 'undisclosed-third-party'],
      zq_state: ['undeclared'],
    });
  });

  it('with --refused, tracking cookies were set despite refusal; the others do not change', () => {
    expect(audit(true)).toEqual({
      sid: [],
      prefs: ['lifetime'],
      _ga: ['wrong-purpose'],
      '_pk_id.1.ab': ['despite-refusal'],
      vuid: ['despite-refusal'],
      IDE: ['undeclared', 'despite-refusal', 'undisclosed-third-party'],
      zq_state: ['undeclared'],
    });
  });

  it('prints JSON with the policy hash and evidence, never a value; exit 2 with one line for bad input', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cw-audit-'));
    const policy = path.join(dir, 'cookies.html');
    const cookies = path.join(dir, 'cookies.json');
    writeFileSync(policy, POLICY);
    writeFileSync(cookies, JSON.stringify([{ ...JSON.parse(COOKIES)[1], value: 'secret-value-123' }]));
    const out: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (out.push(chunk), true)) as typeof process.stdout.write;
    try {
      expect(await main(['audit', '--policy', policy, '--cookies', cookies, '--site', 'shop.test', '--json'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const result = JSON.parse(out.join(''));
    expect(result.site).toBe('shop.test');
    expect(result.policy.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.cookies[0]).toMatchObject({ name: 'prefs', declared: true, breaches: ['lifetime'] });
    expect(result.cookies[0].evidence.notes.lifetime).toMatch(/declared 7 days, but it lives 30 days/);
    expect(out.join('')).not.toContain('secret-value-123');
    // A policy file without --site cannot say whose it is; a broken cookie file is refused.
    expect(await main(['audit', '--policy', policy, '--cookies', cookies])).toBe(2);
    writeFileSync(cookies, '{ not json');
    expect(await main(['audit', '--policy', policy, '--cookies', cookies, '--site', 'shop.test'])).toBe(2);
  });
});
