/**
 * What the popup shows about one site's cookies, computed once from the rows the background sent: the
 * verdict line's counts, the purpose groups, the filter and the search. The counts are taken from the same
 * rows that are listed, so the header can never disagree with the list (issue 14: "1 breach" while three
 * cookies were removed).
 */
import type { CookieRow, PolicyStatusView } from '../messages';
import { PURPOSES, type Purpose } from '../types';

export interface RowCounts {
  total: number;
  removed: number;
  /** Kept, including kept because another site needs it. */
  kept: number;
  /** Cookies with at least one breach. */
  breaches: number;
  /** Removed earlier, but the current choice allows them: the site sets them again on reload. */
  allowedNow: number;
}

export function countRows(rows: readonly CookieRow[]): RowCounts {
  const c: RowCounts = { total: rows.length, removed: 0, kept: 0, breaches: 0, allowedNow: 0 };
  for (const r of rows) {
    if (r.state === 'removed') c.removed++;
    else c.kept++;
    if (r.breaches.length > 0) c.breaches++;
    if (r.allowedNow) c.allowedNow++;
  }
  return c;
}

/** One part of the verdict line: a message key and its count (the page words it in the person's language). */
export interface VerdictPart {
  key: 'verdictRemoved' | 'verdictKept' | 'verdictBreaches' | 'verdictUndeclaredNoPolicy' | 'verdictNoCookies';
  count: number;
}

/**
 * "3 removed · 2 kept · 1 breach of its own policy". A site without a readable policy has no policy of its
 * own to breach: its undeclared cookies are counted as "not declared anywhere" instead.
 */
export function verdictParts(rows: readonly CookieRow[], policy: PolicyStatusView): VerdictPart[] {
  const c = countRows(rows);
  if (c.total === 0) return [{ key: 'verdictNoCookies', count: 0 }];
  const parts: VerdictPart[] = [];
  if (c.removed > 0) parts.push({ key: 'verdictRemoved', count: c.removed });
  if (c.kept > 0) parts.push({ key: 'verdictKept', count: c.kept });
  if (c.breaches > 0) {
    parts.push({ key: policy.status === 'found' ? 'verdictBreaches' : 'verdictUndeclaredNoPolicy', count: c.breaches });
  }
  return parts;
}

export type RowFilter = 'all' | 'breaches' | 'removed' | 'kept';
export const ROW_FILTERS: readonly RowFilter[] = ['all', 'breaches', 'removed', 'kept'];

/** Case-insensitive search in the name and the domain; the filter by state or breach. */
export function filterRows(rows: readonly CookieRow[], filter: RowFilter, query: string): CookieRow[] {
  const q = query.trim().toLowerCase();
  return rows.filter((r) => {
    if (filter === 'breaches' && r.breaches.length === 0) return false;
    if (filter === 'removed' && r.state !== 'removed') return false;
    if (filter === 'kept' && r.state === 'removed') return false;
    if (q && !r.name.toLowerCase().includes(q) && !r.domain.toLowerCase().includes(q)) return false;
    return true;
  });
}

export interface PurposeGroup {
  purpose: Purpose;
  rows: CookieRow[];
}

/** Groups in the canonical purpose order (essential first, unknown last); empty groups are left out. */
export function groupByPurpose(rows: readonly CookieRow[]): PurposeGroup[] {
  const by = new Map<Purpose, CookieRow[]>();
  for (const r of rows) {
    let list = by.get(r.purpose);
    if (!list) by.set(r.purpose, (list = []));
    list.push(r);
  }
  return PURPOSES.filter((p) => by.has(p)).map((purpose) => ({ purpose, rows: by.get(purpose)! }));
}

/** A stable key for a cookie row (a name can exist on several domains and partitions). */
export const rowKey = (r: Pick<CookieRow, 'name' | 'domain' | 'partitioned'> & { path?: string }): string =>
  `${r.name}|${r.domain}|${r.path ?? '/'}|${r.partitioned ? 'p' : ''}`;
