/**
 * Policy pages kept as server templates (Nunjucks, Jinja, PHP): drop the template syntax and turn the
 * GOV.UK `govukTable` macro, whose rows are written as data, into a real table.
 */

export function templateToHtml(source: string): string {
  let s = source.replace(/<\?php[\s\S]*?\?>/g, ' ');
  s = s.replace(/\{\{-?\s*govukTable\(([\s\S]*?)\)\s*-?\}\}/g, (_m, args: string) => govukTableToHtml(args));
  s = s.replace(/\{#[\s\S]*?#\}/g, ' ').replace(/\{%[\s\S]*?%\}/g, ' ').replace(/\{\{[\s\S]*?\}\}/g, ' ');
  return s;
}

/** Read `head: [{ text: "Name" }, ...], rows: [[{ text: "_ga" }, ...], ...]` without evaluating it. */
function govukTableToHtml(args: string): string {
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
