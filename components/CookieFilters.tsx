import type { CookieRow } from '@/lib/messages';
import { filterRows, ROW_FILTERS, type RowFilter } from '@/lib/view/rows';
import { t, type MessageKey } from './i18n';

const FILTER_KEYS: Record<RowFilter, MessageKey> = {
  all: 'filterAll',
  breaches: 'filterBreaches',
  removed: 'filterRemoved',
  kept: 'filterKept',
};

interface Props {
  rows: readonly CookieRow[];
  filter: RowFilter;
  query: string;
  onFilter: (f: RowFilter) => void;
  onQuery: (q: string) => void;
}

/** Show all, breaches, removed or kept cookies, and search by name or domain. */
export function CookieFilters({ rows, filter, query, onFilter, onQuery }: Props) {
  return (
    <div className="filters">
      <div role="group" aria-label={t('filterLabel')} className="filter-buttons">
        {ROW_FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            data-filter={f}
            onClick={() => onFilter(f)}
          >
            {t(FILTER_KEYS[f], filterRows(rows, f, '').length)}
          </button>
        ))}
      </div>
      <label className="search">
        <span className="visually-hidden">{t('searchLabel')}</span>
        <input
          type="search"
          id="cookie-search"
          value={query}
          placeholder={t('searchPlaceholder')}
          onChange={(e) => onQuery(e.target.value)}
        />
      </label>
    </div>
  );
}
