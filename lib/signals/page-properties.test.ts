import { describe, expect, it } from 'vitest';
import { defineSignalProperties, removeSignalProperties } from './page-properties';

/** A navigator-like object: the browser's getters live on the prototype, as in real browsers. */
function navigatorLike(native: { gpc?: boolean; dnt?: string | null } = {}) {
  class Nav {}
  if ('gpc' in native) Object.defineProperty(Nav.prototype, 'globalPrivacyControl', { get: () => native.gpc, configurable: true });
  Object.defineProperty(Nav.prototype, 'doNotTrack', { get: () => native.dnt ?? null, configurable: true });
  return new Nav() as Record<string, unknown>;
}

describe('defineSignalProperties', () => {
  it('defines both on the instance; the browser getters stay on the prototype', () => {
    const nav = navigatorLike();
    expect(defineSignalProperties(nav)).toEqual({ globalPrivacyControl: 'defined', doNotTrack: 'defined' });
    expect(nav.globalPrivacyControl).toBe(true);
    expect(nav.doNotTrack).toBe('1');
    expect(Object.getOwnPropertyDescriptor(nav, 'globalPrivacyControl')).toMatchObject({ configurable: true, enumerable: true });
  });

  it("leaves the browser's own signal alone (Firefox GPC enabled by the user, Chromium's DNT switch)", () => {
    const nav = navigatorLike({ gpc: true, dnt: '1' });
    expect(defineSignalProperties(nav)).toEqual({ globalPrivacyControl: 'already', doNotTrack: 'already' });
    expect(Object.getOwnPropertyNames(nav)).toEqual([]);
  });

  it('overrides a native false (Firefox GPC exposed but off)', () => {
    const nav = navigatorLike({ gpc: false });
    defineSignalProperties(nav);
    expect(nav.globalPrivacyControl).toBe(true);
  });

  it('a page or extension that defines them too does not throw, before or after us', () => {
    const before = navigatorLike();
    Object.defineProperty(before, 'globalPrivacyControl', { value: false, configurable: false, writable: false });
    expect(defineSignalProperties(before)).toEqual({ globalPrivacyControl: 'refused', doNotTrack: 'defined' });
    const after = navigatorLike();
    defineSignalProperties(after);
    expect(() => Object.defineProperty(after, 'globalPrivacyControl', { get: () => true, configurable: true })).not.toThrow();
    expect(defineSignalProperties(Object.freeze(navigatorLike()))).toEqual({ globalPrivacyControl: 'refused', doNotTrack: 'refused' });
    const hostile = new Proxy({}, { get() { throw new Error('no'); } });
    expect(() => defineSignalProperties(hostile)).not.toThrow();
  });

  it('runs the getter through wrap (Firefox exportFunction)', () => {
    const nav = navigatorLike();
    const wrapped: string[] = [];
    defineSignalProperties(nav, (g) => { wrapped.push(String(g())); return g; });
    expect(wrapped).toEqual(['true', '1']);
  });
});

describe('removeSignalProperties', () => {
  it('removes ours and brings the browser getters back into view', () => {
    const nav = navigatorLike({ dnt: null });
    defineSignalProperties(nav);
    expect(removeSignalProperties(nav)).toEqual(['globalPrivacyControl', 'doNotTrack']);
    expect(nav.globalPrivacyControl).toBeUndefined();
    expect(nav.doNotTrack).toBeNull();
  });

  it('leaves the prototype (native) getters and frozen objects alone', () => {
    const nav = navigatorLike({ gpc: true, dnt: '1' });
    expect(removeSignalProperties(nav)).toEqual([]);
    expect(nav.globalPrivacyControl).toBe(true);
    expect(removeSignalProperties(Object.freeze({ globalPrivacyControl: true }))).toEqual([]);
  });
});
