/**
 * What the user added on top of a site's choice: per-cookie exceptions ("always allow" / "always remove",
 * per site) and what to do with undeclared cookies of unknown purpose. They change one site's vote and
 * nothing else: lib/engine/ownership.ts still removes a cookie only when every site it belongs to refuses
 * it, so "always remove" on one site can never remove a cookie that its owner keeps (another site's
 * session), and "always allow" on any site it belongs to keeps it. Pure.
 */
import type { CookieException, UnknownCookies } from '../types';
import type { PolicyStatus, Verdict } from './decide';

export interface UserRules {
  /** This site's exception for the cookie's name, if any. */
  exception: CookieException | null;
  unknownCookies: UnknownCookies;
  /** The site's policy status: an unknown cookie is removed only once the policy had its say. */
  policy: PolicyStatus;
}

/** The verdict with the user's rules applied (a new object only when something changes). */
export function applyUserRules(v: Verdict, rules: UserRules): Verdict {
  if (rules.exception === 'allow') {
    return v.action === 'keep' && v.flag === null ? v : { ...v, action: 'keep', flag: 'always allowed on this site' };
  }
  if (rules.exception === 'remove') {
    return { ...v, action: 'remove', flag: 'always removed on this site' };
  }
  // Unknown purpose, nothing disagreeing (sources that disagree always keep), not declared, and the policy
  // has arrived (or is known to be missing): the user asked for such cookies to go.
  if (rules.unknownCookies === 'remove' && v.purpose === 'unknown' && v.basis === 'none' && v.declared === null && rules.policy !== 'pending') {
    return { ...v, action: 'remove', flag: 'purpose unknown: removed (your setting)' };
  }
  return v;
}
