import type { SiteView } from '@/lib/messages';
import { safeHref } from '@/lib/view/links';
import { VIA_KEYS } from './labels';
import { formatDate, t, tn } from './i18n';

/** The policy's state in words (the popup and the report). */
export function statusText(view: Pick<SiteView, 'policy'>): string {
  const p = view.policy;
  switch (p.status) {
    case 'pending':
      return t('policyPending');
    case 'loading':
      return t('policyLoading');
    case 'found':
      return t('policyFound');
    case 'none':
      return t('policyNone', p.reason);
    case 'error':
      return p.retryAt ? t('policyErrorRetry', p.reason, formatDate(p.retryAt, true)) : t('policyError', p.reason);
  }
}

/** The site's policy: state, sources with their dates, and what changed. Website text is rendered as text only. */
export function PolicySummary({ view, onCheckAgain }: { view: SiteView; onCheckAgain?: () => void }) {
  const meta = view.policyMeta;
  const change = meta?.change ?? null;
  return (
    <section className="policy" data-testid="policy" data-status={view.policy.status} aria-labelledby="policy-heading">
      <h2 id="policy-heading">{t('policyHeading')}</h2>
      <p data-testid="policy-status" role="status">
        {statusText(view)}
      </p>
      {view.sources.length > 0 && (
        <ul className="sources">
          {view.sources.map((s, i) => {
            const href = safeHref(s.url);
            const via = s.via ? (VIA_KEYS[s.via] ? t(VIA_KEYS[s.via]!) : s.via) : null;
            return (
              <li key={`${i}|${s.url}`} data-testid="policy-source" data-kind={s.kind} data-via={s.via ?? ''}>
                {href ? (
                  <a href={href} target="_blank" rel="noreferrer noopener" className="url">
                    {s.url}
                  </a>
                ) : (
                  <span className="url">{s.url}</span>
                )}
                <div className="meta">
                  {[via, tn('sourceDeclares', s.cookies), s.fetchedAt ? t('sourceRead', formatDate(s.fetchedAt)) : null]
                    .filter(Boolean)
                    .join(' · ')}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {meta?.checkedAt && view.policy.status === 'found' && (
        <p className="meta" data-testid="policy-checked">
          {t('policyChecked', formatDate(meta.checkedAt))}
          {meta.lastError ? ` ${t('policyLastCheckFailed', meta.lastError)}` : ''}
        </p>
      )}
      {change && (
        <div className="change" data-testid="policy-change" data-added={change.added.join(' ')} data-removed={change.removed.join(' ')}>
          <p>
            {t('policyChanged', formatDate(change.on), change.added.length, change.removed.length)}
            {change.previousDate ? ` ${t('policyChangedSince', formatDate(change.previousDate))}` : ''}
          </p>
          {change.added.length > 0 && <p className="meta">{t('policyAdded', change.added.join(', '))}</p>}
          {change.removed.length > 0 && <p className="meta">{t('policyRemoved', change.removed.join(', '))}</p>}
        </div>
      )}
      {onCheckAgain && view.policy.status !== 'loading' && (
        <button type="button" data-testid="check-again" onClick={onCheckAgain}>
          {t('checkAgain')}
        </button>
      )}
    </section>
  );
}
