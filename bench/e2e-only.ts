/**
 * `npm run bench:e2e`: copy the figures an e2e run left in test-results/ (the enforcement journeys'
 * leaks and refused-cookie lifetimes, the popup's open time with 500 rows) into bench/results.json, keeping
 * every other figure as the last full `npm run bench` (or an earlier merge) wrote it, and every figure whose
 * file this e2e run did not leave. Run it after the e2e run (Playwright empties test-results/ when a run
 * starts): `npx playwright test tests/e2e/enforce.chromium.spec.ts`, then this.
 */
import { readE2eFigures } from './e2e-figures';
import { writeResults } from './results';

readE2eFigures({ onlyPresent: true });
writeResults(undefined, { merge: true });
