/**
 * The open cookie guard (Chromium, main world): refuses nothing until its site's data arrives. Registered
 * for sites whose choice keeps the well-known tracking names ("Allow all") or whose declaration or
 * exceptions keep one of them, so that nothing their own policy keeps is ever refused, even for a moment.
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
    installMainWorldGuard(null);
  },
});
