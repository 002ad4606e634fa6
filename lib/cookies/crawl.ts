/**
 * Cookie files as auditors and the training script hand them over, read into one shape:
 *   - the crawl format of CookieBlock's consent crawler: an object keyed `name;domain;path;site`, each value
 *     `{ name, domain, path, first_party_domain, label?, variable_data: [ { value, expiry, session, http_only,
 *     host_only, secure, same_site } ] }` (one entry per observed update);
 *   - a JSON array of `{ name, domain, path, site, value?, expiry (seconds; 0 = session), httpOnly, secure,
 *     sameSite, hostOnly }`, one update each (entries with the same key become updates of one cookie).
 * Pure: text in, cookies or one line of error out.
 */
import type { CookieFacts } from './features';
import { CLASSES } from './features';
import type { Purpose } from '../types';

export type CookieUpdate = Omit<CookieFacts, 'name' | 'domain' | 'site'>;

export interface ObservedCookie {
  /** `name;domain;path;site`, as the crawl keys it. */
  key: string;
  name: string;
  domain: string;
  path: string;
  site: string;
  updates: CookieUpdate[];
  /** The crawl's label (the site's own declared purpose), when the file has one. */
  label?: Purpose;
}

export class CookieFileError extends Error {}

const MAX_COOKIES = 200_000;

export function readCookieFile(text: string): ObservedCookie[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new CookieFileError(`not JSON (${err instanceof Error ? err.message.split('\n')[0] : 'parse error'})`);
  }
  if (Array.isArray(data)) return fromArray(data);
  if (data && typeof data === 'object') return fromCrawl(data as Record<string, unknown>);
  throw new CookieFileError('expected a JSON object keyed name;domain;path;site or a JSON array of cookies');
}

function fromCrawl(data: Record<string, unknown>): ObservedCookie[] {
  const out: ObservedCookie[] = [];
  const keys = Object.keys(data);
  if (keys.length > MAX_COOKIES) throw new CookieFileError(`more than ${MAX_COOKIES} cookies`);
  for (const key of keys) {
    const r = data[key];
    if (!r || typeof r !== 'object') throw new CookieFileError(`${key}: not an object`);
    const rec = r as Record<string, unknown>;
    const [kName, kDomain, kPath, ...kSite] = key.split(';');
    const name = str(rec.name) ?? kName;
    const domain = str(rec.domain) ?? kDomain;
    const path = str(rec.path) ?? kPath ?? '/';
    const site = str(rec.first_party_domain) ?? str(rec.site) ?? (kSite.length ? kSite.join(';') : undefined);
    if (!name || domain === undefined || !site) throw new CookieFileError(`${key}: needs name, domain and first_party_domain`);
    const vd = rec.variable_data;
    if (!Array.isArray(vd) || vd.length === 0) throw new CookieFileError(`${key}: variable_data must be a non-empty array`);
    const updates = vd.map((u, i) => {
      if (!u || typeof u !== 'object') throw new CookieFileError(`${key}: variable_data[${i}] is not an object`);
      const x = u as Record<string, unknown>;
      const session = x.session === true;
      return {
        path,
        value: typeof x.value === 'string' ? x.value : undefined,
        expiry: session ? 0 : num(x.expiry, `${key}: variable_data[${i}].expiry`),
        httpOnly: x.http_only === true,
        secure: x.secure === true,
        sameSite: str(x.same_site) ?? 'unspecified',
        hostOnly: x.host_only === true,
      };
    });
    const label = typeof rec.label === 'number' ? CLASSES[rec.label] : undefined;
    out.push({ key, name, domain, path, site, updates, ...(label ? { label } : {}) });
  }
  return out;
}

function fromArray(data: unknown[]): ObservedCookie[] {
  if (data.length > MAX_COOKIES) throw new CookieFileError(`more than ${MAX_COOKIES} cookies`);
  const byKey = new Map<string, ObservedCookie>();
  data.forEach((r, i) => {
    if (!r || typeof r !== 'object' || Array.isArray(r)) throw new CookieFileError(`cookie ${i}: not an object`);
    const x = r as Record<string, unknown>;
    const name = str(x.name);
    const domain = str(x.domain);
    const site = str(x.site);
    if (!name) throw new CookieFileError(`cookie ${i}: needs a name`);
    if (domain === undefined) throw new CookieFileError(`cookie ${i} (${name}): needs a domain`);
    if (!site) throw new CookieFileError(`cookie ${i} (${name}): needs a site`);
    const path = str(x.path) ?? '/';
    const update: CookieUpdate = {
      path,
      value: typeof x.value === 'string' ? x.value : undefined,
      expiry: x.expiry === undefined || x.expiry === null ? 0 : num(x.expiry, `cookie ${i} (${name}): expiry`),
      httpOnly: x.httpOnly === true,
      secure: x.secure === true,
      sameSite: str(x.sameSite) ?? 'unspecified',
      hostOnly: x.hostOnly === true,
    };
    const key = `${name};${domain};${path};${site}`;
    const seen = byKey.get(key);
    if (seen) seen.updates.push(update);
    else byKey.set(key, { key, name, domain, path, site, updates: [update] });
  });
  return [...byKey.values()];
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function num(v: unknown, what: string): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new CookieFileError(`${what} must be a number of seconds ≥ 0`);
  return v;
}
