/**
 * Figures only an end-to-end run can give (issue 11): how many requests carried a cookie the user refused,
 * and how long a refused HTTP-set cookie lived in the browser's store. An e2e spec writes them with
 * `writeEnforcementFigures` (tests/e2e/support/figures.ts) to test-results/enforcement-figures-<browser>.json,
 * one file per browser (the two browsers' spec files run in parallel workers); the bench copies them into
 * results.json, or writes null when no e2e run left a file. Playwright empties test-results/ when a run
 * starts: run the bench after the e2e run whose figures it should carry.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/knowledge-node';
import { record, type FigureKey } from './results';

export const E2E_FIGURES_DIR = path.join(ROOT, 'test-results');
export const e2eFiguresFile = (browser: 'chromium' | 'firefox') => path.join(E2E_FIGURES_DIR, `enforcement-figures-${browser}.json`);

export interface EnforcementFigures {
  /** Requests the demo server received carrying a cookie the user had refused (goal 0). */
  requestsWithRefusedCookie: number;
  /** One entry per refused HTTP-set cookie: ms from being set to being gone from the store. */
  refusedCookieLifetimeMs: number[];
  measuredAt?: string;
}

export const popupFiguresFile = (browser: 'chromium' | 'firefox') => path.join(E2E_FIGURES_DIR, `popup-figures-${browser}.json`);

export interface PopupFigures {
  /** The fewest cookie rows any measured open showed. */
  rows: number;
  /** Per open: ms from the popup page's start to its first full view on screen (`cw-popup-ready`). */
  openMs: number[];
  /** Per open: ms from the popup page's start to its DOMContentLoaded (the page itself, before the view's request). */
  pageLoadedMs?: number[];
  /** Per open: ms of one more `get-site-view` request from the open popup (the background's answer, its transfer). */
  viewRequestMs?: number[];
  measuredAt?: string;
}

const medianOf = (sorted: number[]) => (sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : null);

/** `onlyPresent`: leave the figures of a file no e2e run left unrecorded (bench/e2e-only.ts keeps the old ones). */
export function readE2eFigures({ onlyPresent = false } = {}): void {
  for (const browser of ['chromium', 'firefox'] as const) {
    const file = e2eFiguresFile(browser);
    const f = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EnforcementFigures) : null;
    if (!f && onlyPresent) continue;
    const note = f ? undefined : `no ${path.relative(ROOT, file)} from an e2e run`;
    const lives = [...(f?.refusedCookieLifetimeMs ?? [])].sort((a, b) => a - b);
    const median = medianOf(lives);
    record(`e2e.${browser}.requests_with_refused_cookie` as FigureKey, f ? f.requestsWithRefusedCookie : null, note);
    record(`e2e.${browser}.refused_cookie_lifetime_median_ms` as FigureKey, median, note);
    record(`e2e.${browser}.refused_cookie_lifetime_max_ms` as FigureKey, lives.length ? lives.at(-1)! : null, note);
    console.log(
      `${browser}: ${f ? `${f.requestsWithRefusedCookie} requests with a refused cookie; lifetimes median ${median ?? '-'} ms, max ${lives.at(-1) ?? '-'} ms (${f.measuredAt ?? 'undated'})` : note}`,
    );
  }
  for (const browser of ['chromium', 'firefox'] as const) {
    const file = popupFiguresFile(browser);
    const f = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PopupFigures) : null;
    if (!f && onlyPresent) continue;
    const opens = [...(f?.openMs ?? [])].sort((a, b) => a - b);
    const loaded = [...(f?.pageLoadedMs ?? [])].sort((a, b) => a - b);
    const requests = [...(f?.viewRequestMs ?? [])].sort((a, b) => a - b);
    const note = f
      ? `${f.rows} rows, ${f.openMs.length} opens; medians: the page itself loaded (DOMContentLoaded) at ${medianOf(loaded)?.toFixed(0) ?? '-'} ms, the view's request alone took ${medianOf(requests)?.toFixed(0) ?? '-'} ms`
      : `no ${path.relative(ROOT, file)} from an e2e run`;
    record(`e2e.${browser}.popup_500_rows_median_ms` as FigureKey, medianOf(opens), note);
    record(`e2e.${browser}.popup_500_rows_max_ms` as FigureKey, opens.length ? opens.at(-1)! : null, note);
    record(`e2e.${browser}.popup_rows` as FigureKey, f ? f.rows : null, f ? undefined : note);
    console.log(`${browser} popup: ${f ? `${f.rows} rows; first full view median ${medianOf(opens)} ms, max ${opens.at(-1)} ms over ${opens.length} opens (${f.measuredAt ?? 'undated'})` : note}`);
  }
}
