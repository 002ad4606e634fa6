import { Fragment, useState } from 'react';
import type { CookieRow } from '@/lib/messages';
import { filterRows, groupByPurpose, rowKey, type RowFilter } from '@/lib/view/rows';
import { shortUrl } from '@/lib/view/links';
import { BreachEvidence } from './BreachEvidence';
import { CookieFilters } from './CookieFilters';
import { basisLabel, lifetimeLabel, purposeLabel } from './labels';
import { actualLifetimeSeconds } from '@/lib/view/lifetime';
import { t } from './i18n';

function StateCell({ row }: { row: CookieRow }) {
  if (row.state === 'removed') {
    return (
      <>
        <span className="state removed">{t('stateRemoved')}</span>
        {row.allowedNow && <div className="meta">{t('stateAllowedNow')}</div>}
      </>
    );
  }
  return (
    <>
      <span className="state kept">{t('stateKept')}</span>
      {row.keptFor && <div className="meta">{t('stateKeptFor', row.keptFor)}</div>}
      <div className="meta">{t('stateLifetime', lifetimeLabel(actualLifetimeSeconds(row.expiresAt, row.lastSeen)))}</div>
    </>
  );
}

/** "Always allow" / "always remove" this cookie on this site (a per-cookie exception), or back to the rule. */
export type OnException = (name: string, rule: 'allow' | 'remove' | null) => void;

function Row({
  row,
  open,
  onToggle,
  multipleSources,
  onException,
}: {
  row: CookieRow;
  open: boolean;
  onToggle: () => void;
  multipleSources: boolean;
  onException?: OnException;
}) {
  const id = `details-${rowKey(row).replace(/[^A-Za-z0-9_-]/g, '_')}`;
  return (
    <Fragment>
      <tr
        data-cookie={row.name}
        data-state={row.state}
        data-declared={String(row.declared)}
        data-purpose={row.purpose}
        data-breaches={row.breaches.join(' ')}
        className={row.breaches.length > 0 ? 'breach' : undefined}
      >
        <td>
          <button type="button" className="row-toggle" aria-expanded={open} aria-controls={id} onClick={onToggle}>
            <span className="name">{row.name}</span>
          </button>
          <div className="meta">
            {row.domain} · {row.thirdParty ? t('thirdParty') : t('firstParty')}
            {row.partitioned ? ` · ${t('partitioned')}` : ''}
          </div>
        </td>
        <td>
          {row.declared ? (
            // The document it came from: a tooltip here, a link in the row's details.
            <span title={row.policyUrl ?? undefined} data-testid={row.policyUrl ? 'cookie-source' : undefined}>
              {row.expandedFrom ? t('declaredVia', row.expandedFrom) : t('declaredYes')}
            </span>
          ) : (
            <strong className="undeclared">{t('declaredNo')}</strong>
          )}
          {row.purposeAsWritten && <div className="meta">{t('quoted', row.purposeAsWritten)}</div>}
          {row.policyUrl && multipleSources && (
            <div className="meta url">
              {t('declaredFrom', shortUrl(row.policyUrl, 40))}
            </div>
          )}
        </td>
        <td>
          {purposeLabel(row.purpose)}
          <div className="meta">{basisLabel(row.basis)}</div>
          {row.flag && <div className="meta flag">{row.flag}</div>}
        </td>
        <td>
          <StateCell row={row} />
        </td>
      </tr>
      {open && (
        <tr className="details" id={id}>
          <td colSpan={4}>
            <BreachEvidence row={row} />
            {onException && (
              <p className="button-row" data-testid="cookie-exception">
                <button type="button" data-exception="allow" onClick={() => onException(row.name, 'allow')}>
                  {t('exceptionAllow')}
                </button>
                <button type="button" data-exception="remove" onClick={() => onException(row.name, 'remove')}>
                  {t('exceptionRemove')}
                </button>
                <button type="button" data-exception="none" onClick={() => onException(row.name, null)}>
                  {t('exceptionNone')}
                </button>
              </p>
            )}
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** This site's cookies by purpose, with a filter and a search. Every string here comes from websites: text only. */
export function CookieList({ cookies, multipleSources, onException }: { cookies: CookieRow[]; multipleSources: boolean; onException?: OnException }) {
  const [filter, setFilter] = useState<RowFilter>('all');
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  if (cookies.length === 0) {
    return (
      <section className="cookies-section" aria-labelledby="cookies-heading">
        <h2 id="cookies-heading">{t('cookiesHeading')}</h2>
        <p className="empty">{t('cookiesNone')}</p>
      </section>
    );
  }
  const shown = filterRows(cookies, filter, query);
  const groups = groupByPurpose(shown);
  const toggle = (key: string) =>
    setOpen((prev) => {
      const next = new Set(prev);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <section className="cookies-section" aria-labelledby="cookies-heading" data-testid="cookie-table">
      <h2 id="cookies-heading">{t('cookiesHeading')}</h2>
      <CookieFilters rows={cookies} filter={filter} query={query} onFilter={setFilter} onQuery={setQuery} />
      {groups.length === 0 && <p className="empty" role="status">{t('cookiesNoMatch')}</p>}
      {groups.map((g) => (
        <table key={g.purpose} className="cookies" data-group={g.purpose}>
          <caption>
            {purposeLabel(g.purpose)} ({g.rows.length})
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('colCookie')}</th>
              <th scope="col">{t('colDeclared')}</th>
              <th scope="col">{t('colPurpose')}</th>
              <th scope="col">{t('colState')}</th>
            </tr>
          </thead>
          <tbody>
            {g.rows.map((r) => {
              const key = rowKey(r);
              return <Row key={key} row={r} open={open.has(key)} onToggle={() => toggle(key)} multipleSources={multipleSources} onException={onException} />;
            })}
          </tbody>
        </table>
      ))}
    </section>
  );
}
