/**
 * The report as one standalone, printable HTML file: no script, no external resource, every string escaped
 * (cookie names, domains and policy URLs come from websites).
 */
import { escapeHtml as e } from '../view/escape';
import type { SiteReport } from './build';

/** The words of the report, in the person's language (the page passes them in). */
export interface ReportWords {
  title: string;
  generated: string;
  site: string;
  page: string;
  choice: string;
  policy: string;
  policyStatus: string;
  sources: string;
  sourceUrl: string;
  sha256: string;
  fetched: string;
  summary: string;
  /** The summary in words ("12 cookies · 3 removed · …"), counted by the caller. */
  summaryText: string;
  breaches: string;
  noBreaches: string;
  cookie: string;
  kinds: string;
  attributes: string;
  declaredAs: string;
  notDeclared: string;
  evidence: string;
  firstSeen: string;
  expires: string;
  session: string;
  allCookies: string;
  state: string;
  purpose: string;
  footer: string;
}

const row = (k: string, v: string | null | undefined) => `<tr><th scope="row">${e(k)}</th><td>${e(v ?? '—')}</td></tr>`;

export function reportHtml(
  r: SiteReport,
  w: ReportWords,
  lang: string,
  kindLabel: (k: string) => string = (k) => k,
  evidenceLabel: (key: string) => string = (k) => k,
): string {
  const sources = r.policy.sources
    .map(
      (s) =>
        `<tr><td class="url">${e(s.url)}</td><td>${e(s.kind)}</td><td class="hash">${e(s.sha256 || '—')}</td><td>${e(s.fetchedAt ?? '—')}</td></tr>`,
    )
    .join('');
  const breaches = r.breaches
    .map((b) => {
      const c = b.cookie;
      const attrs = [
        `domain=${c.domain}`,
        `path=${c.path}`,
        c.secure ? 'Secure' : '',
        c.httpOnly ? 'HttpOnly' : '',
        c.sameSite ? `SameSite=${c.sameSite}` : '',
        c.partitioned ? 'Partitioned' : '',
        c.thirdParty ? 'third-party' : 'first-party',
      ].filter(Boolean);
      const declared = b.declaredAs
        ? [b.declaredAs.name, b.declaredAs.purposeAsWritten, b.declaredAs.durationAsWritten, b.declaredAs.provider].filter(Boolean).join(' · ')
        : w.notDeclared;
      return `<section class="breach"><h3>${e(c.name)}</h3><table>
${row(w.kinds, b.kinds.map(kindLabel).join('; '))}
${row(w.attributes, attrs.join('; '))}
${row(w.firstSeen, c.firstSeen)}
${row(w.expires, c.expires ?? w.session)}
${row(w.state, b.state)}
${row(w.purpose, `${b.purpose} (${b.basis})`)}
${row(w.declaredAs, declared)}
${b.policy ? row(w.sourceUrl, b.policy.url) + row(w.sha256, b.policy.sha256) + row(w.fetched, b.policy.fetchedAt) : ''}
${b.evidence.map((p) => row(evidenceLabel(p.key), p.value)).join('\n')}
</table></section>`;
    })
    .join('\n');
  const cookies = r.cookies
    .map((c) => `<tr><td>${e(c.name)}</td><td>${e(c.domain)}</td><td>${e(c.state)}</td><td>${e(c.purpose)}</td><td>${e(c.breaches.join(' '))}</td></tr>`)
    .join('');
  return `<!doctype html>
<html lang="${e(lang)}"><head><meta charset="utf-8"><title>${e(w.title)} — ${e(r.site)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;color:#1b1b1f}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{text-align:left;vertical-align:top;padding:3px 6px;border-bottom:1px solid #ddd}
th[scope=row]{width:12em;font-weight:600}.url,.hash{word-break:break-all;font-family:ui-monospace,monospace;font-size:12px}
.breach{break-inside:avoid;border-left:4px solid #b00020;padding-left:.6em;margin:1em 0}h3{font-family:ui-monospace,monospace}
</style></head><body>
<h1>${e(w.title)}: ${e(r.site)}</h1>
<table>
${row(w.generated, r.generatedAt)}
${row(w.site, r.site)}
${row(w.page, r.pageUrl)}
${row(w.choice, r.choice.site ?? r.choice.effective)}
${row(w.policyStatus, r.policy.status + (r.policy.reason ? `: ${r.policy.reason}` : ''))}
${row(w.summary, w.summaryText)}
</table>
<h2>${e(w.sources)}</h2>
<table><thead><tr><th>${e(w.sourceUrl)}</th><th>${e(w.policy)}</th><th>${e(w.sha256)}</th><th>${e(w.fetched)}</th></tr></thead><tbody>${sources}</tbody></table>
<h2>${e(w.breaches)} (${r.breaches.length})</h2>
${r.breaches.length === 0 ? `<p>${e(w.noBreaches)}</p>` : breaches}
<h2>${e(w.allCookies)} (${r.cookies.length})</h2>
<table><thead><tr><th>${e(w.cookie)}</th><th>${e(w.attributes)}</th><th>${e(w.state)}</th><th>${e(w.purpose)}</th><th>${e(w.kinds)}</th></tr></thead><tbody>${cookies}</tbody></table>
<p><small>${e(w.footer)} ${e(r.generator.name)} ${e(r.generator.version)}</small></p>
</body></html>
`;
}
