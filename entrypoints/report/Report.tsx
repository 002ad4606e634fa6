import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { send } from '@/components/api';
import { statusText } from '@/components/PolicySummary';
import { breachLabel, evidenceLabel, lifetimeLabel, purposeLabel, basisLabel } from '@/components/labels';
import { formatDate, t, tn, uiLanguage } from '@/components/i18n';
import { buildReport, reportFileName, type SiteReport } from '@/lib/report/build';
import { reportHtml, type ReportWords } from '@/lib/report/html';
import { actualLifetimeSeconds } from '@/lib/view/lifetime';
import { safeHref } from '@/lib/view/links';
import { download } from '@/components/download';
import { verdictParts } from '@/lib/view/rows';
import type { SiteView } from '@/lib/messages';


function summaryText(view: SiteView): string {
  return verdictParts(view.cookies, view.policy)
    .map((p) => (p.key === 'verdictNoCookies' ? t('verdictNoCookies') : tn(p.key, p.count)))
    .join(' · ');
}

function words(view: SiteView): ReportWords {
  return {
    title: t('reportTitle'),
    generated: t('reportGenerated'),
    site: t('colSite'),
    page: t('reportPage'),
    choice: t('colChoice'),
    policy: t('reportKind'),
    policyStatus: t('policyHeading'),
    sources: t('reportSources'),
    sourceUrl: t('factPolicy'),
    sha256: 'SHA-256',
    fetched: t('reportFetched'),
    summary: t('reportSummary'),
    summaryText: summaryText(view),
    breaches: t('reportBreaches'),
    noBreaches: t('reportNoBreaches'),
    cookie: t('colCookie'),
    kinds: t('breachHeading'),
    attributes: t('reportAttributes'),
    declaredAs: t('factDeclaredAs'),
    notDeclared: t('notDeclared'),
    evidence: t('reportEvidence'),
    firstSeen: t('factFirstSeen'),
    expires: t('reportExpires'),
    session: t('lifetimeSession'),
    allCookies: t('cookiesHeading'),
    state: t('colState'),
    purpose: t('colPurpose'),
    footer: t('reportFooter'),
  };
}

function Link({ url }: { url: string }) {
  const href = safeHref(url);
  return href ? (
    <a href={href} target="_blank" rel="noreferrer noopener" className="url">
      {url}
    </a>
  ) : (
    <span className="url">{url}</span>
  );
}

/** A printable report of one site's breaches with their evidence; saved only when the person saves it. */
export function Report({ tabId }: { tabId: number | null }) {
  const [view, setView] = useState<SiteView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (tabId === null) return;
    send({ type: 'get-site-view', tabId }).then(setView, (err: unknown) => setError(String(err)));
  }, [tabId]);
  if (tabId === null) return <p role="alert">{t('noTab')}</p>;
  if (error) return <p role="alert">{t('errorText', error)}</p>;
  if (!view) return <p role="status">{t('loading')}</p>;
  const report: SiteReport | null = buildReport(view, new Date(), browser.runtime.getManifest().version);
  if (!report) return <p role="status">{t('tabGone')}</p>;
  const w = words(view);
  return (
    <main className="report" data-testid="report" data-site={report.site} data-breaches={report.breaches.length}>
      <header className="title-row">
        <img src="/icon/48.png" alt="" width="32" height="32" />
        <h1>{t('reportHeading', report.site)}</h1>
      </header>
      <p className="no-print meta">{t('reportPrivacy')}</p>
      <div className="button-row no-print">
        <button type="button" id="print-report" onClick={() => window.print()}>
          {t('reportPrint')}
        </button>
        <button
          type="button"
          id="save-json"
          onClick={() => download(reportFileName(report, 'json'), JSON.stringify(report, null, 2), 'application/json')}
        >
          {t('reportSaveJson')}
        </button>
        <button
          type="button"
          id="save-html"
          onClick={() =>
            download(reportFileName(report, 'html'), reportHtml(report, w, uiLanguage(), breachLabel, evidenceLabel), 'text/html')
          }
        >
          {t('reportSaveHtml')}
        </button>
      </div>
      <table className="kv">
        <tbody>
          <tr><th scope="row">{w.generated}</th><td>{formatDate(report.generatedAt, true)}</td></tr>
          <tr><th scope="row">{w.page}</th><td className="url">{report.pageUrl ?? '—'}</td></tr>
          <tr><th scope="row">{w.policyStatus}</th><td>{statusText(view)}</td></tr>
          <tr><th scope="row">{w.summary}</th><td data-testid="report-summary">{w.summaryText}</td></tr>
        </tbody>
      </table>
      <h2>{w.sources}</h2>
      {report.policy.sources.length === 0 ? (
        <p>{t('reportNoSources')}</p>
      ) : (
        <table className="kv">
          <thead>
            <tr><th scope="col">{w.sourceUrl}</th><th scope="col">{w.sha256}</th><th scope="col">{w.fetched}</th></tr>
          </thead>
          <tbody>
            {report.policy.sources.map((s) => (
              <tr key={s.url}>
                <td><Link url={s.url} /></td>
                <td className="hash">{s.sha256 ?? '—'}</td>
                <td>{formatDate(s.fetchedAt, true) || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{w.breaches} ({report.breaches.length})</h2>
      {report.breaches.length === 0 && <p>{w.noBreaches}</p>}
      {report.breaches.map((b) => (
        <section className="breach-card" key={`${b.cookie.name}|${b.cookie.domain}|${b.cookie.path}`} data-report-breach={b.cookie.name}>
          <h3 className="name">{b.cookie.name}</h3>
          <table className="kv">
            <tbody>
              <tr><th scope="row">{w.kinds}</th><td>{b.kinds.map(breachLabel).join('; ')}</td></tr>
              <tr><th scope="row">{t('factDomain')}</th><td>{b.cookie.domain}{b.cookie.path !== '/' ? b.cookie.path : ''} · {b.cookie.thirdParty ? t('thirdParty') : t('firstParty')}</td></tr>
              <tr><th scope="row">{w.attributes}</th><td>{[b.cookie.secure && 'Secure', b.cookie.httpOnly && 'HttpOnly', b.cookie.sameSite && `SameSite=${b.cookie.sameSite}`, b.cookie.partitioned && 'Partitioned'].filter(Boolean).join(' · ') || '—'}</td></tr>
              <tr><th scope="row">{w.firstSeen}</th><td>{formatDate(b.cookie.firstSeen, true)}</td></tr>
              <tr><th scope="row">{t('factLifetime')}</th><td>{lifetimeLabel(actualLifetimeSeconds(b.cookie.expires ? Date.parse(b.cookie.expires) / 1000 : null, Date.parse(b.cookie.lastSeen ?? '') || Date.now()))}</td></tr>
              <tr><th scope="row">{w.purpose}</th><td>{purposeLabel(b.purpose)} ({basisLabel(b.basis)})</td></tr>
              <tr><th scope="row">{w.declaredAs}</th><td>{b.declaredAs ? [b.declaredAs.name, b.declaredAs.purposeAsWritten, b.declaredAs.durationAsWritten].filter(Boolean).join(' · ') : w.notDeclared}</td></tr>
              {b.policy && (
                <>
                  <tr><th scope="row">{w.sourceUrl}</th><td><Link url={b.policy.url} /></td></tr>
                  <tr><th scope="row">SHA-256</th><td className="hash">{b.policy.sha256 ?? '—'}</td></tr>
                  <tr><th scope="row">{w.fetched}</th><td>{formatDate(b.policy.fetchedAt, true) || '—'}</td></tr>
                </>
              )}
              {b.evidence.map((p) => (
                <tr key={p.key}><th scope="row">{evidenceLabel(p.key)}</th><td>{p.value}</td></tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <h2>{w.allCookies} ({report.cookies.length})</h2>
      <table className="kv">
        <thead>
          <tr><th scope="col">{w.cookie}</th><th scope="col">{t('factDomain')}</th><th scope="col">{w.state}</th><th scope="col">{w.purpose}</th></tr>
        </thead>
        <tbody>
          {report.cookies.map((c, i) => (
            <tr key={i}>
              <td className="name">{c.name}</td>
              <td>{c.domain}</td>
              <td>{c.state === 'removed' ? t('stateRemoved') : t('stateKept')}</td>
              <td>{purposeLabel(c.purpose)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="meta">{w.footer} Cookie Warden {report.generator.version}</p>
    </main>
  );
}
