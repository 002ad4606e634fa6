/**
 * Policies kept as React components (issue 13): a `.jsx` / `.tsx` page whose cookie table is a prop written as
 * data, `<CookieTable data={[{ name: '_ga', purpose: '…', expires: '2 years' }]} />`, or a constant the prop
 * names (`data={cookies}` with `const cookies = [...]`). Each such array of objects becomes a real table, its
 * keys the header, under the headings the markup writes (`<h2>Analytics cookies</h2>`) and the component's own
 * `title` / `heading` / `category` string. Only the CLI reads such files (the extension sees rendered pages).
 *
 * Arrays are read as data with acorn (`js-object.ts`): an array holding JSX elements is not data and is not read.
 */
import { readJsValue, type JsonValue } from './js-object';
import { roleOfHeader } from './columns';

const MAX_TABLES = 50;

/** Does this source look like a React component rather than a page? */
export function looksLikeJsx(text: string): boolean {
  const head = text.slice(0, 200_000);
  return /\bfrom\s+['"]react['"]|\bimport\s+React\b|<>|<\/[A-Z]\w*>|<[A-Z]\w*[\s/>]/.test(head) && /\breturn\s*\(?\s*</.test(head);
}

export function jsxToHtml(source: string): string {
  const out: string[] = [];
  // Headings and data props, in source order.
  const re = /<(h[1-6])\b[^>]*>([^<{]{1,300})<\/\1>|\b[A-Za-z_$][\w$]*=\{\s*(\[|[A-Za-z_$][\w$]*\s*\})/g;
  let tables = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(source)) !== null && tables < MAX_TABLES) {
    if (m[1]) {
      out.push(`<${m[1]}>${escape(m[2]!.trim())}</${m[1]}>`);
      continue;
    }
    const at = m[3] === '[' ? m.index + m[0].length - 1 : constantAt(source, m[3]!.replace(/\s*\}$/, ''));
    if (at < 0) continue;
    const read = readJsValue(source, at);
    const table = Array.isArray(read?.value) ? tableOf(read.value) : null;
    if (!table) continue;
    const caption = captionOf(source, m.index, m[3] === '[' ? read!.end : m.index + m[0].length);
    if (caption) out.push(`<h4>${escape(caption)}</h4>`);
    out.push(table);
    tables++;
  }
  return out.join('\n');
}

/** Where `const name = [` (or `let` / `var`, with a type annotation) puts its array, or -1. */
function constantAt(source: string, name: string): number {
  const m = new RegExp(`\\b(?:const|let|var)\\s+${name.replace(/\$/g, '\\$')}\\s*(?::[^=]{1,200})?=\\s*(?=\\[)`).exec(source);
  return m ? m.index + m[0].length : -1;
}

/** The `title`, `heading` or `category` string of the element a prop sits in: its attributes before and after. */
function captionOf(source: string, propAt: number, valueEnd: number): string | null {
  const open = source.lastIndexOf('<', propAt);
  if (open < 0 || propAt - open > 2000) return null;
  const close = source.indexOf('>', valueEnd);
  const attributes = source.slice(open, propAt) + ' ' + source.slice(valueEnd, close < 0 ? valueEnd + 500 : Math.min(close, valueEnd + 500));
  const m = /\b(?:title|heading|category|caption|label)=(?:"([^"]{1,120})"|'([^']{1,120})'|\{\s*["'`]([^"'`]{1,120})["'`]\s*\})/.exec(attributes);
  return m ? (m[1] ?? m[2] ?? m[3] ?? null) : null;
}

/** An array of objects with a name (or key) field as an HTML table; null when it is not one. */
function tableOf(rows: JsonValue[]): string | null {
  const objects = rows.filter((r): r is { [key: string]: JsonValue } => typeof r === 'object' && r !== null && !Array.isArray(r));
  if (objects.length === 0) return null;
  // One column per role: `name` in some rows and `cookieName` in others are one column.
  const columns: Array<{ header: string; keys: string[] }> = [];
  for (const o of objects) {
    for (const k of Object.keys(o)) {
      const header = words(k);
      const role = roleOfHeader(header) ?? header;
      const column = columns.find((c) => (roleOfHeader(c.header) ?? c.header) === role);
      if (column) {
        if (!column.keys.includes(k)) column.keys.push(k);
      } else if (columns.length < 12) columns.push({ header, keys: [k] });
    }
  }
  if (!columns.some((c) => roleOfHeader(c.header) === 'name' || roleOfHeader(c.header) === 'key')) return null;
  const cell = (v: JsonValue | undefined) => (typeof v === 'string' || typeof v === 'number' ? escape(String(v)) : Array.isArray(v) ? v.filter((x) => typeof x === 'string').map((x) => escape(x as string)).join('<br>') : '');
  const body = objects.map((o) => `<tr>${columns.map((c) => `<td>${cell(o[c.keys.find((k) => o[k] !== undefined) ?? c.keys[0]!])}</td>`).join('')}</tr>`);
  return `<table><tr>${columns.map((c) => `<th>${escape(c.header)}</th>`).join('')}</tr>${body.join('')}</table>`;
}

/** `cookieName` / `cookie_name` → "cookie name", so that the header words are read as any table's. */
function words(key: string): string {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
