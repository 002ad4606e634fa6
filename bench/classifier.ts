/**
 * How the knowledge base and the name classifier judge cookies they have not been told about, on
 * CookieBlock's labelled crawl, part A (../shared/data/cookieblock/; part B is the held-out evaluation set
 * and is never read here). Labels are the purposes the sites' own consent platforms declared.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decide } from '../lib/enforce/decide';
import { loadKnowledge, ROOT } from '../scripts/knowledge-node';
import type { Purpose } from '../lib/types';

const LABELS: Purpose[] = ['essential', 'functional', 'analytics', 'advertising'];

interface CrawlRecord {
  name: string;
  domain: string;
  label: number;
}

export function benchClassifier(): void {
  const file = path.resolve(ROOT, '../shared/data/cookieblock/example_crawl_part_a.json');
  const records = Object.values(JSON.parse(readFileSync(file, 'utf8')) as Record<string, CrawlRecord>);
  const knowledge = loadKnowledge();
  let answered = 0;
  let right = 0;
  let removedEssential = 0;
  const byBasis = new Map<string, { n: number; right: number }>();
  for (const r of records) {
    const want = LABELS[r.label];
    const v = decide({ name: r.name, domain: r.domain, policy: 'pending', declaration: null, choice: 'essential-only', knowledge });
    const b = byBasis.get(v.basis) ?? { n: 0, right: 0 };
    b.n++;
    if (v.purpose !== 'unknown') {
      answered++;
      if (v.purpose === want) {
        right++;
        b.right++;
      }
    }
    if (want === 'essential' && v.action === 'remove') removedEssential++;
    byBasis.set(v.basis, b);
  }
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(b, 1)).toFixed(1)} %`;
  console.log(`${records.length} cookies from CookieBlock's crawl (part A), judged with no declaration:`);
  console.log(`  answered       ${pct(answered, records.length)} (the rest: unknown, kept)`);
  console.log(`  right, of answered  ${pct(right, answered)}`);
  console.log(`  essential cookies removed under "essential only": ${removedEssential} (${pct(removedEssential, records.filter((r) => r.label === 0).length)} of the essential ones)`);
  for (const [basis, b] of byBasis) console.log(`  by ${basis.padEnd(13)} ${String(b.n).padStart(5)} cookies, ${pct(b.right, b.n)} right`);
}
