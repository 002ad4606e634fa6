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

export function readE2eFigures(): void {
  for (const browser of ['chromium', 'firefox'] as const) {
    const file = e2eFiguresFile(browser);
    const f = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EnforcementFigures) : null;
    const note = f ? undefined : `no ${path.relative(ROOT, file)} from an e2e run`;
    const lives = [...(f?.refusedCookieLifetimeMs ?? [])].sort((a, b) => a - b);
    const median = lives.length ? lives[Math.floor((lives.length - 1) / 2)]! : null;
    record(`e2e.${browser}.requests_with_refused_cookie` as FigureKey, f ? f.requestsWithRefusedCookie : null, note);
    record(`e2e.${browser}.refused_cookie_lifetime_median_ms` as FigureKey, median, note);
    record(`e2e.${browser}.refused_cookie_lifetime_max_ms` as FigureKey, lives.length ? lives.at(-1)! : null, note);
    console.log(
      `${browser}: ${f ? `${f.requestsWithRefusedCookie} requests with a refused cookie; lifetimes median ${median ?? '-'} ms, max ${lives.at(-1) ?? '-'} ms (${f.measuredAt ?? 'undated'})` : note}`,
    );
  }
}
