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
  /** Click as a person would (mouse). */
  click(selector: string): Promise<void>;
  /** Focus an element, as Tab would reach it. */
  focus(selector: string): Promise<void>;
  /** Press a key on the focused element ('Enter', ' ', 'Tab', …). */
  press(key: string): Promise<void>;
  /** Type text into the focused element, key by key. */
  type(text: string): Promise<void>;
  /** Pick a file in an <input type=file>. */
  upload(selector: string, filePath: string): Promise<void>;
  setViewport(width: number, height: number): Promise<void>;
  /** Emulate the system's light or dark scheme (prefers-color-scheme); false where the driver cannot. */
  setColorScheme(scheme: 'light' | 'dark'): Promise<boolean>;
  screenshot(filePath: string, fullPage?: boolean): Promise<void>;
  /** Evaluate an expression (string) in the page; the result must be JSON. */
  evaluate<T>(expression: string): Promise<T>;
  close(): Promise<void>;
}

export interface Driver {
  name: 'chromium' | 'firefox';
  /** The UI language the browser was started with (en unless a spec asks for another). */
  lang: string;
  newPage(): Promise<TestPage>;
  /** Chromium: stop the extension's service worker, as the browser does after 30 s idle. */
  stopWorker?(): Promise<void>;
  /** Firefox: reload the extension (its background page starts again; the profile stays). */
  restartBackground?(): Promise<void>;
  /** Chromium: close the browser and launch it again on the same profile. */
  restartBrowser?(): Promise<void>;
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
