/** The UI side of the message protocol: typed requests to the background. */
import { browser } from 'wxt/browser';
import type { RequestOf, RequestType, ResponseOf } from '@/lib/messages';

export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseOf[T]> {
  return (await browser.runtime.sendMessage(request)) as ResponseOf[T];
}
