import type { CookieRow } from '@/lib/messages';
import { PURPOSE_LABELS } from './labels';

const BASIS_LABELS: Record<CookieRow['basis'], string> = {
  declaration: 'declared by the site',
  provider: 'declared through a provider',
  knowledge: 'Open Cookie Database',
  classifier: 'classifier',
  disagreement: 'sources disagree',
  none: 'no information',
};

/** Host and path of a policy URL, for a narrow popup column. */
function shortUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`.slice(0, 80);
  } catch {
    return url.slice(0, 80);
  }
}

/** This site's cookies. Every string here comes from websites: rendered as text only. */
export function CookieTable({ cookies }: { cookies: CookieRow[] }) {
  if (cookies.length === 0) return <p className="empty">No cookies seen for this site yet.</p>;
  return (
    <table className="cookies" data-testid="cookie-table">
      <thead>
        <tr>
          <th>Cookie</th>
          <th>Declared</th>
          <th>Purpose</th>
          <th>State</th>
        </tr>
      </thead>
      <tbody>
        {cookies.map((c) => (
          <tr
            key={`${c.name}|${c.domain}|${c.partitioned}`}
            data-cookie={c.name}
            data-state={c.state}
            data-declared={String(c.declared)}
            data-purpose={c.purpose}
            data-breaches={c.breaches.join(' ')}
            className={c.breaches.length > 0 ? 'breach' : undefined}
          >
            <td>
              <div className="name">{c.name}</div>
              <div className="meta">
                {c.domain}
                {c.thirdParty ? ' · third-party' : ''}
                {c.partitioned ? ' · partitioned' : ''}
                {c.httpOnly ? ' · HttpOnly' : ''}
              </div>
            </td>
            <td>
              {c.declared ? (c.expandedFrom ? `via ${c.expandedFrom}` : 'yes') : <strong>undeclared</strong>}
              {c.purposeAsWritten && <div className="meta">“{c.purposeAsWritten}”</div>}
              {c.policyUrl && (
                <div className="meta url" title={c.policyUrl} data-testid="cookie-source">
                  from {shortUrl(c.policyUrl)}
                </div>
              )}
            </td>
            <td>
              {PURPOSE_LABELS[c.purpose]}
              <div className="meta">{BASIS_LABELS[c.basis]}</div>
            </td>
            <td>
              <span className={`state ${c.state}`}>{c.state === 'kept-for-other-site' ? 'kept' : c.state}</span>
              {c.keptFor && <div className="meta">kept: {c.keptFor} needs it (its own site decides)</div>}
              {c.flag && <div className="meta flag">{c.flag}</div>}
              {c.breaches.length > 0 && (
                <ul className="meta evidence" data-testid="evidence">
                  {c.breaches.map((b) => (
                    <li key={b} data-breach={b}>
                      {b}: {c.evidence.notes[b] ?? ''}
                    </li>
                  ))}
                  <li>
                    seen {c.evidence.firstSeen} – {c.evidence.lastSeen}; {c.evidence.attributes.join(', ')}
                    {c.evidence.policy ? `; policy sha256 ${c.evidence.policy.sha256.slice(0, 12)}…` : ''}
                  </li>
                </ul>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
