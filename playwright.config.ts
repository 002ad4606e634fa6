import { defineConfig } from '@playwright/test';

// One browser per spec file; Chromium and Firefox spec files run side by side on CI's 2 cores.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 2,
  // CI retries a failing spec file once (serial: the whole file, in a fresh browser). Two races were seen in
  // this batch (README "Known limits": a refused cookie the guard reports may not be listed, about 1 run in 5
  // for one Chromium journey); a retry keeps them from blocking a landing, the output still shows them.
  retries: process.env.CI ? 1 : 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
});
