/**
 * What a page shows that can lead to its cookie declaration: its links, its scripts (source URL, id, data
 * attributes; inline text for configs written into the page) and its language. The content script gathers
 * these from the live DOM; `pageFactsFromHtml` gathers the same from HTML text (tests, the CLI, pages we
 * fetched). Everything here comes from a page we do not trust: `validatePageFacts` bounds every field.
 */
import { Parser } from 'htmlparser2';
import type { RawLink } from '../read/links';

export interface PageScript {
  /** Absolute URL of an external script, or '' for an inline one. */
  src: string;
  id: string;
  /** `data-*` attributes (names lower case, `data-` kept) and `type`. */
  attrs: Record<string, string>;
  /** Text of an inline script (bounded), '' for an external one. */
  text: string;
}

export interface PageFacts {
  url: string;
  /** `<html lang>`, '' when absent. */
  lang: string;
  links: RawLink[];
  scripts: PageScript[];
}

export const PAGE_LIMITS = {
  links: 2_000,
  scripts: 200,
  attrs: 20,
  attrValue: 500,
  /** One inline script. */
  inlineText: 256 * 1024,
  /** All inline scripts together. */
  inlineTotal: 1024 * 1024,
} as const;

/** Bound and type-check facts that came from a content script. Returns null when the shape is wrong. */
export function validatePageFacts(raw: unknown): PageFacts | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const m = raw as Record<string, unknown>;
  if (typeof m.url !== 'string' || m.url.length > 4096 || !Array.isArray(m.links)) return null;
  const links: RawLink[] = [];
  for (const l of m.links.slice(0, PAGE_LIMITS.links)) {
    if (typeof l !== 'object' || l === null) continue;
    const { href, text, title } = l as Record<string, unknown>;
    if (typeof href !== 'string' || href.length > 2048) continue;
    links.push({
      href,
      text: typeof text === 'string' ? text.slice(0, 300) : '',
      title: typeof title === 'string' ? title.slice(0, 300) : '',
    });
  }
  const scripts: PageScript[] = [];
  let inline = 0;
  for (const s of Array.isArray(m.scripts) ? m.scripts.slice(0, PAGE_LIMITS.scripts) : []) {
    if (typeof s !== 'object' || s === null) continue;
    const r = s as Record<string, unknown>;
    const src = typeof r.src === 'string' && r.src.length <= 2048 ? r.src : '';
    const id = typeof r.id === 'string' ? r.id.slice(0, 200) : '';
    const attrs: Record<string, string> = {};
    if (typeof r.attrs === 'object' && r.attrs !== null) {
      for (const [k, v] of Object.entries(r.attrs as Record<string, unknown>).slice(0, PAGE_LIMITS.attrs)) {
        if (typeof v === 'string' && /^(?:data-[a-z0-9-]{1,60}|type)$/.test(k)) attrs[k] = v.slice(0, PAGE_LIMITS.attrValue);
      }
    }
    let text = '';
    if (!src && typeof r.text === 'string' && inline < PAGE_LIMITS.inlineTotal) {
      text = r.text.slice(0, Math.min(PAGE_LIMITS.inlineText, PAGE_LIMITS.inlineTotal - inline));
      inline += text.length;
    }
    scripts.push({ src, id, attrs, text });
  }
  const lang = typeof m.lang === 'string' ? m.lang.slice(0, 35) : '';
  return { url: m.url, lang, links, scripts };
}

/** The same facts from HTML text, with URLs resolved against `url`. */
export function pageFactsFromHtml(html: string, url: string): PageFacts {
  const links: RawLink[] = [];
  const scripts: PageScript[] = [];
  let lang = '';
  let base = url;
  let link: RawLink | null = null;
  let script: PageScript | null = null;
  let inline = 0;
  const resolve = (href: string): string => {
    try {
      return new URL(href, base).toString();
    } catch {
      return href;
    }
  };
  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (name === 'html' && attribs.lang) lang = attribs.lang.slice(0, 35);
        else if (name === 'base' && attribs.href) base = resolve(attribs.href);
        else if (name === 'a' && attribs.href !== undefined && links.length < PAGE_LIMITS.links) {
          link = { href: resolve(attribs.href), text: '', title: attribs.title ?? '' };
        } else if (name === 'script' && scripts.length < PAGE_LIMITS.scripts) {
          const attrs: Record<string, string> = {};
          for (const [k, v] of Object.entries(attribs)) {
            if ((k.startsWith('data-') || k === 'type') && Object.keys(attrs).length < PAGE_LIMITS.attrs) attrs[k] = v.slice(0, PAGE_LIMITS.attrValue);
          }
          script = { src: attribs.src ? resolve(attribs.src) : '', id: attribs.id ?? '', attrs, text: '' };
        }
      },
      ontext(data) {
        if (link && link.text.length < 300) link.text += data;
        if (script && !script.src && inline < PAGE_LIMITS.inlineTotal && script.text.length < PAGE_LIMITS.inlineText) {
          const room = Math.min(PAGE_LIMITS.inlineText - script.text.length, PAGE_LIMITS.inlineTotal - inline);
          const piece = data.slice(0, room);
          script.text += piece;
          inline += piece.length;
        }
      },
      onclosetag(name) {
        if (name === 'a' && link) {
          links.push({ ...link, text: link.text.replace(/\s+/g, ' ').trim().slice(0, 300) });
          link = null;
        } else if (name === 'script' && script) {
          scripts.push(script);
          script = null;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html.length > 10 * 1024 * 1024 ? html.slice(0, 10 * 1024 * 1024) : html);
  parser.end();
  return { url, lang, links, scripts };
}
