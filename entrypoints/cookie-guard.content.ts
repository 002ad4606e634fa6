/**
 * The strict cookie guard (Chromium, main world): until its site's data arrives, it refuses the well-known
 * tracking names, as the default choice does; registered by the background for the sites whose choice
 * refuses them (entrypoints/background/enforce-chromium.ts), the open guard for the others.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { installMainWorldGuard } from '@/utils/cookie-guard-main';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  world: 'MAIN',
  include: ['chrome'],
  registration: 'runtime',
  globalName: false,
  main() {
    installMainWorldGuard('essential-only');
  },
});
