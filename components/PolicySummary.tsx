import type { SiteView } from '@/lib/messages';
import { safeHref } from './labels';

const VIA_LABELS: Record<string, string> = {
  'consent-platform': 'consent platform',
  'page-link': 'linked from the page',
  'usual-path': 'found at a usual address',
  'linked-policy': 'linked from the privacy policy',
};

const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : '');

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
      return `Policy unavailable: ${p.reason}.${p.retryAt ? ` Trying again after ${p.retryAt.slice(11, 16)} UTC.` : ''}`;
  }
}

/** The site's policy: state, sources with their dates, and what changed. Website text is rendered as text only. */
export function PolicySummary({ view, onCheckAgain }: { view: SiteView; onCheckAgain?: () => void }) {
  const meta = view.policyMeta;
  const change = meta?.change ?? null;
  return (
    <section className="policy" data-testid="policy" data-status={view.policy.status}>
      <p data-testid="policy-status">{statusText(view)}</p>
      {view.sources.length > 0 && (
        <ul className="sources">
          {view.sources.map((s, i) => {
            const href = safeHref(s.url);
            return (
              <li key={`${i}|${s.url}`} data-testid="policy-source" data-kind={s.kind} data-via={s.via ?? ''}>
                {href ? (
                  <a href={href} target="_blank" rel="noreferrer noopener">
                    {s.url}
                  </a>
                ) : (
                  <span className="url">{s.url}</span>
                )}{' '}
                <span className="meta">
                  ({s.kind}
                  {s.via ? `, ${VIA_LABELS[s.via] ?? s.via}` : ''}, {s.cookies} cookies
                  {s.fetchedAt ? `, read ${day(s.fetchedAt)}` : ''})
                </span>
              </li>
            );
          })}
        </ul>
      )}
      {meta?.checkedAt && view.policy.status === 'found' && (
        <p className="meta" data-testid="policy-checked">
          Checked {day(meta.checkedAt)}
          {meta.lastError ? ` (last check failed: ${meta.lastError})` : ''}
        </p>
      )}
      {change && (
        <div className="change" data-testid="policy-change" data-added={change.added.join(' ')} data-removed={change.removed.join(' ')}>
          <p>
            Policy changed on {day(change.on)}: +{change.added.length} / -{change.removed.length} cookies
            {change.previousDate ? ` (since the version of ${day(change.previousDate)})` : ''}
          </p>
          {change.added.length > 0 && <p className="meta">Added: {change.added.join(', ')}</p>}
          {change.removed.length > 0 && <p className="meta">Removed: {change.removed.join(', ')}</p>}
        </div>
      )}
      {onCheckAgain && view.policy.status !== 'loading' && (
        <button type="button" data-testid="check-again" onClick={onCheckAgain}>
          Check the policy again
        </button>
      )}
    </section>
  );
}
