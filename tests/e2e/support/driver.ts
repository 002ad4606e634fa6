/**
 * One small interface over two drivers: Playwright for Chromium, puppeteer-core (WebDriver BiDi) for
 * Firefox ESR (see ../shared/E2E.md). Journeys are written once against it and run in both browsers.
 */

export interface TestPage {
  goto(url: string): Promise<void>;
  reload(): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  /** Choose an option of a <select> by value, as a person would (change event included). */
  select(selector: string, value: string): Promise<void>;
  /** Click and wait for the navigation it causes. */
  clickAndNavigate(selector: string): Promise<void>;
  text(selector: string): Promise<string>;
  /** Evaluate an expression (string) in the page; the result must be JSON. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export interface Driver {
  name: 'chromium' | 'firefox';
  newPage(): Promise<TestPage>;
  /** Chromium: stop the extension's service worker, as the browser does after 30 s idle. */
  stopWorker?(): Promise<void>;
  /** A page of the extension itself (popup.html?…), where the `browser`/`chrome` APIs are available. */
  extensionPage(path: string): Promise<TestPage>;
  /**
   * Close the browser and start it again on the same profile, the extension with it; `startUrl` is loaded as
   * soon as the browser is up, before anything waits for the extension.
   */
  restart?(startUrl?: string): Promise<void>;
  close(): Promise<void>;
}

/** Code evaluated in an extension page: one name for the WebExtension API in both browsers. */
export const EXT_API = `(globalThis.browser ?? globalThis.chrome)`;
export const ACTION_API = `(${EXT_API}.action ?? ${EXT_API}.browserAction)`;
