/**
 * Built sizes (issue 16): `wxt zip` for Chromium and Firefox (each builds first), then the bytes on disk of
 * what each browser loads: the background, each page with every file it loads, the content scripts, the
 * zips. `--no-zip` reads whatever .output/ holds (after `npm run zip`).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../scripts/knowledge-node';
import { record, type FigureKey } from './results';

const OUTPUT = path.join(ROOT, '.output');

const size = (file: string) => (existsSync(file) ? statSync(file).size : 0);

/** A page and every file it loads: its scripts and styles, and the chunks they import, each counted once. */
export function pageBytes(dir: string, html: string): number | null {
  const start = path.join(dir, html);
  if (!existsSync(start)) return null;
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file) || !existsSync(file)) continue;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!)
      : file.endsWith('.js')
        ? [...text.matchAll(/(?:import|from)\s*\(?\s*["']([^"']+\.(?:js|css))["']/g)].map((m) => m[1]!)
        : [];
    for (const ref of refs) {
      if (/^[a-z]+:/i.test(ref)) continue;
      queue.push(ref.startsWith('/') ? path.join(dir, ref) : path.resolve(path.dirname(file), ref));
    }
  }
  return [...seen].reduce((a, f) => a + size(f), 0);
}

function dirBytes(dir: string): number | null {
  if (!existsSync(dir)) return null;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((a, e) => a + size(path.join(e.parentPath, e.name)), 0);
}

function zipNamed(suffix: string): string | null {
  if (!existsSync(OUTPUT)) return null;
  const f = readdirSync(OUTPUT).find((n) => n.endsWith(`-${suffix}.zip`));
  return f ? path.join(OUTPUT, f) : null;
}

/** The model file, once the classifier ships one (any file named model* in the build). */
function modelBytes(dir: string): number | null {
  if (!existsSync(dir)) return null;
  const hits = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /(^|[-_.])model[-_.]/i.test(e.name));
  return hits.length ? hits.reduce((a, e) => a + size(path.join(e.parentPath, e.name)), 0) : null;
}

export function benchSizes(zip: boolean): void {
  if (zip) {
    for (const args of [['wxt', 'zip'], ['wxt', 'zip', '-b', 'firefox']]) {
      try {
        execFileSync('npx', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
      } catch (err) {
        const e = err as { stdout?: string; stderr?: string };
        console.error(`npx ${args.join(' ')} failed:\n${e.stdout ?? ''}${e.stderr ?? ''}`);
        throw err;
      }
    }
  }
  const kb = (n: number | null) => (n === null ? '-' : `${(n / 1024).toFixed(1)} KB`);
  for (const [browser, dirName] of [['chrome', 'chrome-mv3'], ['firefox', 'firefox-mv2']] as const) {
    const dir = path.join(OUTPUT, dirName);
    const figures: Array<[string, number | null]> = [
      ['background', existsSync(path.join(dir, 'background.js')) ? size(path.join(dir, 'background.js')) : null],
      ['popup', pageBytes(dir, 'popup.html')],
      ['options', pageBytes(dir, 'options.html')],
      ['content_scripts', dirBytes(path.join(dir, 'content-scripts'))],
    ];
    const zipFile = zipNamed(browser);
    figures.push(['zip', zipFile ? size(zipFile) : null]);
    for (const [what, bytes] of figures) record(`size.${browser}.${what}_bytes` as FigureKey, bytes, bytes === null ? 'not built: run npm run zip' : undefined);
    console.log(`${browser.padEnd(8)} ${figures.map(([w, b]) => `${w} ${kb(b)}`).join(' · ')}`);
  }
  const sources = zipNamed('sources');
  record('size.sources_zip_bytes', sources ? size(sources) : null);
  const index = path.join(ROOT, '.wxt/knowledge/index.json');
  record('size.knowledge_index_bytes', existsSync(index) ? size(index) : null);
  const model = modelBytes(path.join(OUTPUT, 'chrome-mv3'));
  record('size.model_bytes', model, model === null ? 'no model file in the build yet' : undefined);
  console.log(`sources zip ${kb(sources ? size(sources) : null)} · knowledge index ${kb(existsSync(index) ? size(index) : null)} · model ${kb(model)}`);
}
