/** The UI side of the message protocol: typed requests to the background. */
import { browser } from 'wxt/browser';
import { fromWire, type RequestOf, type RequestType, type ResponseOf } from '@/lib/messages';

export async function send<T extends RequestType>(request: RequestOf<T>): Promise<ResponseOf[T]> {
  return fromWire<ResponseOf[T]>(request.type, await browser.runtime.sendMessage(request));
}

/**
 * Chromium's own "Send a Do Not Track request" switch (`privacy.websites.doNotTrackEnabled`, read only; it
 * sends DNT, not GPC). null where the browser has none (Firefox) or it cannot be read.
 */
export async function browserDoNotTrack(): Promise<boolean | null> {
  const setting = (browser as unknown as { privacy?: { websites?: { doNotTrackEnabled?: { get(d: object): Promise<{ value: unknown }> } } } })
    .privacy?.websites?.doNotTrackEnabled;
  if (!setting) return null;
  try {
    const { value } = await setting.get({});
    return typeof value === 'boolean' ? value : null;
  } catch {
    return null;
  }
}
