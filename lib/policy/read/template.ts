/**
 * Policy pages kept as server templates (Nunjucks, Jinja, PHP): drop the template syntax and turn the
 * GOV.UK `govukTable` macro, whose rows are written as data, into a real table.
 */

export function templateToHtml(source: string): string {
  let s = between(source, '<?php', '?>', () => ' ');
  s = govukTables(s);
  s = between(s, '{#', '#}', () => ' ');
  s = between(s, '{%', '%}', () => ' ');
  return between(s, '{{', '}}', () => ' ');
}

/** `{{ govukTable({...}) }}` to a table: from the call to the first `)` followed by `}}` (the arguments hold `}}`). */
function govukTables(s: string): string {
  const call = /\{\{-?\s*govukTable\(/g;
  const end = /\)\s*-?\}\}/g;
  let out = '';
  let at = 0;
  let m: RegExpExecArray | null;
  while ((m = call.exec(s)) !== null) {
    end.lastIndex = m.index + m[0].length;
    const e = end.exec(s);
    if (!e) break; // no later call can end either
    out += s.slice(at, m.index) + govukTableToHtml(s.slice(m.index + m[0].length, e.index));
    at = e.index + e[0].length;
    call.lastIndex = at;
  }
  return at === 0 ? s : out + s.slice(at);
}

/**
 * Replace each `open … close` (the shortest, left to right) with what `replace` makes of its inside, or keep
 * it when that is null. Linear: the lazy regex this replaces (`/\{%[\s\S]*?%\}/g`) searched to the end of
 * the text again from every `{%` that has no `%}` after it, quadratic on a hostile page.
 */
function between(s: string, open: string, close: string, replace: (inner: string) => string | null): string {
  let out = '';
  let at = 0;
  let from = 0;
  for (;;) {
    const i = s.indexOf(open, from);
    if (i < 0) break;
    const j = s.indexOf(close, i + open.length);
    if (j < 0) break;
    const r = replace(s.slice(i + open.length, j));
    if (r !== null) {
      out += s.slice(at, i) + r;
      at = j + close.length;
    }
    from = j + close.length;
  }
  return at === 0 ? s : out + s.slice(at);
}

/** Read `head: [{ text: "Name" }, ...], rows: [[{ text: "_ga" }, ...], ...]` without evaluating it. */
function govukTableToHtml(args: string): string {
  if (args.length > 512 * 1024) return ' ';
  const cellTexts = (chunk: string): string[] => {
    const out: string[] = [];
    const re = /(?:text|html)\s*:\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(chunk))) out.push((m[1] ?? m[2] ?? '').replace(/\\(.)/g, '$1'));
    return out;
  };
  const headMatch = /head\s*:\s*\[([\s\S]*?)\]\s*,\s*rows/.exec(args);
  const rowsMatch = /rows\s*:\s*\[([\s\S]*)\]/.exec(args);
  const head = headMatch ? cellTexts(headMatch[1]!) : [];
  const rows: string[][] = [];
  if (rowsMatch) {
    for (const row of rowsMatch[1]!.split(/\]\s*,\s*\[/)) {
      const cells = cellTexts(row);
      if (cells.length > 0) rows.push(cells);
    }
  }
  const esc = (t: string) => (/<[a-z]/i.test(t) ? t : t.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
  return (
    '<table><thead><tr>' +
    head.map((h) => `<th>${esc(h)}</th>`).join('') +
    '</tr></thead><tbody>' +
    rows.map((r) => '<tr>' + r.map((c) => `<td>${esc(c)}</td>`).join('') + '</tr>').join('') +
    '</tbody></table>'
  );
}
