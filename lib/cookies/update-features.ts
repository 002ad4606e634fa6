/**
 * The dynamic part of a cookie's features, per update: lifetime, attributes and the value's shape
 * (lib/cookies/value-features.ts). Allocation-free. Pure.
 */
import { F, type CookieFacts, type FeatureVector } from './feature-space';
import { valueFeatures } from './value-features';

const LOG_LIFETIME = Math.log(1 + 5 * 365 * 86400);
const LIFETIME_EDGES = [3600, 86400, 7 * 86400, 31 * 86400, 183 * 86400, 400 * 86400, 766 * 86400];

/** The dynamic part (lifetime, attributes, value shape) of one update, appended to `out`. Allocation-free. */
export function dynamicFeatures(c: Omit<CookieFacts, 'name' | 'domain' | 'site'>, out: FeatureVector): void {
  const expiry = c.expiry > 0 && Number.isFinite(c.expiry) ? c.expiry : 0;
  if (expiry === 0) out.push(F.session, 1);
  else {
    out.push(F.lifetime, Math.min(1.2, Math.log(1 + expiry) / LOG_LIFETIME));
    let b = 0;
    while (b < LIFETIME_EDGES.length && expiry >= LIFETIME_EDGES[b]!) b++;
    out.push(F.lifetimeBin + b, 1);
  }
  if (c.httpOnly) out.push(F.httpOnly, 1);
  if (c.secure) out.push(F.secure, 1);
  if (c.hostOnly) out.push(F.hostOnly, 1);
  out.push(F.sameSite + sameSiteSlot(c.sameSite), 1);
  if (c.path === '/' || c.path === '') out.push(F.rootPath, 1);
  const v = c.value;
  if (v !== undefined) valueFeatures(v, out);
}

function sameSiteSlot(s: string): number {
  switch (s.toLowerCase()) {
    case 'none':
    case 'no_restriction':
      return 0;
    case 'lax':
      return 1;
    case 'strict':
      return 2;
    default:
      return 3;
  }
}
