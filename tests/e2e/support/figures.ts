/**
 * For the enforcement journeys (issue 11): record the figures `npm run bench` copies into bench/results.json
 * (bench/e2e-figures.ts reads them). Call once per browser run, after the measuring journeys; a later call in
 * the same run adds to what an earlier one wrote.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { e2eFiguresFile, popupFiguresFile, type EnforcementFigures, type PopupFigures } from '../../../bench/e2e-figures';

export function writeEnforcementFigures(browser: 'chromium' | 'firefox', figures: EnforcementFigures): void {
  const file = e2eFiguresFile(browser);
  mkdirSync(path.dirname(file), { recursive: true });
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as EnforcementFigures) : null;
  const merged: EnforcementFigures = {
    requestsWithRefusedCookie: (before?.requestsWithRefusedCookie ?? 0) + figures.requestsWithRefusedCookie,
    refusedCookieLifetimeMs: [...(before?.refusedCookieLifetimeMs ?? []), ...figures.refusedCookieLifetimeMs],
    measuredAt: new Date().toISOString(),
  };
  writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
}

/**
 * For the popup's open time (issue 14): each open's time from the popup page's start to its first full
 * view on screen (`cw-popup-ready`), with the rows it showed. A later call in the same run adds its opens.
 */
export function writePopupFigures(browser: 'chromium' | 'firefox', figures: PopupFigures): void {
  const file = popupFiguresFile(browser);
  mkdirSync(path.dirname(file), { recursive: true });
  const before = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as PopupFigures) : null;
  const merged: PopupFigures = {
    rows: Math.min(before?.rows ?? figures.rows, figures.rows),
    openMs: [...(before?.openMs ?? []), ...figures.openMs],
    pageLoadedMs: [...(before?.pageLoadedMs ?? []), ...(figures.pageLoadedMs ?? [])],
    viewRequestMs: [...(before?.viewRequestMs ?? []), ...(figures.viewRequestMs ?? [])],
    measuredAt: new Date().toISOString(),
  };
  writeFileSync(file, JSON.stringify(merged, null, 2) + '\n');
}
