import type { SiteView } from '@/lib/messages';
import { safeHref } from './labels';

function statusText(view: SiteView): string {
  const p = view.policy;
  switch (p.status) {
    case 'pending':
      return 'Looking for the site’s cookie policy…';
    case 'loading':
      return 'Reading the cookie policy…';
    case 'found':
      return 'Cookie policy read';
    case 'none':
      return `No policy found: ${p.reason}. Every non-essential cookie counts as undeclared.`;
    case 'error':
      return p.reason;
  }
}

export function PolicySummary({ view }: { view: SiteView }) {
  return (
    <section className="policy" data-testid="policy" data-status={view.policy.status}>
      <p>{statusText(view)}</p>
      {view.sources.length > 0 && (
        <ul className="sources">
          {view.sources.map((s) => {
            const href = safeHref(s.url);
            return (
              <li key={s.url} data-testid="policy-source">
                {href ? (
                  <a href={href} target="_blank" rel="noreferrer noopener">
                    {s.url}
                  </a>
                ) : (
                  <span className="url">{s.url}</span>
                )}{' '}
                <span className="meta">
                  ({s.kind}, {s.cookies} cookies{s.fetchedAt ? `, read ${s.fetchedAt.slice(0, 10)}` : ''})
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {view.dnt === 'ignored' && <p className="meta">This policy says the site does not honor Do Not Track.</p>}
    </section>
  );
}
