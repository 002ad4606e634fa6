/**
 * SHA-256 of a document's text (UTF-8), as lowercase hex, with the platform's Web Crypto
 * (`crypto.subtle`: Node ≥ 20, service workers and pages alike). Declarations record the hash of the text they
 * were read from, so a changed policy can be told from an unchanged one without storing the text. Digesting is
 * async, so it happens in the async step that fetched the text, and the hash is passed into the reader.
 */
export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
