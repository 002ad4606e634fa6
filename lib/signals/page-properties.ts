/**
 * `navigator.globalPrivacyControl === true` and `navigator.doNotTrack === "1"` for the page, defined by the
 * content scripts on the page's own navigator object (passed in: no browser globals here).
 *
 * - Own, configurable getters on the navigator instance: a page or another extension that defines them too
 *   (on the instance or on Navigator.prototype) does not throw, and the browser's own getters on
 *   Navigator.prototype stay underneath, so the "off" switch can delete ours and leave the native ones.
 * - A signal the browser already sends is left alone (Firefox's own GPC when the user enabled it,
 *   Chromium's "Send a Do Not Track request").
 * - Nothing here throws: a frozen navigator or a hostile getter is caught.
 */

const SIGNAL_PROPERTIES = { globalPrivacyControl: true, doNotTrack: '1' } as const;
type Key = keyof typeof SIGNAL_PROPERTIES;

export type PropertyOutcome = 'defined' | 'already' | 'refused';

/** `wrap` turns our getter into one the page may call (Firefox: exportFunction into the page). */
export function defineSignalProperties(
  nav: object,
  wrap: <T>(getter: () => T) => () => T = (g) => g,
): Record<Key, PropertyOutcome> {
  const out = {} as Record<Key, PropertyOutcome>;
  for (const key of Object.keys(SIGNAL_PROPERTIES) as Key[]) {
    const value = SIGNAL_PROPERTIES[key];
    try {
      if ((nav as Record<string, unknown>)[key] === value) {
        out[key] = 'already';
        continue;
      }
      const ok = Reflect.defineProperty(nav, key, { get: wrap(() => value), configurable: true, enumerable: true });
      out[key] = ok ? 'defined' : 'refused';
    } catch {
      out[key] = 'refused';
    }
  }
  return out;
}

/**
 * The option is off: remove the getters defined on the instance (ours; the browser's own live on the
 * prototype and come back into view). Returns the keys removed.
 */
export function removeSignalProperties(nav: object): Key[] {
  const removed: Key[] = [];
  for (const key of Object.keys(SIGNAL_PROPERTIES) as Key[]) {
    try {
      const d = Reflect.getOwnPropertyDescriptor(nav, key);
      if (d?.configurable && Reflect.deleteProperty(nav, key)) removed.push(key);
    } catch {
      /* a proxy or a frozen object: nothing to do */
    }
  }
  return removed;
}
