/**
 * A site's report: every breach with its evidence (when it was seen, the cookie's attributes, the policy's
 * URL with its SHA-256 and fetch date, the declared entry), what a person attaches to a complaint to a
 * data-protection authority. Built from the popup's view, so it never holds a cookie value. Nothing is sent
 * anywhere: the report page shows it and the person saves it (JSON or HTML) or prints it.
 */
import type { CookieRow, DeclaredAsView, PolicySourceView, SiteView } from '../messages';
import { evidencePairs, type EvidencePair } from '../view/evidence';
import { countRows } from '../view/rows';

export const REPORT_FORMAT = 'cookie-warden-report';
const REPORT_VERSION = 1;

const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined || !Number.isFinite(ms) ? null : new Date(ms).toISOString();

export interface ReportCookie {
  name: string;
  domain: string;
  path: string;
  thirdParty: boolean;
  secure: boolean;
  httpOnly: boolean;
  sameSite: string | null;
  partitioned: boolean;
  /** ISO date; null for a session cookie. */
  expires: string | null;
  firstSeen: string | null;
  lastSeen: string | null;
}

export interface ReportBreach {
  kinds: string[];
  cookie: ReportCookie;
  state: CookieRow['state'];
  purpose: CookieRow['purpose'];
  basis: CookieRow['basis'];
  declaredAs: DeclaredAsView | null;
  /** The policy document that declares it (null when no document does: the breach is its absence). */
  policy: Pick<PolicySourceView, 'url' | 'sha256' | 'fetchedAt'> | null;
  evidence: EvidencePair[];
}

export interface SiteReport {
  format: typeof REPORT_FORMAT;
  version: number;
  generatedAt: string;
  generator: { name: string; version: string };
  site: string;
  pageUrl: string | null;
  choice: { site: string | null; effective: string };
  policy: {
    status: SiteView['policy']['status'];
    reason: string | null;
    sources: PolicySourceView[];
    change: NonNullable<SiteView['policyMeta']>['change'];
  };
  summary: { cookies: number; removed: number; kept: number; breaches: number };
  breaches: ReportBreach[];
  cookies: Array<Pick<CookieRow, 'name' | 'domain' | 'state' | 'declared' | 'purpose' | 'breaches'>>;
}

function cookieOf(r: CookieRow): ReportCookie {
  return {
    name: r.name,
    domain: r.domain,
    path: r.path,
    thirdParty: r.thirdParty,
    secure: r.secure,
    httpOnly: r.httpOnly,
    sameSite: r.sameSite,
    partitioned: r.partitioned,
    expires: r.expiresAt === null ? null : iso(r.expiresAt * 1000),
    firstSeen: iso(r.firstSeen),
    lastSeen: iso(r.lastSeen),
  };
}

export function buildReport(view: SiteView, generatedAt: Date, generatorVersion: string): SiteReport | null {
  if (!view.site) return null;
  const sourceByUrl = new Map(view.sources.map((s) => [s.url, s]));
  const p = view.policy;
  const counts = countRows(view.cookies);
  return {
    format: REPORT_FORMAT,
    version: REPORT_VERSION,
    generatedAt: generatedAt.toISOString(),
    generator: { name: 'Cookie Warden', version: generatorVersion },
    site: view.site,
    pageUrl: view.url,
    choice: { site: view.choice, effective: view.effectiveChoice },
    policy: {
      status: p.status,
      reason: p.status === 'none' || p.status === 'error' ? p.reason : null,
      sources: view.sources,
      change: view.policyMeta?.change ?? null,
    },
    summary: { cookies: counts.total, removed: counts.removed, kept: counts.kept, breaches: counts.breaches },
    breaches: view.cookies
      .filter((r) => r.breaches.length > 0)
      .map((r) => {
        const source = r.policyUrl ? sourceByUrl.get(r.policyUrl) : undefined;
        return {
          kinds: [...r.breaches],
          cookie: cookieOf(r),
          state: r.state,
          purpose: r.purpose,
          basis: r.basis,
          declaredAs: r.declaredAs,
          policy: r.policyUrl ? { url: r.policyUrl, sha256: source?.sha256 ?? null, fetchedAt: source?.fetchedAt ?? null } : null,
          evidence: evidencePairs((r as CookieRow & { evidence?: unknown }).evidence),
        };
      }),
    cookies: view.cookies.map((r) => ({
      name: r.name,
      domain: r.domain,
      state: r.state,
      declared: r.declared,
      purpose: r.purpose,
      breaches: [...r.breaches],
    })),
  };
}

/** A file name for the saved report: the site and the day, nothing a site could inject. */
export function reportFileName(report: SiteReport, ext: 'json' | 'html'): string {
  const site = report.site.replace(/[^a-z0-9.-]/gi, '_').slice(0, 100);
  return `cookie-warden-report-${site}-${report.generatedAt.slice(0, 10)}.${ext}`;
}
