/**
 * The shape of a cookie's value (length, entropy, character classes, looks like an id, a timestamp, JSON, a URL,
 * base64), read in memory and never stored: only these numbers leave this file. Allocation-free. Pure.
 */
import { F, type FeatureVector } from './feature-space';

const counts = new Uint16Array(128);
const LOG_VALUE = Math.log(1 + 4096);

/** Characters of a value read for its shape (its length is read in full, up to 4,096). */
const VALUE_SCAN = 512;
const seen = new Uint8Array(128);

export function valueFeatures(raw: string, out: FeatureVector): void {
  out.push(F.valuePresent, 1);
  if (raw.length === 0) {
    out.push(F.valueEmpty, 1);
    return;
  }
  out.push(F.valueLength, Math.log(1 + Math.min(raw.length, 4096)) / LOG_VALUE);
  const n = Math.min(raw.length, VALUE_SCAN);
  let distinct = 0;
  let digits = 0;
  let lower = 0;
  let upper = 0;
  let special = 0;
  let other = 0;
  let percent = 0;
  let hexOnly = true;
  let b64Only = true;
  let ampOrPipe = 0;
  let equals = 0;
  let dots = 0;
  let dashes = 0;
  for (let i = 0; i < n; i++) {
    const c = raw.charCodeAt(i);
    if (c < 128) {
      if (counts[c]!++ === 0) seen[distinct++] = c;
    } else other++;
    if (c >= 48 && c <= 57) digits++;
    else if (c >= 97 && c <= 122) {
      lower++;
      if (c > 102) hexOnly = false;
    } else if (c >= 65 && c <= 90) {
      upper++;
      if (c > 70) hexOnly = false;
    } else {
      special++;
      hexOnly = false;
      if (c !== 43 && c !== 47 && c !== 61 && c !== 45 && c !== 95) b64Only = false;
      if (c === 37) percent++;
      else if (c === 38 || c === 124) ampOrPipe++;
      else if (c === 61) equals++;
      else if (c === 46) dots++;
      else if (c === 45) dashes++;
    }
  }
  let entropy = 0;
  for (let i = 0; i < distinct; i++) {
    const c = seen[i]!;
    const p = counts[c]! / n;
    entropy -= p * Math.log2(p);
    counts[c] = 0; // ready for the next value
  }
  if (other > 0) {
    const p = other / n;
    entropy -= p * Math.log2(p);
  }
  out.push(F.valueEntropy, entropy / 6);
  out.push(F.valueDigits, digits / n);
  out.push(F.valueAlpha, (lower + upper) / n);
  out.push(F.valueUpper, upper / n);
  out.push(F.valueSpecial, special / n);
  const c0 = raw.charCodeAt(0);
  if (digits === n) {
    out.push(F.valueInteger, 1);
    // Unix time in seconds or milliseconds, 2001..2040.
    if ((n === 10 && c0 >= 49 && c0 <= 50) || (n === 13 && c0 === 49)) out.push(F.valueTimestamp, 1);
  }
  if (n === 36 && dashes === 4 && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(raw))
    out.push(F.valueUuid, 1);
  else if (hexOnly && n >= 16) out.push(F.valueHex, 1);
  if (b64Only && n >= 16 && lower > 0 && upper > 0 && digits > 0) out.push(F.valueBase64, 1);
  if ((c0 === 123 || c0 === 91) && (raw.charCodeAt(n - 1) === 125 || raw.charCodeAt(n - 1) === 93)) out.push(F.valueJson, 1);
  else if (percent > 0 && (raw.startsWith('%7B') || raw.startsWith('%7b') || raw.startsWith('%5B'))) out.push(F.valueJson, 1);
  if (raw.startsWith('http') && /^https?(?::|%3A)/i.test(raw)) out.push(F.valueUrl, 1);
  if (percent >= 2) out.push(F.valueEncoded, 1);
  if (/^(?:GA|GS)\d\.\d\./.test(raw) || /^fb\.\d\./.test(raw)) out.push(F.valueGaLike, 1);
  if (n <= 5 && /^(?:true|false|yes|no|y|n|0|1|on|off)$/i.test(raw)) out.push(F.valueBoolean, 1);
  if (n <= 5 && /^[a-z]{2}(?:[-_][A-Za-z]{2})?$/.test(raw)) out.push(F.valueLang, 1);
  if (ampOrPipe + equals >= 2) out.push(F.valueKeyValues, 1);
  if (dots + dashes >= 2 && /\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}/.test(raw)) out.push(F.valueDate, 1);
}
