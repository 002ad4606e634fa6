/**
 * Issue 16's journeys, in Chromium and Firefox ESR (one spec file each):
 *   - the build a store receives: strict CSP, http(s) host access only, no `tabs`, no remote code, our
 *     LICENSE and the third-party notices inside;
 *   - no request but policy and gpc.json fetches: while a person logs in and asks for the policy again, the
 *     extension's own requests (seen by a webRequest listener in an extension page, which sees the
 *     background's requests too) go only to the demo server, only for the policy or gpc.json, and the demo
 *     server records none of them carrying the person's cookies.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { EXTENSION_DIRS } from '../support/paths';
import { EXT_API, type Driver } from '../support/driver';
import { cookieNames, popupText, tabIdOf } from '../support/extension';
import type { Journey, JourneyContext } from '../support/spec';
import { waitForExtension } from './skeleton';

interface SeenRequest {
  url: string;
  method: string;
  tabId: number;
  type: string;
  /** Chromium's `initiator`, Firefox's `originUrl`. */
  from: string | null;
}

function builtDir(driver: Driver): string {
  return driver.name === 'chromium' ? EXTENSION_DIRS.chromium : EXTENSION_DIRS.firefox;
}

async function buildIsWhatAStoreReviews({ driver }: JourneyContext): Promise<void> {
  const dir = builtDir(driver);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  const permissions = (manifest.permissions ?? []) as string[];
  const hosts = driver.name === 'chromium' ? ((manifest.host_permissions ?? []) as string[]) : permissions.filter((p) => p.includes('://'));
  expect(permissions).not.toContain('tabs');
  expect(permissions).not.toContain('<all_urls>');
  expect(permissions).not.toContain('declarativeNetRequest');
  expect(hosts.length).toBeGreaterThan(0);
  for (const h of hosts) expect(h).toMatch(/^(\*|https?):\/\//);
  const csp = manifest.content_security_policy as string | { extension_pages: string };
  const pagesCsp = typeof csp === 'string' ? csp : csp.extension_pages;
  expect(pagesCsp).toMatch(/script-src 'self';/);
  expect(pagesCsp).toMatch(/object-src 'none'/);
  expect(pagesCsp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);
  if (driver.name === 'firefox') {
    const gecko = (manifest.browser_specific_settings as { gecko: { id: string; data_collection_permissions: unknown } }).gecko;
    expect(gecko.id).not.toMatch(/\.test$/);
    expect(gecko.data_collection_permissions).toEqual({ required: ['none'] });
  }
  // No remote code: every page loads its scripts from the package.
  for (const page of ['popup.html', 'options.html']) {
    const html = readFileSync(path.join(dir, page), 'utf8');
    for (const m of html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)) expect(m[1]).not.toMatch(/^(https?:)?\/\//);
  }
  expect(existsSync(path.join(dir, 'LICENSE'))).toBe(true);
  const notices = readFileSync(path.join(dir, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
  for (const name of ['Open Cookie Database', 'Apache License', 'react-dom', 'htmlparser2', 'marked', 'tldts']) expect(notices).toContain(name);
}

async function onlyPolicyFetchesWithoutCookies({ driver, server }: JourneyContext): Promise<void> {
  const ext = await waitForExtension(driver);
  // Every request the browser lets the extension see, the background's own included, from now on.
  await ext.evaluate<boolean>(`(() => {
    globalThis.__seen = [];
    ${EXT_API}.webRequest.onBeforeRequest.addListener((d) => {
      globalThis.__seen.push({ url: d.url, method: d.method, tabId: d.tabId, type: d.type, from: d.initiator ?? d.originUrl ?? null });
    }, { urls: ['<all_urls>'] });
    return true;
  })()`);
  const extensionOrigin = await ext.evaluate<string>('location.origin');

  // A person signs in: from now on the browser holds syncronis.test's session cookie.
  const page = await driver.newPage();
  await page.goto(server.url('syncronis.test', '/'));
  await page.fill('#username', 'alice');
  await page.fill('#password', 'correct horse');
  await page.clickAndNavigate('#login');
  await expect.poll(() => cookieNames(ext, 'syncronis.test')).toContain('session');
  const tabId = await tabIdOf(ext, server.url('syncronis.test', ''));
  expect(tabId).not.toBeNull();
  const popup = await driver.extensionPage(`popup.html?tabId=${tabId}`);
  const policyUrl = server.url('syncronis.test', '/cookie-policy');
  await expect.poll(() => popupText(popup, 'policy')).toContain(policyUrl);

  // "Check the policy again" while signed in: the extension fetches the policy with the cookie in the jar.
  const signedInAt = Date.now();
  await ext.evaluate(`${EXT_API}.runtime.sendMessage({ type: 'refresh-policy', tabId: ${tabId} }).then(() => true)`);
  await expect
    .poll(() => server.requests.filter((r) => r.host.startsWith('syncronis.test') && r.path.startsWith('/cookie-policy') && r.time >= signedInAt).length)
    .toBeGreaterThan(0);
  await page.reload();

  const seen = (await ext.evaluate<SeenRequest[]>('globalThis.__seen')).filter((r) => /^https?:/.test(r.url));
  const own = seen.filter((r) => r.tabId === -1 && (r.from ?? '').startsWith(extensionOrigin));
  const ours = [...own, ...seen.filter((r) => r.tabId >= 0)];
  const demoHosts = new Set(server.hosts);
  // The demo server is the only host contacted, by the extension or by the demo pages.
  expect(ours.filter((r) => !demoHosts.has(new URL(r.url).hostname)).map((r) => r.url)).toEqual([]);
  // The extension's own requests: GETs of the policy (or the site's gpc.json), nothing else.
  expect(own.length).toBeGreaterThan(0);
  for (const r of own) {
    const u = new URL(r.url);
    expect(r.method, r.url).toBe('GET');
    expect([`${u.origin}${u.pathname}` === policyUrl, u.pathname === '/.well-known/gpc.json'].some(Boolean), r.url).toBe(true);
  }
  // None of them carried the person's cookies: the server saw no Cookie header on any policy or gpc.json
  // fetch (the person never opened those pages), though the jar held a session for the site.
  const fetched = server.requests.filter((r) => r.path.startsWith('/cookie-policy') || r.path.startsWith('/.well-known/gpc.json'));
  expect(fetched.length).toBeGreaterThanOrEqual(own.length > 0 ? 1 : 0);
  expect(fetched.filter((r) => r.cookie !== undefined).map((r) => `${r.host}${r.path}: ${r.cookie}`)).toEqual([]);
  // The control: the person's own page requests do carry the session cookie.
  expect(server.requests.some((r) => r.host.startsWith('syncronis.test') && r.path === '/' && (r.cookie ?? '').includes('session='))).toBe(true);

  await popup.close();
  await page.close();
  await ext.close();
}

export const journeys: readonly Journey[] = [
  ['the build carries a strict CSP, http(s) host access, no tabs permission, LICENSE and third-party notices', buildIsWhatAStoreReviews],
  ['no request but policy and gpc.json fetches, none with the user’s cookies, none to another host', onlyPolicyFetchesWithoutCookies],
];
