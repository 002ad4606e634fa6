/**
 * The popup's view of one site, built from the engine's state. Beside the engine, not inside it: the
 * engine knows nothing of views, and what the view shows never carries a cookie value.
 */
import type { CookieEvidence, CookieRow, RowBreach, SiteView } from '../messages';
import type { Declaration } from '../types';
import type { Verdict } from '../enforce/decide';
import { actualLifetime } from '../cookies/breaches';
import { domainInSite, type SiteKey } from '../site';
import type { Warden } from './warden';
import type { CookieEntry } from './entry';
import { signalView } from '../signals/view';
import type { SignalBreach } from '../signals/book';
import type { BannerBook, BannerEntry } from '../consent/book';

function attributesOf(entry: CookieEntry): string[] {
  const c = entry.cookie;
  const out: string[] = [];
  if (c.httpOnly) out.push('HttpOnly');
  if (c.secure) out.push('Secure');
  if (c.sameSite) out.push(`SameSite=${c.sameSite}`);
  if (c.hostOnly) out.push('host-only');
  out.push(c.session ? 'session' : 'persistent');
  if (entry.partitioned) out.push('partitioned');
  return out;
}

/** The evidence for one cookie as one site judged it. */
function evidenceOf(entry: CookieEntry, v: Verdict, declaration: Declaration | null): CookieEvidence {
  const d = v.declared;
  const source = declaration?.sources[d?.sourceIndex ?? 0] ?? null;
  return {
    firstSeen: new Date(entry.firstSeen).toISOString(),
    lastSeen: new Date(entry.lastSeen).toISOString(),
    path: entry.cookie.path,
    attributes: attributesOf(entry),
    actualLifetimeSeconds: actualLifetime({ ...entry.cookie, now: entry.lastSeen }),
    declared: d
      ? {
          name: d.name,
          purposeAsWritten: d.purposeAsWritten,
          purpose: d.purpose,
          durationAsWritten: d.durationAsWritten,
          provider: d.provider,
          expandedFrom: d.expandedFrom ?? null,
        }
      : null,
    policy: source ? { url: source.url, sha256: source.sha256, fetchedAt: source.fetchedAt ?? null } : null,
    notes: v.notes,
  };
}

function withClaimNote(evidence: CookieEvidence, breach: SignalBreach | null): CookieEvidence {
  const claim = breach?.claim.source === 'gpc.json' ? (breach.claim.url ?? 'its gpc.json') : 'its policy';
  return { ...evidence, notes: { ...evidence.notes, 'signal-claim': `claims to honor GPC (${claim}), sets tracking cookies` } };
}

function withBannerNote(evidence: CookieEvidence, entry: BannerEntry | null): CookieEvidence {
  const v = entry?.verdict;
  const note = v ? `set after ${v.platform} recorded your refusal of ${v.refusedPurposes.join(', ')} (${entry!.recordedAt})` : 'set after the banner recorded your refusal';
  return { ...evidence, notes: { ...evidence.notes, 'banner-refusal': note } };
}

/** `banners`: what the site's consent banner recorded (issue 15), for the cookies it set afterwards. */
export function siteView(w: Warden, site: SiteKey | null, url: string | null, banners?: BannerBook): SiteView {
  const r = site ? w.site(site) : undefined;
  const declaration = r?.declaration?.declaration ?? null;
  const cookies: CookieRow[] = [];
  let breaches = 0;
  if (site && r) {
    for (const { entry, verdict: v } of w.cookiesOf(site)) {
      const sourceIndex = v.declared?.sourceIndex ?? 0;
      const refusedHere = v.action === 'remove';
      // A site that says it honors GPC set this tracking cookie (lib/signals/book.ts).
      const signalClaim = w.signals.isEvidence(site, entry.cookie.name, entry.cookie.domain);
      // Its consent platform recorded the refusal of this cookie's purpose before it was set (issue 15).
      const afterRefusal = banners?.isEvidence(site, entry.cookie.name, entry.cookie.domain) ?? false;
      if (v.breaches.length > 0 || signalClaim || afterRefusal) breaches++;
      let evidence = signalClaim ? withClaimNote(evidenceOf(entry, v, declaration), w.signals.breachOf(site)) : evidenceOf(entry, v, declaration);
      if (afterRefusal) evidence = withBannerNote(evidence, banners!.entryOf(site));
      const rowBreaches: RowBreach[] = signalClaim ? [...v.breaches, 'signal-claim'] : [...v.breaches];
      if (afterRefusal) rowBreaches.push('banner-refusal');
      cookies.push({
        key: entry.key,
        name: entry.cookie.name,
        domain: entry.domain,
        partitioned: entry.partitioned,
        thirdParty: !domainInSite(entry.domain, site),
        httpOnly: entry.cookie.httpOnly,
        declared: v.declared !== null,
        expandedFrom: v.declared?.expandedFrom ?? null,
        purpose: v.purpose,
        purposeAsWritten: v.declared?.purposeAsWritten ?? null,
        basis: v.basis,
        state: entry.state === 'removed' ? 'removed' : refusedHere && entry.keptBy ? 'kept-for-other-site' : 'kept',
        keptFor: entry.state === 'kept' && refusedHere ? entry.keptBy : null,
        flag: v.flag,
        breaches: rowBreaches,
        policyUrl: v.declared ? (declaration?.sources[sourceIndex]?.url ?? null) : null,
        evidence,
        path: entry.cookie.path,
        secure: entry.cookie.secure,
        sameSite: entry.cookie.sameSite ?? null,
        expiresAt: entry.cookie.session ? null : (entry.cookie.expirationDate ?? null),
        firstSeen: entry.firstSeen,
        lastSeen: entry.lastSeen,
        declaredAs: v.declared
          ? {
              name: v.declared.name,
              purposeAsWritten: v.declared.purposeAsWritten,
              durationAsWritten: v.declared.durationAsWritten,
              durationSeconds: v.declared.durationSeconds,
              provider: v.declared.provider,
            }
          : null,
        allowedNow: entry.state === 'removed' && !refusedHere,
      });
    }
    cookies.sort((a, b) => a.name.localeCompare(b.name) || a.domain.localeCompare(b.domain));
  }
  const settings = w.settings;
  const effective = site ? w.choiceWithReason(site) : { choice: settings.defaultChoice, reason: 'default' as const };
  return {
    site,
    url,
    choice: site ? (settings.siteChoices[site] ?? null) : null,
    effectiveChoice: effective.choice,
    choiceReason: effective.reason,
    signals: signalView(settings.sendSignals, site ? w.stanceOf(site) : null, site ? w.signals.entry(site) : null),
    policy: r?.policy ?? { status: 'pending' },
    sources: (declaration?.sources ?? []).map((s, i) => ({
      url: s.url,
      kind: s.kind,
      via: r?.meta?.vias[i] ?? null,
      fetchedAt: s.fetchedAt ?? null,
      sha256: s.sha256 || null,
      cookies: declaration!.cookies.filter((c) => (c.sourceIndex ?? 0) === i && !c.expandedFrom).length,
    })),
    policyMeta: r?.meta ?? null,
    dnt: declaration?.statements.dnt.stance ?? 'unspecified',
    cookies,
    breaches,
  };
}
