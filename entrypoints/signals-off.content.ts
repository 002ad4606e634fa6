/**
 * The option "Send Do Not Track and Global Privacy Control" is off: registered at run time by the background
 * (entrypoints/background/signals.ts), it runs after the static signals.content.ts at document_start and
 * removes the getters that one defined, before any page script. Not in the manifest.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { removeSignalProperties } from '@/lib/signals/page-properties';
import { pageNavigator } from '@/utils/page-navigator';

export default defineContentScript({
  registration: 'runtime',
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_start',
  allFrames: true,
  world: 'MAIN',
  main() {
    removeSignalProperties(pageNavigator().nav);
  },
});
