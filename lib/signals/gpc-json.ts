/**
 * `/.well-known/gpc.json`: the site-wide claim of the Global Privacy Control specification
 * (https://privacycg.github.io/gpc-spec/#gpc-support-resource): a JSON object whose `gpc` member is true when
 * the site says it honors the signal, with an optional `lastUpdate` date (YYYY-MM-DD). Pure and total: any
 * input (HTML served for every path, binary, huge, deeply nested, hostile) gives an answer, never a throw.
 */

/** Answers larger than this are not a gpc.json (the file is a few dozen bytes); the fetch refuses them too. */
export const MAX_GPC_JSON_BYTES = 16 * 1024;
const GPC_JSON_PATH = '/.well-known/gpc.json';

export interface GpcClaim {
  /** true: the site says it honors GPC; false: it says it does not; null: no usable claim. */
  gpc: boolean | null;
  /** The `lastUpdate` member when it is a date (YYYY-MM-DD), else null. */
  lastUpdate: string | null;
  /** Why there is no usable claim ("not JSON", "no gpc member"), or null. */
  problem: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readGpcJson(text: unknown): GpcClaim {
  const none = (problem: string): GpcClaim => ({ gpc: null, lastUpdate: null, problem });
  if (typeof text !== 'string') return none('no text');
  if (text.length > MAX_GPC_JSON_BYTES) return none('too large');
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  // Only an object can be a claim: refuse everything else before parsing (HTML error pages, arrays).
  if (!trimmed.startsWith('{')) return none('not a JSON object');
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch {
    return none('not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return none('not a JSON object');
  // Own members only: `{"__proto__": ...}` and friends are plain keys to JSON.parse, never inherited ones.
  const gpc = Object.prototype.hasOwnProperty.call(value, 'gpc') ? (value as Record<string, unknown>).gpc : undefined;
  const rawDate = Object.prototype.hasOwnProperty.call(value, 'lastUpdate') ? (value as Record<string, unknown>).lastUpdate : undefined;
  const lastUpdate = typeof rawDate === 'string' && DATE.test(rawDate) && !Number.isNaN(Date.parse(rawDate)) ? rawDate : null;
  if (typeof gpc !== 'boolean') return none(gpc === undefined ? 'no gpc member' : 'gpc is not true or false');
  return { gpc, lastUpdate, problem: null };
}

/** Where a page's origin keeps its claim, or null for anything that is not http(s). */
export function gpcJsonUrl(pageUrl: string): string | null {
  let u: URL;
  try {
    u = new URL(pageUrl);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  return `${u.origin}${GPC_JSON_PATH}`;
}
