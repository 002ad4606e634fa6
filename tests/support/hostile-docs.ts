/**
 * Hostile documents of a given size, for the reader's time bounds (issue 8): the shapes that made the reader
 * (and through it the background) stall, each filled up to `size` characters. Shared by the bench, the hostile
 * unit tests and the end-to-end demo site, so all three measure the same documents.
 */

/** Repeat `open` and `close` around `middle` as many times as fit in `size` characters. */
function nest(open: string, close: string, middle: string, size: number): string {
  const n = Math.max(0, Math.floor((size - middle.length) / (open.length + close.length)));
  return open.repeat(n) + middle + close.repeat(n);
}

/** Repeat `unit` (made from its index) until `size` characters, between `head` and `tail`. */
function fill(head: string, unit: (i: number) => string, tail: string, size: number): string {
  const parts: string[] = [head];
  let length = head.length + tail.length;
  for (let i = 0; ; i++) {
    const u = unit(i);
    if (length + u.length > size) break;
    parts.push(u);
    length += u.length;
  }
  parts.push(tail);
  return parts.join('');
}

const ROW = (i: number) => `<tr><td>ck_${i}</td><td>Counts visits for statistics</td><td>1 year</td></tr>`;
const TABLE_HEAD = '<h2>Analytics cookies</h2><table><thead><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr></thead><tbody>';

export interface HostileDocument {
  name: string;
  hint: 'html' | 'markdown' | 'text';
  make(size: number): string;
}

export const HOSTILE_DOCUMENTS: HostileDocument[] = [
  { name: 'nested <div>, closed', hint: 'html', make: (size) => nest('<div>', '</div>', '<p>We use cookies.</p>', size) },
  { name: 'nested <div>, never closed', hint: 'html', make: (size) => fill('<p>We use cookies.</p>', () => '<div>', '', size) },
  { name: 'nested table cells', hint: 'html', make: (size) => nest('<table><tr><td>', '</td></tr></table>', '_ga', size) },
  { name: 'nested <td>, no table', hint: 'html', make: (size) => fill('<table><tr>', () => '<td>', '_ga', size) },
  { name: 'nested <span> in a <p>', hint: 'html', make: (size) => `<p>${nest('<span>', '</span>', 'x', size - 7)}</p>` },
  { name: 'nested <ul><li>', hint: 'html', make: (size) => nest('<ul><li>', '</li></ul>', '_ga', size) },
  { name: 'flat cookie table', hint: 'html', make: (size) => fill(`<html><body>${TABLE_HEAD}`, ROW, '</tbody></table></body></html>', size) },
  { name: 'long text in one <p>', hint: 'html', make: (size) => fill('<p>', () => 'We use cookies to keep you signed in. ', '</p>', size) },
  { name: 'many links', hint: 'html', make: (size) => fill('<!doctype html><html><body><p>', (i) => `<a href="/cookie-policy-${i}">Cookie policy ${i}</a> `, '</p></body></html>', size) },
  { name: 'many paragraphs', hint: 'html', make: (size) => fill('<!doctype html><html><body>', (i) => `<p>Cookie ck_${i} is used for analytics and lasts 1 year.</p>`, '</body></html>', size) },
  {
    name: 'Markdown cookie table',
    hint: 'markdown',
    make: (size) => fill('## Analytics cookies\n\n| Name | Purpose | Duration |\n|---|---|---|\n', (i) => `| ck_${i} | Counts visits for statistics | 1 year |\n`, '', size),
  },
  { name: 'Markdown prose', hint: 'markdown', make: (size) => fill('# Cookies\n\n', () => 'We use **cookies** and `_ga` to count visits. ', '\n', size) },
  { name: 'Markdown nested quotes', hint: 'markdown', make: (size) => fill('', () => '> '.repeat(50) + '_ga\n', '', size) },
  {
    name: 'template marks never closed',
    hint: 'html',
    make: (size) => fill('<h1>Cookie policy</h1>{% block content %}<p>We use cookies.</p>{% endblock %}', () => '{% ', '', size),
  },
  { name: 'plain text lines', hint: 'text', make: (size) => fill('', (i) => `Cookie ck_${i} keeps you signed in for 1 year.\n`, '', size) },
];

/**
 * The page the end-to-end journey serves as a cookie policy: `size` characters of nested <div>, then a cookie
 * table (declaring `_ga` as analytics) that a reader bounded in time and depth still finds.
 */
export function deepPolicyPage(size: number): string {
  const table = `${TABLE_HEAD}<tr><td>_ga</td><td>Counts visits for statistics</td><td>2 years</td></tr></tbody></table>`;
  const head = '<!doctype html><html><head><title>Cookie policy</title></head><body><h1>Cookie policy</h1>';
  const tail = '</body></html>';
  return head + nest('<div>', '</div>', '<p>We use cookies.</p>', size - head.length - table.length - tail.length) + table + tail;
}

/**
 * A policy kept as a server template whose `{%` marks are never closed, then a cookie table: stripping the
 * marks with a lazy pattern searched to the end from each `{%`, quadratic in every browser's regex engine.
 */
export function unclosedTemplatePage(size: number): string {
  const table = `${TABLE_HEAD}<tr><td>_ga</td><td>Counts visits for statistics</td><td>2 years</td></tr></tbody></table>`;
  const head = '<h1>Cookie policy</h1>{% block content %}<p>We use cookies.</p>{% endblock %}';
  return fill(head + table, () => '{% ', '', size);
}

/**
 * Run `work` with a 1 ms timer beside it: the longest the timer waited is how long a cookie event could wait
 * behind it (the background's sliced read must give the event loop a turn every few milliseconds).
 */
export async function withEventLoopProbe<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; ticks: number; longest: number }> {
  let longest = 0;
  let ticks = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    ticks++;
    if (running) setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, ms: performance.now() - t0, ticks, longest };
  } finally {
    running = false;
  }
}
