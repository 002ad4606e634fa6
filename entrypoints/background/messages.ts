/**
 * The one message router (STYLE.md §3): requests are parsed and bounded in lib/messages.ts, the sender is
 * checked against one allowlist, then the handler registered for the type answers once setup is done.
 */
import { browser, type Browser } from 'wxt/browser';
import { parseRequest, senderMay, toWire, type RequestOf, type RequestType, type ResponseOf } from '@/lib/messages';

export type Handlers = {
  [T in RequestType]: (request: RequestOf<T>, sender: Browser.runtime.MessageSender) => Promise<ResponseOf[T]> | ResponseOf[T];
};

export function installRouter(handlers: Handlers, ready: Promise<unknown>): void {
  const origin = browser.runtime.getURL('/');
  browser.runtime.onMessage.addListener((raw: unknown, sender: Browser.runtime.MessageSender) => {
    const request = parseRequest(raw);
    if (!request || !senderMay(request.type, sender.url, origin)) return undefined;
    const handler = handlers[request.type] as (r: typeof request, s: Browser.runtime.MessageSender) => unknown;
    // Messages can arrive before setup finishes: answer after it.
    return ready.then(() => handler(request, sender)).then((response) => toWire(request.type, response));
  });
}
