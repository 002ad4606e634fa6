/**
 * Where a page's consent platform keeps its machine-readable declaration, told from the page's scripts
 * (../shared/data/cmp-samples/README.md says how each platform points to it):
 *
 * - Cookiebot: `<script id="Cookiebot" src=".../uc.js" data-cbid="<uuid>">` → `<cdn>/<cbid>/cc.js?referer=<host>`,
 *   fetched with the page as Referer (else Cookiebot answers with an out-of-region stub).
 * - OneTrust: `<script src=".../otSDKStub.js" data-domain-script="<id>">` → `<cdn>/consent/<id>/<id>.json` (ruleset)
 *   → `<cdn>/consent/<id>/<ruleset>/<lang>.json` (the cookies).
 * - CookieYes: `<script src="https://cdn-cookieyes.com/client_data/<key>/script.js">`: the script holds the categories.
 * - Termly: `<script src="https://app.termly.io/embed.min.js" data-website-uuid="<uuid>">` (or `resource-blocker/<uuid>`)
 *   → the snippet API lists the documents; the cookie policy's `/cookies` holds the cookies.
 * - Complianz: its inline `complianz` settings name the cookie statement page (`page_links`).
 * - Klaro, vanilla-cookieconsent, tarteaucitron: configs written into the page, read here as data.
 *
 * The CDN origin is taken from the page's own script URL (OneTrust alone has five CDN hosts), and only
 * http(s) URLs of the documented shapes are built.
 */
import type { PageFacts, PageScript } from './page-facts';
import { objectsAfter, type JsonValue } from '../read/js-object';

export type InlineKind = 'klaro' | 'vanilla-cookieconsent' | 'tarteaucitron';

export type CmpPointer =
  | { platform: 'cookiebot'; cbid: string; url: string; referer: string }
  | { platform: 'onetrust'; domainId: string; rulesetUrl: string }
  | { platform: 'cookieyes'; url: string }
  | { platform: 'termly'; websiteUuid: string; apiUrl: string }
  | { platform: 'complianz'; url: string }
  | { platform: InlineKind; json: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ONETRUST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?:-test)?$/i;
const MAX_INLINE_JSON = 512 * 1024;

export function findCmpPointers(facts: PageFacts): CmpPointer[] {
  const out: CmpPointer[] = [];
  const seen = new Set<string>();
  const add = (p: CmpPointer) => {
    const key = JSON.stringify(p);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  for (const s of facts.scripts) {
    const p = cookiebot(s, facts.url) ?? oneTrust(s) ?? cookieYes(s) ?? termly(s);
    if (p) add(p);
  }
  const inlineText = facts.scripts
    .filter((s) => !s.src && s.text)
    .map((s) => s.text)
    .join('\n;\n');
  if (inlineText) for (const p of inlinePointers(inlineText, facts.url)) add(p);
  return out.slice(0, 10);
}

function httpUrl(raw: string, base?: string): URL | null {
  try {
    const u = new URL(raw, base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u : null;
  } catch {
    return null;
  }
}

function cookiebot(s: PageScript, pageUrl: string): CmpPointer | null {
  const src = s.src ? httpUrl(s.src) : null;
  let cbid = (s.attrs['data-cbid'] ?? '').trim();
  let origin = src && /\/uc\.js$/i.test(src.pathname) ? src.origin : null;
  let referer: string | null = null;
  if (!UUID.test(cbid) && src) {
    // `<cdn>/<cbid>/cc.js?referer=...` or `...?cbid=<uuid>` in the script URL itself
    const cc = /^\/([0-9a-f-]{36})\/cc\.js$/i.exec(src.pathname);
    if (cc && /cookiebot/i.test(src.hostname)) {
      cbid = cc[1]!;
      origin = src.origin;
      referer = src.searchParams.get('referer');
    } else if (/cookiebot/i.test(src.hostname)) {
      cbid = src.searchParams.get('cbid') ?? '';
      origin = src.origin;
    }
  }
  if (!UUID.test(cbid)) return null;
  const page = httpUrl(pageUrl);
  if (!page) return null;
  const host = referer && /^[a-z0-9.-]{1,253}$/i.test(referer) ? referer : page.hostname;
  const url = new URL(`/${cbid.toLowerCase()}/cc.js`, origin ?? 'https://consent.cookiebot.com');
  url.searchParams.set('referer', host);
  return { platform: 'cookiebot', cbid: cbid.toLowerCase(), url: url.toString(), referer: `${page.origin}/` };
}

function oneTrust(s: PageScript): CmpPointer | null {
  const id = (s.attrs['data-domain-script'] ?? '').trim();
  if (!ONETRUST_ID.test(id) || !s.src) return null;
  const src = httpUrl(s.src);
  if (!src || !/ot(?:SDKStub|BannerSdk)\.js$/i.test(src.pathname)) return null;
  return { platform: 'onetrust', domainId: id, rulesetUrl: new URL(`/consent/${id}/${id}.json`, src.origin).toString() };
}

function cookieYes(s: PageScript): CmpPointer | null {
  const src = s.src ? httpUrl(s.src) : null;
  if (!src || !/^\/client_data\/[0-9a-z]{8,64}\/script\.js$/i.test(src.pathname)) return null;
  if (!/cookieyes/i.test(src.hostname) && s.id !== 'cookieyes') return null;
  return { platform: 'cookieyes', url: src.toString() };
}

function termly(s: PageScript): CmpPointer | null {
  const src = s.src ? httpUrl(s.src) : null;
  if (!src || !/termly/i.test(src.hostname)) return null;
  let uuid = (s.attrs['data-website-uuid'] ?? '').trim();
  if (!UUID.test(uuid)) uuid = /\/resource-blocker\/([0-9a-f-]{36})/i.exec(src.pathname)?.[1] ?? '';
  if (!UUID.test(uuid)) return null;
  return {
    platform: 'termly',
    websiteUuid: uuid.toLowerCase(),
    apiUrl: new URL(`/api/v1/snippets/websites/${uuid.toLowerCase()}`, src.origin).toString(),
  };
}

function inlinePointers(text: string, pageUrl: string): CmpPointer[] {
  const out: CmpPointer[] = [];
  const json = (kind: InlineKind, value: JsonValue) => {
    const s = JSON.stringify(value);
    if (s.length <= MAX_INLINE_JSON) out.push({ platform: kind, json: s });
  };
  // Klaro: `var klaroConfig = {...}` (the name Klaro looks for by default), `window.klaroConfig = {...}`.
  for (const { value } of objectsAfter(text, /\bklaroConfig\s*=\s*(?=\{)/g, 2)) json('klaro', value);
  // vanilla-cookieconsent v3 `CookieConsent.run({...})`, v2 `cc.run({...})` / `initCookieConsent().run({...})`.
  for (const { value } of objectsAfter(text, /\b(?:CookieConsent|cc|initCookieConsent\(\s*\))\s*\.run\(\s*(?=\{)/g, 2)) {
    if (isObject(value) && (isObject(value.categories) || isObject(value.languages) || isObject(value.gui_options))) {
      json('vanilla-cookieconsent', value);
    }
  }
  // tarteaucitron: services the page defines itself (`tarteaucitron.services.name = {...}`).
  const services: Record<string, JsonValue> = {};
  for (const { value } of objectsAfter(text, /\btarteaucitron\.services\.[A-Za-z_$][\w$]*\s*=\s*(?=\{)/g, 50)) {
    if (isObject(value) && typeof value.key === 'string') services[value.key] = value;
  }
  if (Object.keys(services).length > 0) json('tarteaucitron', { services });
  // Complianz: `var complianz = {..."page_links":{"eu":{"cookie-statement":{"url":"..."}}}}`.
  for (const { value } of objectsAfter(text, /\bcomplianz\s*=\s*(?=\{)/g, 1)) {
    const links = isObject(value) && isObject(value.page_links) ? value.page_links : null;
    for (const region of links ? Object.values(links) : []) {
      const statement = isObject(region) ? region['cookie-statement'] : null;
      const url = isObject(statement) && typeof statement.url === 'string' ? httpUrl(statement.url, pageUrl) : null;
      if (url) {
        out.push({ platform: 'complianz', url: url.toString() });
        break;
      }
    }
  }
  return out;
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
