/**
 * Reads what a page shows that can lead to its cookie declaration (links, scripts with their data
 * attributes, inline script text, language) and hands it to the background, which decides which is the
 * policy. Decides nothing itself (STYLE.md §2); lib/policy/discover/page-facts.ts bounds it again on arrival.
 */
import { defineContentScript } from 'wxt/utils/define-content-script';
import { browser } from 'wxt/browser';

const MAX_LINKS = 2_000;
const MAX_SCRIPTS = 200;
const MAX_INLINE = 256 * 1024;
const MAX_INLINE_TOTAL = 1024 * 1024;

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main() {
    const links: Array<{ href: string; text: string; title: string }> = [];
    for (const a of Array.from(document.querySelectorAll('a[href]')).slice(0, MAX_LINKS)) {
      const el = a as HTMLAnchorElement;
      links.push({ href: el.href, text: (el.textContent ?? '').trim().slice(0, 300), title: el.title.slice(0, 300) });
    }
    const scripts: Array<{ src: string; id: string; attrs: Record<string, string>; text: string }> = [];
    let inline = 0;
    for (const s of Array.from(document.scripts).slice(0, MAX_SCRIPTS)) {
      const attrs: Record<string, string> = {};
      for (const { name, value } of Array.from(s.attributes).slice(0, 40)) {
        if (name.startsWith('data-') || name === 'type') attrs[name] = value.slice(0, 500);
      }
      let text = '';
      if (!s.src && inline < MAX_INLINE_TOTAL) {
        text = (s.textContent ?? '').slice(0, Math.min(MAX_INLINE, MAX_INLINE_TOTAL - inline));
        inline += text.length;
      }
      scripts.push({ src: s.src, id: s.id, attrs, text });
    }
    const facts = { url: location.href, lang: document.documentElement.lang || '', links, scripts };
    void browser.runtime.sendMessage({ type: 'page-facts', facts }).catch(() => undefined);
  },
});
