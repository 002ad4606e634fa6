import { expect } from '@playwright/test';
import { browserSpec } from './support/spec';
import { EXT_API } from './support/driver';
import { expectEnforced, journeys, twoGuardsInOnePageBothReport } from './journeys/enforce';
import { waitForExtension } from './journeys/skeleton';

browserSpec('chromium', [
  ...journeys,
  // Chromium only: Firefox's guard reports by itself, with no channel to a bridge.
  ['two guards in one page (a registration being moved): every refused name is listed, no channel is left', (c) => twoGuardsInOnePageBothReport(c.driver, c.server)],
  [
    // Chromium only: relaunching Firefox with the same profile would lose the extension installed for the test.
    'the choice survives a browser restart (same profile)',
    async ({ driver, server }) => {
      await driver.restartBrowser!();
      const ext = await waitForExtension(driver);
      const settings = await ext.evaluate(`${EXT_API}.runtime.sendMessage({ type: 'get-settings' })`);
      expect(settings).toMatchObject({ siteChoices: { 'app.test': 'allow-all' }, defaultChoice: 'essential-only' });
      await expectEnforced(driver, server, ext);
      await ext.close();
    },
  ],
]);
