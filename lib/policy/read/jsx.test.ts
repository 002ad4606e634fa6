/** Issue 13: policies kept as React components, read by the CLI. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { jsxToHtml, looksLikeJsx } from './jsx';

const PAGE = `import { Table } from './Table';
type Row = { name: string; purpose: string; expires: string };
const prefs: Row[] = [{ name: 'ui_theme', purpose: 'Remembers your theme', expires: '1 year' }];
export function Cookies() {
  return (
    <>
      <h2>Functional cookies</h2>
      <Table data={prefs} />
      <Table heading={'Marketing cookies'} data={[{ cookie_name: 'mk_id', description: 'Ads', duration: ['90 days'] }] as Row[]} />
      <Table data={[{ name: 'broken', purpose: <a href="/x">link</a> }]} />
    </>
  );
}`;

describe('React components', () => {
  it('turn each data prop into a table under the headings and captions the markup gives', () => {
    const d = readDocument(PAGE, { url: 'Cookies.tsx', hint: 'jsx' });
    expect(d.cookies.map((c) => [c.name, c.purpose, c.durationSeconds])).toEqual([
      ['ui_theme', 'functional', 365 * 86400],
      ['mk_id', 'advertising', 90 * 86400],
    ]);
  });

  it('are told apart from pages by their content', () => {
    expect(looksLikeJsx(PAGE)).toBe(true);
    expect(looksLikeJsx('<html><body><h2>Cookies</h2><table></table></body></html>')).toBe(false);
    expect(readDocument(PAGE, { url: 'x' }).cookies).toHaveLength(2);
  });

  it('an array that is not data (JSX inside) gives no table, and no exception', () => {
    expect(jsxToHtml('<T data={[{ name: <b>x</b> }]} />')).toBe('');
  });
});
