/**
 * Figures only an end-to-end run can give (issue 11): how many requests carried a cookie the user refused,
 * and how long a refused HTTP-set cookie lived in the browser's store. The e2e specs write them to
 * test-results/enforcement-figures.json (the shape below, one object per browser); the bench copies them into
 * results.json, or writes null when no e2e run left the file.
 *
 *   { "chromium": { "requestsWithRefusedCookie": 0, "refusedCookieLifetimeMs": [3, 4, 12] , "measuredAt": "…" },
 *     "firefox":  { … } }
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/knowledge-node';
import { record, type FigureKey } from './results';

export const E2E_FIGURES_FILE = path.join(ROOT, 'test-results/enforcement-figures.json');

export interface BrowserEnforcementFigures {
  requestsWithRefusedCookie: number;
  /** One entry per refused HTTP-set cookie: ms from being set to being gone from the store. */
  refusedCookieLifetimeMs: number[];
  measuredAt?: string;
}

export type EnforcementFigures = Partial<Record<'chromium' | 'firefox', BrowserEnforcementFigures>>;

export function readE2eFigures(file = E2E_FIGURES_FILE): void {
  const data: EnforcementFigures = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EnforcementFigures) : {};
  for (const browser of ['chromium', 'firefox'] as const) {
    const f = data[browser];
    const note = f ? undefined : `no ${path.relative(ROOT, file)} from an e2e run`;
    const lives = [...(f?.refusedCookieLifetimeMs ?? [])].sort((a, b) => a - b);
    const median = lives.length ? lives[Math.floor((lives.length - 1) / 2)]! : null;
    record(`e2e.${browser}.requests_with_refused_cookie` as FigureKey, f ? f.requestsWithRefusedCookie : null, note);
    record(`e2e.${browser}.refused_cookie_lifetime_median_ms` as FigureKey, median, note);
    record(`e2e.${browser}.refused_cookie_lifetime_max_ms` as FigureKey, lives.length ? lives.at(-1)! : null, note);
    console.log(`${browser}: ${f ? `${f.requestsWithRefusedCookie} requests with a refused cookie; lifetimes median ${median ?? '-'} ms, max ${lives.at(-1) ?? '-'} ms (${f.measuredAt ?? 'undated'})` : note}`);
  }
}
