/**
 * The hot path (issue 10) and the worker's memory (issue 16), on the real engine (lib/engine/warden.ts):
 *   - decisions per second for cookies never seen before, the site declaring 5,000 entries (the Open Cookie
 *     Database's names as the site's own, plus made-up first-party names), the knowledge base loaded;
 *   - a storm of 2,000 new cookies in one page load (one tab, its site's real policy), absorbed;
 *   - the heap after loading the knowledge base and 1,000 site declarations, in a fresh Node process with
 *     --expose-gc (bench/heap.ts), so nothing else the bench holds is counted.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Warden } from '../lib/engine/warden';
import { type ObservedCookie } from '../lib/engine/entry';
import { compileName } from '../lib/cookies/pattern';
import { readDocument } from '../lib/policy/read/read';
import { DEFAULT_SETTINGS } from '../lib/storage/settings';
import type { OcdJson } from '../lib/cookies/knowledge';
import type { Declaration, DeclaredCookie, Purpose } from '../lib/types';
import type { SiteKey } from '../lib/site';
import { loadKnowledge, OCD_JSON, ROOT } from '../scripts/knowledge-node';
import { SHARED } from '../tests/support/corpus';
import { record } from './results';

const PURPOSES: Purpose[] = ['essential', 'functional', 'analytics', 'advertising'];

/** A declaration of `size` entries: every Open Cookie Database name as the site's own, then made-up names. */
export function bigDeclaration(size: number): Declaration {
  const ocd = JSON.parse(readFileSync(OCD_JSON, 'utf8')) as OcdJson;
  const cookies: DeclaredCookie[] = [];
  const add = (written: string, purpose: Purpose) => {
    const p = compileName(written);
    if (!p || cookies.length >= size) return;
    cookies.push({ name: written, ...p, purposeAsWritten: purpose, purpose, durationSeconds: null, durationAsWritten: null, provider: null, domain: null });
  };
  for (const rows of Object.values(ocd)) for (const r of rows) add(r.cookie, PURPOSES[cookies.length % 4]!);
  for (let i = 0; cookies.length < size; i++) add(i % 10 === 0 ? `site_state_${i}_*` : `site_pref_${i}`, PURPOSES[i % 4]!);
  const statement = { stance: 'unspecified' as const, sentence: null };
  return {
    sources: [{ url: 'https://bench.test/cookie-policy', kind: 'html', sha256: '0'.repeat(64) }],
    cookies,
    storage: [],
    providers: [],
    statements: { dnt: statement, gpc: statement },
    links: [],
    warnings: [],
  };
}

const cookie = (name: string, domain: string, path = '/'): ObservedCookie => ({
  name,
  domain,
  path,
  secure: true,
  httpOnly: false,
  hostOnly: false,
  session: false,
  storeId: '0',
});

/** Names as they come: real ones (CookieBlock's crawl, part A) and never-heard-of ones. */
function realNames(): string[] {
  const file = path.join(SHARED, 'data/cookieblock/example_crawl_part_a.json');
  return Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, { name: string }>).map((r) => r.name);
}

export function benchDecisions(): void {
  const knowledge = loadKnowledge();
  const site = 'bench.test' as SiteKey;
  const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
  w.setPolicy(site, { status: 'found' }, bigDeclaration(5_000));
  const names = realNames();
  // Every event is a cookie the engine has not seen: half real names on a new path (a new cookie to the
  // browser, judged afresh), half names nobody knows.
  const events: ObservedCookie[] = [];
  const N = 100_000;
  for (let i = 0; i < N; i++) {
    events.push(i % 2 === 0 ? cookie(names[i % names.length]!, '.bench.test', `/p${i}`) : cookie(`zz${i.toString(36)}_${(i * 7919) % 1000}`, 'www.bench.test'));
  }
  // Warm-up on other cookies (JIT), then time.
  for (let i = 0; i < 5_000; i++) w.observe(cookie(`warm${i}`, 'bench.test', `/w${i}`), 0);
  let removed = 0;
  // Timed by the process's CPU time as well as the clock: on a shared machine the clock counts other people's work.
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < N; i++) if (w.observe(events[i]!, i).remove) removed++;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perS = N / (ms / 1000);
  console.log(
    `decisions: ${N.toLocaleString('en')} new cookies in ${ms.toFixed(0)} ms = ${Math.round(perS).toLocaleString('en')}/s ` +
      `(${cpuMs.toFixed(0)} ms of CPU = ${Math.round(N / (cpuMs / 1000)).toLocaleString('en')}/s; ${removed} removed)`,
  );
  record('engine.decisions_per_s', perS);
}

export function benchStorm(): void {
  const knowledge = loadKnowledge();
  const site = 'syncronis.test' as SiteKey;
  const seed = readdirSeed();
  const declaration = readDocument(readFileSync(seed, 'utf8'), { url: seed, knowledge, hint: 'text' });
  const names = realNames();
  const runs: number[] = [];
  for (let run = 0; run < 7; run++) {
    const w = new Warden(knowledge, { ...DEFAULT_SETTINGS, siteChoices: {} });
    w.setPolicy(site, { status: 'found' }, declaration);
    w.tabs.navigate(1, 'https://www.syncronis.test/');
    for (let h = 0; h < 30; h++) w.tabs.sawHost(1, `cdn${h}.tracker${h}.test`);
    const storm: ObservedCookie[] = [];
    for (let i = 0; i < 2_000; i++) {
      const name = `${names[(i * 13 + run) % names.length]!}${i % 3 === 0 ? '' : `_${i}`}`;
      storm.push(cookie(name, i % 4 === 0 ? `.tracker${i % 30}.test` : '.syncronis.test', `/s${run}`));
    }
    const t0 = performance.now();
    for (let i = 0; i < storm.length; i++) w.observe(storm[i]!, i);
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  // The first run pays the JIT: the median is what a page load in a warm worker costs; print both.
  const median = runs[Math.floor(runs.length / 2)]!;
  console.log(`storm: 2,000 new cookies (a quarter third-party) absorbed in ${median.toFixed(1)} ms median of ${runs.length} (slowest ${runs.at(-1)!.toFixed(1)} ms)`);
  record('engine.storm_2000_ms', median);
}

/** The Syncronis cookie policy (the first seed). */
function readdirSeed(): string {
  const dir = path.join(SHARED, 'seeds');
  return path.join(dir, readdirSync(dir).find((f) => f.startsWith('000_'))!);
}

export function benchHeap(): void {
  try {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/heap.ts')], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const line = out.trim().split('\n').at(-1)!;
    const r = JSON.parse(line) as { heapMb: number; dataMb: number; sites: number; entries: number };
    console.log(
      `heap: the knowledge base and ${r.sites} site declarations (${r.entries.toLocaleString('en')} declared cookies) take ${r.dataMb.toFixed(1)} MB ` +
        `after GC; the whole Node heap is then ${r.heapMb.toFixed(1)} MB (Node and tsx included)`,
    );
    record('engine.heap_mb', r.dataMb);
    record('engine.heap_process_mb', r.heapMb);
  } catch (err) {
    console.log(`heap: not measured (${(err as Error).message.split('\n')[0]})`);
    record('engine.heap_mb', null, 'child process failed');
    record('engine.heap_process_mb', null, 'child process failed');
  }
}
