import { defineConfig } from '@playwright/test';

// One browser per spec file; Chromium and Firefox spec files run side by side on CI's 2 cores.
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: /.*\.spec\.ts$/,
  fullyParallel: false,
  workers: 2,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
});
