/**
 * The features of every cookie of CookieBlock's crawl (part A), every update, and of made-up names of awkward
 * shapes, digested: the feature code may be rewritten for speed, never changed in what it computes (the shipped
 * model's weights are tied to it). A change here that is meant must come with a retrained model (npm run train)
 * and a new digest.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dynamicFeatures, FeatureVector, nameShape, nameTokens, staticFeatures } from './features';
import { readCookieFile } from './crawl';
import { shippedModel } from './judge';
import { loadKnowledge } from '../../scripts/knowledge-node';
import { SHARED } from '../../tests/support/corpus';

const kb = loadKnowledge();

/** Names no crawl holds: the bench's made-up ones, variable parts, hex runs, non-ASCII, long and empty names. */
function madeUpNames(): string[] {
  const out: string[] = ['', '_', '__', '__Host-sid', '__Secure-3PSID', 'İstanbul_id', 'çookie_prefs', 'ß', 'Ωmega9', 'naïve-Pref'];
  for (let i = 0; i < 300; i++) out.push(`zz${i.toString(36)}_${(i * 7919) % 1000}`);
  out.push('abcdefabcdefabcdef', 'xABCDEFabcdefabcdef0', 'deadbeefdeadbeefcafe_x', 'a1b2c3d4e5f6a7b8c9d0', 'AMCV_0123456789ABCDEF01234567%40AdobeOrg');
  out.push('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', `${'Long_Name_'.repeat(9)}1234567`);
  out.push('ABCDefGHI', 'XMLHttpRequest_1', 'a.b-c_d', '123456', '12345', 'x12345', 'x123456', 'v2', 'wp-settings-time-1', '_ga_Q2W3E4R5T6');
  return out;
}

function digest(): { hash: string; vectors: number; tokens: string } {
  const cookies = readCookieFile(readFileSync(path.join(SHARED, 'data/cookieblock/example_crawl_part_a.json'), 'utf8'));
  const model = shippedModel();
  const h = createHash('sha256');
  const x = new FeatureVector();
  const d = new FeatureVector();
  let vectors = 0;
  const add = (v: FeatureVector) => {
    h.update(new Uint8Array(v.idx.buffer, 0, v.n * 4));
    h.update(new Uint8Array(v.val.buffer, 0, v.n * 8));
    h.update(String(v.n));
    vectors++;
  };
  for (const c of cookies) {
    const info = staticFeatures(c.name, c.domain, c.site, kb, model.table, model.buckets, x);
    add(x);
    h.update(`${info.known}:${info.others?.join(',') ?? '-'}`);
    staticFeatures(c.name, c.domain, c.site, kb, null, model.buckets, x, { knowledgeVerdicts: false });
    add(x);
    for (const u of c.updates) {
      d.clear();
      dynamicFeatures(u, d);
      add(d);
    }
  }
  const tokens: string[] = [];
  for (const name of madeUpNames()) {
    for (const [domain, site] of [['.bench.test', 'https://www.bench.test/'], ['ads.tracker.example', 'bench.test'], ['.doubleclick.net', 'https://news.example.co.uk/']]) {
      const info = staticFeatures(name, domain!, site!, kb, model.table, model.buckets, x);
      add(x);
      h.update(`${info.known}:${info.others?.join(',') ?? '-'}`);
    }
    tokens.push(`${nameTokens(name).join(' ')}|${nameShape(name)}`);
  }
  return { hash: h.digest('hex'), vectors, tokens: createHash('sha256').update(tokens.join('\n')).digest('hex') };
}

describe('features of the crawl', () => {
  it('are what they were when the shipped model was trained', () => {
    expect(digest()).toEqual({
      hash: '713234a2bd9caf79f09a92057239e2ed4ac937c703ce83b62cb5aa15962f107a',
      vectors: 10584,
      tokens: '8a72e8eede575e1cc80dd21b3e7e66b8967bf97a1ce506a5bd3aef8911e6c98e',
    });
  });
});
