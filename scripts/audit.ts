/**
 * `cookie-warden audit --policy <file-or-url> --cookies <file> [--site <domain>] [--refused] [--json]`: the
 * extension's own core, offline, for auditors (issue 10). The policy is read as the extension reads it; each
 * cookie in the file (a crawl-format object or a JSON array, lib/cookies/crawl.ts) goes through the same engine
 * (lib/engine/warden.ts) as a cookie event would, on a tab of the site that has seen every cookie's domain, and
 * comes back with its purpose, breaches and evidence. `--refused`: the user refused tracking (essential only,
 * DNT / GPC sent), so tracking cookies count as set despite refusal. No value is ever printed.
 */
import { readDocument } from '../lib/policy/read/read';
import { readCookieFile, CookieFileError } from '../lib/cookies/crawl';
import { Warden } from '../lib/engine/warden';
import { type ObservedCookie } from '../lib/engine/entry';
import { siteView } from '../lib/engine/view';
import { DEFAULT_SETTINGS } from '../lib/storage/settings';
import { normalizeDomain, siteOfHost, siteOfUrl, type SiteKey } from '../lib/site';
import type { CookieRow } from '../lib/messages';
import type { KnowledgeBase } from '../lib/cookies/knowledge';

export interface AuditInput {
  /** `sha256`: the document's hash (`documentSha256`), recorded in the result. */
  policy: { text: string; url: string; hint?: 'html' | 'markdown' | 'text'; sha256?: string };
  cookies: string;
  site?: string;
  refused: boolean;
  knowledge: KnowledgeBase;
  now?: number;
}

export interface AuditedCookie {
  name: string;
  domain: string;
  declared: boolean;
  purpose: CookieRow['purpose'];
  state: CookieRow['state'];
  breaches: CookieRow['breaches'];
  evidence: CookieRow['evidence'];
}

export interface AuditResult {
  site: string;
  policy: { url: string; sha256: string };
  cookies: AuditedCookie[];
}

export class AuditInputError extends Error {}

export function runAudit(input: AuditInput): AuditResult {
  const now = input.now ?? Date.now();
  const declaration = readDocument(input.policy.text, {
    url: input.policy.url,
    knowledge: input.knowledge,
    hint: input.policy.hint,
    sha256: input.policy.sha256,
    fetchedAt: new Date(now).toISOString(),
  });
  const site = (input.site ? siteOfHost(input.site) : siteOfUrl(input.policy.url)) as SiteKey | null;
  if (!site) throw new AuditInputError('the policy is a file: say whose it is with --site <domain>');
  let cookies;
  try {
    cookies = readCookieFile(input.cookies);
  } catch (err) {
    if (err instanceof CookieFileError) throw new AuditInputError(err.message);
    throw err;
  }
  const w = new Warden(input.knowledge, {
    ...DEFAULT_SETTINGS,
    defaultChoice: input.refused ? 'essential-only' : 'allow-all',
    sendSignals: input.refused,
  });
  // One tab of the site, which has talked to every domain in the file: third-party cookies are attributed to it.
  w.tabs.navigate(1, `https://${site}/`);
  for (const c of cookies) w.tabs.sawHost(1, normalizeDomain(c.domain));
  w.setPolicy(site, { status: 'found' }, declaration);
  const keys: string[] = [];
  for (const c of cookies) {
    const last = c.updates[c.updates.length - 1];
    const expiry = last?.expiry ?? 0;
    const observed: ObservedCookie = {
      name: c.name,
      domain: c.domain,
      path: last?.path ?? c.path ?? '/',
      secure: last?.secure ?? false,
      httpOnly: last?.httpOnly ?? false,
      hostOnly: last?.hostOnly ?? !c.domain.startsWith('.'),
      session: expiry === 0,
      expirationDate: expiry === 0 ? undefined : now / 1000 + expiry,
      sameSite: last?.sameSite,
      storeId: '0',
    };
    w.observe(observed, now, last?.value);
    keys.push(`${c.name}|${normalizeDomain(c.domain)}`);
  }
  const rows = new Map(siteView(w, site, null).cookies.map((r) => [`${r.name}|${r.domain}`, r]));
  const source = declaration.sources[0];
  return {
    site,
    policy: { url: source?.url ?? input.policy.url, sha256: source?.sha256 ?? '' },
    cookies: keys.flatMap((k) => {
      const r = rows.get(k);
      return r ? [{ name: r.name, domain: r.domain, declared: r.declared, purpose: r.purpose, state: r.state, breaches: r.breaches, evidence: r.evidence }] : [];
    }),
  };
}

export function renderAudit(r: AuditResult): string {
  const lines = [`site: ${r.site}`, `policy: ${r.policy.url} (sha256 ${r.policy.sha256})`, ''];
  for (const c of r.cookies) {
    lines.push(`${c.name} (${c.domain}): ${c.declared ? 'declared' : 'undeclared'}, ${c.purpose}, ${c.breaches.length ? c.breaches.join(', ') : 'no breach'}`);
    for (const b of c.breaches) lines.push(`  ${b}: ${c.evidence.notes[b as keyof typeof c.evidence.notes] ?? ''}`);
  }
  const n = r.cookies.filter((c) => c.breaches.length > 0).length;
  lines.push('', `${n} of ${r.cookies.length} cookies in breach of the site's own policy`);
  return `${lines.join('\n')}\n`;
}
