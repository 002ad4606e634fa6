/**
 * Reads the links a page shows and hands them to the background, which decides which is the policy.
 * Decides nothing itself (STYLE.md §2).
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';

const MAX_LINKS = 2_000;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    const links: Array<{ href: string; text: string; title: string }> = [];
    for (const a of Array.from(document.querySelectorAll('a[href]')).slice(0, MAX_LINKS)) {
      const el = a as HTMLAnchorElement;
      links.push({ href: el.href, text: (el.textContent ?? '').trim().slice(0, 300), title: el.title.slice(0, 300) });
    }
    void browser.runtime.sendMessage({ type: 'page-links', url: location.href, links }).catch(() => undefined);
  },
});
