import { configDefaults, defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/** The background's wiring, run with WXT's fake browser (tests/unit/support/fake-extension.ts adds what it lacks). */
const WIRING = 'tests/unit/background*.test.ts';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['lib/**/*.test.ts', 'tests/unit/**/*.test.ts', 'scripts/**/*.test.ts'],
          exclude: [...configDefaults.exclude, WIRING],
          environment: 'node',
        },
      },
      {
        // Only here: WxtVitest stubs a global `browser` / `chrome` for every file it runs, and lib/ must stay
        // browser-free (STYLE.md §1): a lib/ test that touched `browser` would pass against the fake unnoticed.
        plugins: [WxtVitest()],
        test: {
          name: 'wiring',
          // The first import of the worker compiles its whole module graph (the knowledge index included): seconds.
          testTimeout: 30_000,
          include: [WIRING],
          environment: 'node',
        },
      },
    ],
  },
});
