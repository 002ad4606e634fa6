/**
 * One spec file per browser (CI runs one browser per file), one list of journeys for both: a spec file is
 * `browserSpec('chromium', journeys)`. Journeys run in order in one browser and share a state map.
 */
import { test } from '@playwright/test';
import { startDemoServer, type DemoServer } from '../../demo-sites/server';
import { launchChromium } from './chromium';
import { launchFirefox } from './firefox';
import type { Driver } from './driver';

export interface JourneyContext {
  driver: Driver;
  server: DemoServer;
  /** What one journey leaves for a later one (a site still hanging, say). */
  state: Map<string, unknown>;
}

export type Journey = readonly [title: string, run: (ctx: JourneyContext) => Promise<void> | void];

export interface SpecOptions {
  /** Chromium only: allow unpartitioned third-party cookies, as most users have them (default true). */
  thirdPartyCookies?: boolean;
  /** A page the browser loads as it starts, before the extension's worker is waited for. */
  startUrl?: (server: DemoServer) => string;
  /** Firefox: the extension installed in the profile, started with the browser (and kept by restart()). */
  firefoxInProfile?: boolean;
  /** The browser's own privacy signal on: Chromium's Do Not Track switch, Firefox's GPC pref. */
  browserSignals?: boolean;
}

export function browserSpec(browser: Driver['name'], journeys: readonly Journey[], options: SpecOptions = {}): void {
  test.describe.configure({ mode: 'serial' });
  const ctx = { state: new Map<string, unknown>() } as JourneyContext;

  test.beforeAll(async () => {
    ctx.server = await startDemoServer();
    ctx.driver =
      browser === 'chromium'
        ? await launchChromium({ thirdPartyCookies: options.thirdPartyCookies ?? true, startUrl: options.startUrl?.(ctx.server), browserDnt: options.browserSignals })
        : await launchFirefox(ctx.server.hosts, { startUrl: options.startUrl?.(ctx.server), inProfile: options.firefoxInProfile, browserSignals: options.browserSignals });
  });

  test.afterAll(async () => {
    await ctx.driver?.close();
    await ctx.server?.close();
  });

  for (const [title, run] of journeys) {
    test(`${browser}: ${title}`, async () => {
      await run(ctx);
    });
  }
}
