/**
 * The page's own `navigator`, seen from a content script, and how to hand it a getter.
 *
 * Chromium runs our signal scripts in the page's main world: `navigator` is the page's. Firefox MV2 has no
 * main world for content scripts: the script reaches the page's object through its Xray waiver
 * (`wrappedJSObject`) and must export the getter into the page, or the page cannot call it.
 * https://developer.mozilla.org/en-US/docs/Mozilla/Add-ons/WebExtensions/Sharing_objects_with_page_scripts
 */
declare function exportFunction<T extends (...args: never[]) => unknown>(fn: T, target: object): T;

export interface PageNavigator {
  nav: object;
  wrap: <T>(getter: () => T) => () => T;
}

export function pageNavigator(): PageNavigator {
  const waived = (window as unknown as { wrappedJSObject?: Window & typeof globalThis }).wrappedJSObject;
  if (waived && typeof exportFunction === 'function') {
    return { nav: waived.navigator, wrap: (getter) => exportFunction(getter, waived) };
  }
  return { nav: navigator, wrap: (getter) => getter };
}
