import { expect } from '@playwright/test';
import { browserSpec } from './support/spec';
import { EXT_API } from './support/driver';
import { expectEnforced, journeys } from './journeys/enforce';
import { waitForExtension } from './journeys/skeleton';

browserSpec('chromium', [
  ...journeys,
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
