/**
 * Run by bench/engine.ts as `node --expose-gc --import tsx bench/heap.ts`: the heap a worker needs with the
 * knowledge base and 1,000 site declarations loaded (the Warden's limit of sites it keeps). Declarations are
 * the corpus documents read for real, one copy per site (the worker parses each site's own cached policy).
 * Prints one JSON line: { heapMb, dataMb, sites, entries }.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Warden } from '../lib/engine/warden';
import { readDocument } from '../lib/policy/read/read';
import { DEFAULT_SETTINGS } from '../lib/storage/settings';
import { KnowledgeBase, type KnowledgeIndexData } from '../lib/cookies/knowledge';
import type { Declaration } from '../lib/types';
import type { SiteKey } from '../lib/site';
import { loadKnowledgeIndex, ROOT } from '../scripts/knowledge-node';
import { hintOf, SHARED } from '../tests/support/corpus';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');
const SITES = 1_000;

function settle(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

/** The corpus as declarations, serialised (what the cache stores), to be parsed once per site. */
function declarationsAsStored(): string[] {
  const indexForReading = new KnowledgeBase(loadKnowledgeIndex());
  const dir = path.join(SHARED, 'data/policies');
  return readdirSync(dir)
    .filter((f) => /^\d{3}-/.test(f) && statSync(path.join(dir, f)).isFile())
    .map((f) => {
      const file = path.join(dir, f);
      return JSON.stringify(readDocument(readFileSync(file, 'utf8'), { url: file, knowledge: indexForReading, hint: hintOf(file) }));
    });
}

const base = settle();
const stored = declarationsAsStored();
const before = settle();
// What the stored texts cost here (the worker holds them in storage, not in its heap): taken off below.
const storedCost = before - base;
// The worker loads the prebuilt index (the JSON the build bundles), then each site's cached declaration.
const built = path.join(ROOT, '.wxt/knowledge/index.json');
const index = existsSync(built) ? (JSON.parse(readFileSync(built, 'utf8')) as KnowledgeIndexData) : loadKnowledgeIndex();
const w = new Warden(new KnowledgeBase(index), { ...DEFAULT_SETTINGS, siteChoices: {} });
let entries = 0;
for (let i = 0; i < SITES; i++) {
  const d = JSON.parse(stored[i % stored.length]!) as Declaration;
  entries += d.cookies.length;
  w.setPolicy(`site${i}.test` as SiteKey, { status: 'found' }, d);
}
const after = settle();
if (stored.length === 0) throw new Error('no corpus');
// Keep the warden alive until after the measurement.
if (!w.knows('site0.test' as SiteKey)) throw new Error('lost a site');
console.log(JSON.stringify({ heapMb: (after - storedCost) / 1e6, dataMb: (after - before) / 1e6, sites: SITES, entries }));
