/**
 * The command line: `cookie-warden extract <file-or-url> [--json]`, `cookie-warden classify <name> [--domain d] [--json]`,
 * `cookie-warden classify <cookie-file> [--json]` (a crawl-format object or an array of cookies, lib/cookies/crawl.ts).
 * Exit codes: 0 success, 2 unreadable input (missing, a directory, too large, binary) or bad usage (one line on
 * stderr, then the usage for usage errors).
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { documentSha256, readDocument } from '../lib/policy/read/read';
import { fetchPolicy } from '../lib/policy/discover/fetch';
import { classifyName } from '../lib/cookies/classify';
import { loadKnowledge } from './knowledge-node';
import { AuditInputError, renderAudit, runAudit } from './audit';
import { explainNoCookies } from '../lib/policy/read/explain';
import { readCookieFile, CookieFileError } from '../lib/cookies/crawl';
import { shippedModel, UndeclaredJudge, type Judgement } from '../lib/cookies/judge';
import type { Declaration } from '../lib/types';

const USAGE = `usage: cookie-warden extract <file-or-url> [--json]
       cookie-warden audit --policy <file-or-url> --cookies <file> [--site <domain>] [--refused] [--json]
       cookie-warden classify <cookie-name> [--domain <domain>] [--json]
       cookie-warden classify <cookies.json> [--json]`;

class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((a) => a !== '--json');
  try {
    switch (args[0]) {
      case 'extract':
        return await extract(args.slice(1), json);
      case 'classify':
        return await classify(args.slice(1), json);
      case 'audit':
        return await audit(args.slice(1), json);
      case '-h':
      case '--help':
      case 'help':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(`unknown command ${args[0] ?? '(none)'}\n${USAGE}`);
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`cookie-warden: ${message.split('\n')[0]}\n`);
    if (err instanceof UsageError && message.includes('\n')) process.stderr.write(`${USAGE}\n`);
    return 2;
  }
}

const MAX_FILE_BYTES = 20 * 1024 * 1024;

async function load(target: string): Promise<{ text: string; url: string; hint?: 'html' | 'markdown' | 'text'; warning?: string }> {
  if (/^https?:\/\//i.test(target)) {
    // The auditor named this URL: local addresses are theirs to fetch.
    const result = await fetchPolicy({ url: target }, fetch, { allowPrivate: true });
    if (!result.ok) throw new Error(`cannot fetch ${target}: ${result.reason}`);
    return { text: result.text, url: result.url };
  }
  let info;
  try {
    info = await stat(target);
  } catch {
    throw new Error(`cannot read ${target}: no such file`);
  }
  if (!info.isFile()) throw new Error(`cannot read ${target}: not a file`);
  if (info.size > MAX_FILE_BYTES) throw new Error(`cannot read ${target}: larger than ${MAX_FILE_BYTES} bytes`);
  const decoded = decodeText(await readFile(target));
  if (decoded === null) throw new Error(`cannot read ${target}: binary file, not a text document`);
  const { text, warning } = decoded;
  const ext = path.extname(target).toLowerCase();
  const hint = ext === '.md' ? 'markdown' : ext === '.txt' ? 'text' : /^\.(html?|njk|php)$/.test(ext) ? 'html' : undefined;
  return { text, url: path.resolve(target), hint, warning };
}

const SNIFF_BYTES = 8000;

export interface DecodedText {
  text: string;
  /** Set when the bytes were not UTF-8 and were read in another encoding. */
  warning?: string;
}

/**
 * The file's text, or null when it is binary (an image, an archive, an executable): a NUL byte in the first
 * 8,000 bytes, as git and grep decide, or more than 5 % control characters there (text has tabs and line
 * breaks, not the others). UTF-16 is told by its byte-order mark (TextDecoder drops a UTF-8 one). Text that is
 * not valid UTF-8 is a page saved in a legacy encoding, read as windows-1252 as browsers do by default (WHATWG
 * Encoding): decoded as UTF-8, "Durée" would become "Dur\ufffde" and the column it heads would go unrecognised.
 */
export function decodeText(bytes: Uint8Array): DecodedText | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes) };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes) };
  const head = bytes.subarray(0, SNIFF_BYTES);
  let controls = 0;
  for (const b of head) {
    if (b === 0) return null;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) || b === 0x7f) controls++;
  }
  if (controls > head.length / 20) return null;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { text: windows1252(bytes), warning: 'not valid UTF-8: read as windows-1252' };
  }
}

// windows-1252 differs from Latin-1 in 0x80-0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ); five
// bytes are unassigned and stay as their C1 code points, as the WHATWG table has them. Node's own
// TextDecoder('windows-1252') decodes these as Latin-1 (https://github.com/nodejs/node/issues/56542).
const CP1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    const chunk = Array.from(bytes.subarray(i, i + 0x8000), (b) => (b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b));
    out += String.fromCharCode(...chunk);
  }
  return out;
}

async function extract(args: string[], json: boolean): Promise<number> {
  const target = args[0];
  if (!target) throw new UsageError(`extract needs a file or URL\n${USAGE}`);
  const { text, url, hint, warning } = await load(target);
  const declaration = readDocument(text, { url, knowledge: loadKnowledge(), hint, fetchedAt: new Date().toISOString(), sha256: await documentSha256(text) });
  if (warning) declaration.warnings.unshift(warning);
  // "0 cookies" alone says nothing: why (empty input, a privacy policy that names none and points elsewhere).
  declaration.warnings.push(...explainNoCookies(declaration, visibleLength(text), text));
  if (json) process.stdout.write(`${JSON.stringify(declaration)}\n`);
  else process.stdout.write(render(declaration));
  return 0;
}

async function classify(args: string[], json: boolean): Promise<number> {
  const target = args[0];
  if (!target) throw new UsageError(`classify needs a cookie name\n${USAGE}`);
  const info = await stat(target).catch(() => null);
  if (info?.isFile() || (!info && /\.json$/i.test(target))) return classifyFile(target, json);
  if (info) throw new Error(`cannot read ${target}: not a file`);
  const name = target;
  const di = args.indexOf('--domain');
  const domain = di >= 0 ? args[di + 1] : undefined;
  if (di >= 0 && !domain) throw new UsageError(`--domain needs a domain\n${USAGE}`);
  const kb = loadKnowledge();
  const known = kb.lookup(name, domain);
  const guessed = classifyName(name);
  // The name alone: a session cookie of the domain's own site, no attributes, no value.
  const host = (domain ?? 'example.org').replace(/^\./, '');
  const model = new UndeclaredJudge(shippedModel(), kb).judge({
    name, domain: domain ?? host, path: '/', site: host, expiry: 0, httpOnly: false, secure: false, sameSite: 'unspecified', hostOnly: !domain?.startsWith('.'),
  });
  const result = {
    name,
    domain: domain ?? null,
    knowledge: known ? { platform: known.platform, purpose: known.purpose, pattern: known.pattern, retentionSeconds: known.retentionSeconds } : null,
    classifier: guessed,
    purpose: known && guessed !== 'unknown' && known.purpose !== guessed ? 'unknown' : (known?.purpose ?? guessed),
    model: { ...model, confidence: round3(model.confidence) },
  };
  if (json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else
    process.stdout.write(
      `${name}: ${result.purpose}` +
        (known ? ` (Open Cookie Database: ${known.purpose}, ${known.platform})` : ' (not in the Open Cookie Database)') +
        ` · name pattern: ${guessed} · model, from the name alone: ${model.purpose} (${model.confidence.toFixed(2)})\n`,
    );
  return 0;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Judge every cookie of a file as undeclared: the knowledge base and the model together (lib/cookies/judge.ts). */
async function classifyFile(target: string, json: boolean): Promise<number> {
  const info = await stat(target).catch(() => null);
  if (!info) throw new Error(`cannot read ${target}: no such file`);
  if (info.size > MAX_FILE_BYTES) throw new Error(`cannot read ${target}: larger than ${MAX_FILE_BYTES} bytes`);
  const decoded = decodeText(await readFile(target));
  if (decoded === null) throw new Error(`cannot read ${target}: binary file, not a cookie file`);
  let cookies;
  try {
    cookies = readCookieFile(decoded.text);
  } catch (err) {
    if (err instanceof CookieFileError) throw new Error(`cannot read ${target}: ${err.message}`);
    throw err;
  }
  const judge = new UndeclaredJudge(shippedModel(), loadKnowledge());
  const out: Record<string, Judgement> = {};
  for (const c of cookies) {
    const j = judge.judgeUpdates(c.name, c.domain, c.site, c.updates);
    out[c.key] = { purpose: j.purpose, confidence: round3(j.confidence), source: j.source };
  }
  if (json) process.stdout.write(`${JSON.stringify(out)}\n`);
  else {
    const width = Math.min(60, Math.max(4, ...cookies.map((c) => c.key.length)));
    const lines = Object.entries(out).map(([k, j]) => `${k.slice(0, 60).padEnd(width)}  ${j.purpose.padEnd(11)}  ${j.confidence.toFixed(2)}  ${j.source}`);
    process.stdout.write(`${lines.join('\n')}${lines.length ? '\n' : ''}`);
  }
  return 0;
}

function render(d: Declaration): string {
  const lines: string[] = [];
  for (const s of d.sources) lines.push(`source: ${s.url} (${s.kind}, sha256 ${s.sha256.slice(0, 12)}…)`);
  const rows = d.cookies.map((c) => [
    c.name,
    c.match,
    c.purpose,
    c.durationSeconds === null ? '-' : c.durationSeconds === 0 ? 'session' : humanDuration(c.durationSeconds),
    c.provider ?? '',
    c.expandedFrom ? `via ${c.expandedFrom}` : (c.purposeAsWritten ?? ''),
  ]);
  const head = ['name', 'match', 'purpose', 'duration', 'provider', 'as written'];
  const widths = head.map((h, i) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const fmt = (r: string[]) => r.map((v, i) => v.slice(0, 40).padEnd(widths[i]!)).join('  ').trimEnd();
  lines.push('', `${d.cookies.length} cookies`, fmt(head), fmt(widths.map((w) => '-'.repeat(w))), ...rows.map(fmt));
  if (d.storage.length) lines.push('', `storage: ${d.storage.map((s) => `${s.key} (${s.purpose})`).join(', ')}`);
  if (d.providers.length) lines.push('', `providers without cookie names: ${d.providers.map((p) => `${p.name} (${p.purpose})`).join(', ')}`);
  lines.push('', `Do Not Track: ${d.statements.dnt.stance}${d.statements.dnt.sentence ? ` — “${d.statements.dnt.sentence}”` : ''}`);
  lines.push(`Global Privacy Control: ${d.statements.gpc.stance}`);
  if (d.links.length) lines.push('', 'links:', ...d.links.map((l) => `  ${l.kind}: ${l.url}`));
  if (d.warnings.length) lines.push('', 'warnings:', ...d.warnings.map((w) => `  ${w}`));
  return `${lines.join('\n')}\n`;
}

function humanDuration(s: number): string {
  const units: Array<[number, string]> = [[31536000, 'y'], [2592000, 'mo'], [86400, 'd'], [3600, 'h'], [60, 'min']];
  for (const [n, u] of units) if (s >= n) return `${+(s / n).toFixed(1)}${u}`;
  return `${s}s`;
}

/** `audit`: the policy and the cookies through the extension's own core (scripts/audit.ts). */
async function audit(args: string[], json: boolean): Promise<number> {
  const value = (flag: string): string | undefined => {
    const i = args.indexOf(flag);
    if (i < 0) return undefined;
    const v = args[i + 1];
    if (!v || v.startsWith('--')) throw new UsageError(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  const policyTarget = value('--policy');
  const cookiesFile = value('--cookies');
  if (!policyTarget || !cookiesFile) throw new UsageError(`audit needs --policy and --cookies\n${USAGE}`);
  const policy = await load(policyTarget);
  const cookies = await load(cookiesFile);
  let result;
  try {
    result = runAudit({ policy: { ...policy, sha256: await documentSha256(policy.text) }, cookies: cookies.text, site: value('--site'), refused: args.includes('--refused'), knowledge: loadKnowledge() });
  } catch (err) {
    if (err instanceof AuditInputError) throw new Error(`cannot audit: ${err.message}`);
    throw err;
  }
  process.stdout.write(json ? `${JSON.stringify(result)}\n` : renderAudit(result));
  return 0;
}

/** Characters of text a reader would see: markup, script and style left out (bounded work: a rough count). */
function visibleLength(text: string): number {
  return text
    .slice(0, 1_000_000)
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim().length;
}
