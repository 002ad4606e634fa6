/**
 * One site's verdict on one cookie: the site's declaration and choice (lib/enforce/decide.ts), then the user's
 * own rules for that site. Pure; the engine (warden.ts) calls it for every site a cookie belongs to.
 */
import type { Choice, Settings } from '../types';
import { decide, type PolicyStatus, type Verdict } from '../enforce/decide';
import type { KnowledgeBase } from '../cookies/knowledge';
import type { UndeclaredJudge } from '../cookies/judge';
import { hostInDomain, type SiteKey } from '../site';
import { applyUserRules } from '../enforce/user-rules';
import { exceptionFor } from '../storage/settings';
import type { CookieEntry, ObservedCookie, SiteRecord } from './entry';

/** A cookie as judged: a stored entry, or a bare name the guard asks about (attributes unknown, no `lastSeen`). */
export type Probe = Pick<CookieEntry, 'domain'> & {
  lastSeen?: number;
  cookie: Pick<ObservedCookie, 'name'> & Partial<ObservedCookie>;
};

export interface VerdictContext {
  knowledge: KnowledgeBase | null;
  judge: UndeclaredJudge;
  settings: Settings;
  /** The site's effective choice (lib/signals/effective-choice.ts). */
  choice: Choice;
  /** The value of the cookie being judged, for the classifier's value-shape features only: never stored. */
  value: string | undefined;
}

function policyStatus(r: SiteRecord): PolicyStatus {
  if (r.policy.status === 'found') return 'found';
  if (r.policy.status === 'none') return 'none';
  return 'pending';
}

export function siteVerdict(site: SiteKey, record: SiteRecord, entry: Probe, ctx: VerdictContext): Verdict {
  const policy = policyStatus(record);
  const c = entry.cookie;
  const seen = entry.lastSeen ?? 0;
  const session = c.session ?? true;
  const verdict = decide({
    name: c.name,
    domain: entry.domain,
    policy,
    declaration: record.declaration,
    choice: ctx.choice,
    knowledge: ctx.knowledge,
    observed: { expirationDate: c.expirationDate, session, now: seen, thirdParty: !hostInDomain(entry.domain, site) },
    toldNo: ctx.settings.sendSignals,
    // The model reads a cookie's attributes: a hypothetical one (the guard asks about a bare name) is judged
    // by the knowledge base and the name rules alone.
    judge: entry.lastSeen === undefined ? null : ctx.judge,
    facts: {
      site,
      path: c.path ?? '/',
      httpOnly: c.httpOnly ?? false,
      secure: c.secure ?? false,
      sameSite: c.sameSite ?? 'unspecified',
      hostOnly: c.hostOnly ?? true,
      expiry: session || c.expirationDate === undefined ? 0 : Math.max(0, Math.round(c.expirationDate - seen / 1000)),
      value: ctx.value,
    },
  });
  // The user's per-cookie exceptions and the unknown-purpose setting change this site's vote only.
  return applyUserRules(verdict, {
    exception: exceptionFor(ctx.settings, site, entry.cookie.name),
    unknownCookies: ctx.settings.unknownCookies,
    policy,
  });
}
