/**
 * `bench/results.json`: every figure `npm run bench` measures, each beside the aim its issue set, under keys
 * that stay the same from one commit to the next (README "Figures"). A section of the bench calls
 * `record(key, value)`; a figure nobody measured yet is written as null, with its aim, so a later change fills
 * it in and the key never moves. To add a figure: add its key to FIGURES (never rename one; retire a key by
 * leaving it null with a note), record it, and add it to the README's list.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../scripts/knowledge-node';

export type Aim = { at: 'least' | 'most'; value: number; issue: number } | null;

export interface FigureSpec {
  unit: string;
  aim: Aim;
  what: string;
}

const least = (value: number, issue: number): Aim => ({ at: 'least', value, issue });
const most = (value: number, issue: number): Aim => ({ at: 'most', value, issue });
const MB = 1_000_000;

/** The stable key list, in the order the table prints. */
export const FIGURES = {
  // Policy extraction over the corpus (issue 4): tests/fixtures/policies ground truth; speed over every document.
  'extraction.corpus.documents': { unit: 'count', aim: null, what: 'documents with hand-written ground truth' },
  'extraction.corpus.recall': { unit: 'ratio', aim: least(0.95, 4), what: 'declared names found' },
  'extraction.corpus.precision': { unit: 'ratio', aim: least(0.95, 4), what: 'names found that are declared' },
  'extraction.corpus.purpose': { unit: 'ratio', aim: least(0.9, 4), what: 'purpose right, of names matched' },
  'extraction.corpus.duration': { unit: 'ratio', aim: null, what: 'duration right, of durations checked' },
  'extraction.corpus.p50_ms': { unit: 'ms', aim: null, what: 'median time per document (median of reads)' },
  'extraction.corpus.p95_ms': { unit: 'ms', aim: most(20, 4), what: '95th percentile time per document' },
  'extraction.corpus.worst_ms_per_100kb': { unit: 'ms', aim: most(50, 4), what: 'worst time per 100 KB (documents under 100 KB count as 100 KB)' },
  'extraction.corpus.mb_per_s': { unit: 'MB/s', aim: null, what: 'corpus bytes / sum of per-document medians' },
  'extraction.cmp.mb_per_s': { unit: 'MB/s', aim: null, what: 'consent-platform samples parsed (parseCmp)' },
  // The second corpus (issue 13): ground truth written before the reader was tuned on it.
  'extraction.second.documents': { unit: 'count', aim: null, what: 'documents in tests/fixtures/policies-second' },
  'extraction.second.recall': { unit: 'ratio', aim: least(0.95, 13), what: 'declared names found' },
  'extraction.second.precision': { unit: 'ratio', aim: least(0.95, 13), what: 'names found that are declared' },
  'extraction.second.purpose': { unit: 'ratio', aim: least(0.9, 13), what: 'purpose right, of names matched' },
  'extraction.second.duration': { unit: 'ratio', aim: null, what: 'duration right, of durations checked' },
  'extraction.second.p50_ms': { unit: 'ms', aim: null, what: 'median time per document' },
  'extraction.second.p95_ms': { unit: 'ms', aim: most(20, 4), what: '95th percentile time per document' },
  'extraction.second.mb_per_s': { unit: 'MB/s', aim: null, what: 'bytes / sum of per-document medians' },
  // Cookies nobody declared (issue 10): CookieBlock's crawl, part A.
  'classifier.cookies': { unit: 'count', aim: null, what: 'labelled cookies judged (part A)' },
  'classifier.balanced_accuracy': { unit: 'ratio', aim: least(0.8, 10), what: 'mean per-class recall (unknown counts as wrong)' },
  'classifier.recall.essential': { unit: 'ratio', aim: null, what: 'recall, essential' },
  'classifier.recall.functional': { unit: 'ratio', aim: null, what: 'recall, functional' },
  'classifier.recall.analytics': { unit: 'ratio', aim: null, what: 'recall, analytics' },
  'classifier.recall.advertising': { unit: 'ratio', aim: null, what: 'recall, advertising' },
  'classifier.unknown_share': { unit: 'ratio', aim: most(0.1, 10), what: 'cookies left unknown' },
  'classifier.necessary_called_tracking': { unit: 'ratio', aim: most(0.04, 10), what: 'essential cookies judged analytics or advertising' },
  'classifier.ms_per_cookie': { unit: 'ms', aim: most(0.05, 10), what: 'time per judgement (knowledge base + classifier)' },
  'classifier.model_bytes': { unit: 'bytes', aim: most(MB, 10), what: 'model data (null: no model yet)' },
  // The hot path (issue 10) and memory (issue 16), measured in Node on lib/engine/warden.ts.
  'engine.decisions_per_s': { unit: '1/s', aim: least(200_000, 10), what: 'Warden.observe on cookies never seen before, 5,000-entry declaration, knowledge base loaded' },
  'engine.storm_2000_ms': { unit: 'ms', aim: most(200, 10), what: '2,000 new cookies in one page load absorbed' },
  'engine.heap_mb': { unit: 'MB', aim: most(15, 16), what: 'heap the knowledge base + 1,000 site declarations take (growth after GC, fresh Node process)' },
  'engine.heap_process_mb': { unit: 'MB', aim: null, what: 'the whole Node heap then (Node, tsx and the code included: an upper bound)' },
  // Built sizes (issue 16): bytes on disk in .output/ after `wxt zip`.
  'size.chrome.background_bytes': { unit: 'bytes', aim: null, what: 'background.js (knowledge index included)' },
  'size.chrome.popup_bytes': { unit: 'bytes', aim: null, what: 'popup.html and every file it loads' },
  'size.chrome.options_bytes': { unit: 'bytes', aim: null, what: 'options.html and every file it loads' },
  'size.chrome.content_scripts_bytes': { unit: 'bytes', aim: null, what: 'content-scripts/, all files' },
  'size.chrome.zip_bytes': { unit: 'bytes', aim: most(MB, 16), what: 'the Chrome Web Store zip' },
  'size.firefox.background_bytes': { unit: 'bytes', aim: null, what: 'background.js (knowledge index included)' },
  'size.firefox.popup_bytes': { unit: 'bytes', aim: null, what: 'popup.html and every file it loads' },
  'size.firefox.options_bytes': { unit: 'bytes', aim: null, what: 'options.html and every file it loads' },
  'size.firefox.content_scripts_bytes': { unit: 'bytes', aim: null, what: 'content-scripts/, all files' },
  'size.firefox.zip_bytes': { unit: 'bytes', aim: most(MB, 16), what: 'the addons.mozilla.org zip' },
  'size.sources_zip_bytes': { unit: 'bytes', aim: most(MB, 16), what: 'the sources zip AMO asks for' },
  'size.knowledge_index_bytes': { unit: 'bytes', aim: null, what: 'the knowledge index as JSON (.wxt/knowledge/index.json)' },
  'size.model_bytes': { unit: 'bytes', aim: most(MB, 10), what: 'the classifier model as shipped (null: no model yet)' },
  // End to end in Chromium (issue 11), read from test-results/enforcement-figures-<browser>.json when an e2e run wrote it (bench/e2e-figures.ts).
  'e2e.chromium.requests_with_refused_cookie': { unit: 'count', aim: most(0, 11), what: 'requests that carried a refused cookie' },
  'e2e.chromium.refused_cookie_lifetime_median_ms': { unit: 'ms', aim: most(5, 11), what: 'how long a refused HTTP-set cookie lived, median' },
  'e2e.chromium.refused_cookie_lifetime_max_ms': { unit: 'ms', aim: most(50, 11), what: 'how long a refused HTTP-set cookie lived, max' },
  'e2e.firefox.requests_with_refused_cookie': { unit: 'count', aim: most(0, 11), what: 'requests that carried a refused cookie' },
  'e2e.firefox.refused_cookie_lifetime_median_ms': { unit: 'ms', aim: null, what: 'how long a refused HTTP-set cookie lived, median' },
  'e2e.firefox.refused_cookie_lifetime_max_ms': { unit: 'ms', aim: null, what: 'how long a refused HTTP-set cookie lived, max' },
  // The popup's open time with 500 cookie rows (issue 14), read from test-results/popup-figures-<browser>.json
  // (tests/e2e/journeys/ui.ts popupOpensFast): the popup opened as a page, from its start to the first full view.
  'e2e.chromium.popup_500_rows_median_ms': { unit: 'ms', aim: most(200, 14), what: 'popup with 500 cookie rows: first full view on screen after opening, median of the opens' },
  'e2e.chromium.popup_500_rows_max_ms': { unit: 'ms', aim: null, what: 'popup with 500 cookie rows: first full view on screen after opening, slowest open' },
  'e2e.chromium.popup_rows': { unit: 'count', aim: null, what: 'cookie rows the measured popup showed (fewest over the opens)' },
  'e2e.firefox.popup_500_rows_median_ms': { unit: 'ms', aim: most(200, 14), what: 'popup with 500 cookie rows: first full view on screen after opening, median of the opens' },
  'e2e.firefox.popup_500_rows_max_ms': { unit: 'ms', aim: null, what: 'popup with 500 cookie rows: first full view on screen after opening, slowest open' },
  'e2e.firefox.popup_rows': { unit: 'count', aim: null, what: 'cookie rows the measured popup showed (fewest over the opens)' },
} as const satisfies Record<string, FigureSpec>;

export type FigureKey = keyof typeof FIGURES;

const values = new Map<FigureKey, number | null>();
const notes = new Map<FigureKey, string>();

/** Record a figure (null: could not be measured this run, say why in `note`). */
export function record(key: FigureKey, value: number | null, note?: string): void {
  if (!(key in FIGURES)) throw new Error(`bench: unknown figure key ${key} (add it to FIGURES in bench/results.ts)`);
  values.set(key, value === null || !Number.isFinite(value) ? null : value);
  if (note) notes.set(key, note);
}

export function met(key: FigureKey, value: number | null): boolean | null {
  const aim: Aim = FIGURES[key].aim;
  if (!aim || value === null) return null;
  return aim.at === 'least' ? value >= aim.value : value <= aim.value;
}

function round(x: number): number {
  if (Number.isInteger(x)) return x;
  return Number(x.toPrecision(4));
}

function commit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

export const RESULTS_FILE = path.join(ROOT, 'bench/results.json');

type Figure = { value: number | null; unit: string; aim: Aim; met: boolean | null; note?: string };
interface ResultsFile {
  schema: number;
  commit: string | null;
  measuredAt: string;
  machine: object;
  figures: Record<string, Figure>;
  /** Figures measured later than the rest and merged in (`merge`), with their commit and time. */
  merged?: Array<{ commit: string | null; measuredAt: string; keys: string[] }>;
}

/**
 * Print the table and write bench/results.json. Returns the file written. With `merge`, only the figures
 * recorded in this run are replaced; every other one stays as the file had it (bench/e2e-only.ts: the e2e
 * figures without the minutes the rest of the bench takes), and the file lists what was merged when.
 */
export function writeResults(file = RESULTS_FILE, { merge = false } = {}): string {
  const before = merge && existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as ResultsFile) : null;
  const figures: Record<string, Figure> = {};
  const aimText = (a: Aim) => (a ? `${a.at === 'least' ? '≥' : '≤'} ${a.value.toLocaleString('en')} (#${a.issue})` : '');
  console.log(`\n== figures (${path.relative(ROOT, file)}) ${'='.repeat(70)}`);
  console.log('key'.padEnd(52), 'value'.padStart(14), ' unit  ', 'aim'.padEnd(22), 'met');
  for (const key of Object.keys(FIGURES) as FigureKey[]) {
    const spec: FigureSpec = FIGURES[key];
    if (before && !values.has(key) && before.figures[key]) {
      figures[key] = before.figures[key]!;
      continue;
    }
    const v = values.get(key) ?? null;
    const value = v === null ? null : round(v);
    const m = met(key, value);
    figures[key] = { value, unit: spec.unit, aim: spec.aim, met: m, ...(notes.has(key) ? { note: notes.get(key) } : {}) };
    console.log(
      key.padEnd(52),
      (value === null ? 'null' : value.toLocaleString('en')).padStart(14),
      ` ${spec.unit.padEnd(6)}`,
      aimText(spec.aim).padEnd(22),
      m === null ? '' : m ? 'ok' : 'MISSED',
    );
  }
  const now = { commit: commit(), measuredAt: new Date().toISOString() };
  const out: ResultsFile = before
    ? { ...before, figures, merged: [...(before.merged ?? []), { ...now, keys: [...values.keys()] }] }
    : { schema: 1, ...now, machine: { node: process.version, cpus: os.cpus().length, platform: `${os.platform()} ${os.arch()}` }, figures };
  writeFileSync(file, JSON.stringify(out, null, 2) + '\n');
  console.log(`wrote ${path.relative(ROOT, file)}`);
  return file;
}
