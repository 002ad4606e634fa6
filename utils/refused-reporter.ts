import { browser } from 'wxt/browser';

/**
 * The names a page's cookie guard refused, sent to the background in one message per burst (never values),
 * so the popup lists them as removed. Shared by the Chromium bridge and the Firefox guard.
 */
export function refusedReporter(): (name: string) => void {
  const refused = new Set<string>();
  let flushing = false;
  return (name) => {
    if (refused.size < 50) refused.add(name);
    if (flushing) return;
    flushing = true;
    setTimeout(() => {
      flushing = false;
      const names = [...refused];
      refused.clear();
      void browser.runtime.sendMessage({ type: 'guard-refused', names }).catch(() => undefined);
    }, 50);
  };
}
