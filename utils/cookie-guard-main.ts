/**
 * The cookie guard in the page's main world (Chromium MV3): wraps the `document.cookie` setter and
 * `cookieStore.set` at document_start, before any page script, and refuses a denied cookie synchronously
 * (lib/enforce/guard.ts decides). The getter stays the platform's own: the page reads its real cookies.
 *
 * - No globals: the bundle is an anonymous function (globalName: false) and keeps its state in a closure.
 * - The wrapped setter is a Proxy of the native one: same name and length, and `toString` says native code.
 * - The platform helpers it uses later (Reflect.apply, Date.now, JSON.parse, the CustomEvent detail getter)
 *   are taken before the page runs, so a page that replaces them later does not reach into the guard.
 * - Its site's data arrives over a private channel: a detached element handed to the isolated bridge
 *   (cookie-guard-bridge.content.ts) before the page runs. Events on a detached element reach no page
 *   listener, so the page cannot read or forge them.
 *
 * Limits (README): a same-origin iframe's own Document.prototype setter, called on this document, bypasses
 * the wrapper (the platform allows it); so does a page that replaces String.prototype methods before it
 * writes. The cookies.onChanged removal stays as the backstop.
 */
import type { Choice } from '@/lib/types';
import { GuardBook, isGuardSiteData, KEEP_SYMBOL, type TrackingNames } from '@/lib/enforce/guard';
import { parseSetCookie } from '@/lib/enforce/set-cookie';
import trackingNames from '#tracking-names';

/** The attribute that marks the channel element for the bridge (removed before the page runs). */
export const CHANNEL_ATTRIBUTE = 'data-cookie-warden-guard';
export const CHANNEL_EVENT = 'cookie-warden-guard';
/** Guard → bridge: the name of a refused write (the bridge tells the background, which lists it). */
export const REFUSED_EVENT = 'cookie-warden-guard-refused';
/** Bridge → guard: the bridge holds the channel now (refusals before it are sent then). */
export const HELLO_EVENT = 'cookie-warden-guard-hello';

type Replay = () => unknown;

export function installMainWorldGuard(provisional: Choice | null): void {
  const R = Reflect;
  const apply = R.apply;
  const now = Date.now;
  const parse = JSON.parse;
  const P = Promise;
  const resolved = P.resolve.bind(P) as () => Promise<void>;
  const doc = document;
  const proto = Document.prototype;
  const desc = R.getOwnPropertyDescriptor(proto, 'cookie');
  if (!desc || !desc.set || !desc.get || !desc.configurable) return;
  const nativeSet = desc.set;

  // A frame of another origin than the top's: its cookies may have other owners (and Firefox partitions
  // them); let everything through and leave it to the background.
  let active = window === window.top;
  if (!active) {
    try {
      active = typeof window.top?.location.href === 'string';
    } catch {
      active = false;
    }
  }
  // The keep scripts registered before this one for this site (guard-keep/<i>.js): read, then gone.
  const keepKey = Symbol.for(KEEP_SYMBOL);
  const g = globalThis as unknown as Record<symbol, unknown>;
  const kept = g[keepKey];
  R.deleteProperty(g, keepKey);
  const keep = new Set<number>(Array.isArray(kept) ? kept.filter((i): i is number => typeof i === 'number') : []);
  const book = new GuardBook<Replay>(trackingNames as unknown as TrackingNames, provisional, null, active, keep);
  // Refused names wait here until the bridge holds the channel.
  let bridged = false;
  const unsent: string[] = [];
  let channel: Element | null = null;
  const dispatch = EventTarget.prototype.dispatchEvent;
  const Custom = CustomEvent;
  const refused = (name: string) => {
    if (bridged && channel) apply(dispatch, channel, [new Custom(REFUSED_EVENT, { detail: name })]);
    else if (unsent.length < 50) unsent.push(name);
  };

  const set = new Proxy(nativeSet, {
    apply(target, self, args) {
      const line = `${args[0]}`;
      const parsed = parseSetCookie(line, now());
      const replay = () => apply(target, doc, [line]);
      if (book.write(parsed.name, parsed.deletes, replay) === 'refuse') {
        refused(parsed.name);
        return undefined;
      }
      return apply(target, self, [line]);
    },
  });
  R.defineProperty(proto, 'cookie', { configurable: true, enumerable: desc.enumerable ?? true, get: desc.get, set });

  // The CookieStore API (Chromium) bypasses document.cookie: wrap its set too.
  const CS = (globalThis as { CookieStore?: { prototype: { set?: (...a: unknown[]) => Promise<void> } } }).CookieStore;
  const csProto = CS?.prototype;
  const csDesc = csProto ? R.getOwnPropertyDescriptor(csProto, 'set') : undefined;
  if (csProto && csDesc && typeof csDesc.value === 'function' && csDesc.configurable) {
    const nativeCsSet = csDesc.value as (...a: unknown[]) => Promise<void>;
    const csSet = new Proxy(nativeCsSet, {
      apply(target, self, args: unknown[]) {
        let name = '';
        let deletes = false;
        const a0 = args[0];
        if (typeof a0 === 'string') name = a0;
        else if (a0 !== null && typeof a0 === 'object') {
          const o = a0 as { name?: unknown; expires?: unknown };
          name = typeof o.name === 'string' ? o.name : '';
          deletes = typeof o.expires === 'number' && o.expires <= now();
        }
        const copy = [...args];
        const replay = () => apply(target, self, copy);
        // A refused write resolves as a successful one would: the page goes on as if the browser had dropped it.
        if (book.write(name, deletes, replay) === 'refuse') {
          refused(name);
          return resolved();
        }
        return apply(target, self, args);
      },
    });
    R.defineProperty(csProto, 'set', { ...csDesc, value: csSet });
  }

  // The private channel to the isolated bridge.
  const root = doc.documentElement;
  if (!root) return;
  const detailOf = R.getOwnPropertyDescriptor(CustomEvent.prototype, 'detail')?.get;
  const el = doc.createElement('meta');
  channel = el;
  el.setAttribute(CHANNEL_ATTRIBUTE, '');
  el.addEventListener(HELLO_EVENT, () => {
    bridged = true;
    for (const name of unsent.splice(0)) refused(name);
  });
  el.addEventListener(CHANNEL_EVENT, (event) => {
    const detail = detailOf ? apply(detailOf, event, []) : undefined;
    if (typeof detail !== 'string') return;
    let data: unknown;
    try {
      data = parse(detail);
    } catch {
      return;
    }
    if (!isGuardSiteData(data)) return;
    for (const replay of book.update(data)) {
      try {
        const r = replay() as { catch?: (f: () => void) => void } | undefined;
        r?.catch?.(() => undefined);
      } catch {
        /* a write the browser refuses now: nothing to do */
      }
    }
  });
  root.appendChild(el);
}
