import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideFromProbabilities, judgeUndeclared, shippedModel, UndeclaredJudge, type UndeclaredInput } from './judge';
import { ClassifierModel, ModelError, type ModelJson } from './model';
import { loadKnowledge, ROOT } from '../../scripts/knowledge-node';

const MODEL_FILE = path.join(ROOT, 'data/classifier/model.json');
const kb = loadKnowledge();
const YEAR = 365 * 86400;

/** A cookie as a browser reports it on https://www.example.com/. */
function cookie(over: Partial<UndeclaredInput> & { name: string }): UndeclaredInput {
  return { domain: 'www.example.com', path: '/', site: 'https://www.example.com/', expiry: 0, httpOnly: false, secure: true, sameSite: 'lax', hostOnly: true, ...over };
}

describe('the shipped model', () => {
  it('loads from data/classifier/model.json, under 1 MB, as plain data', () => {
    expect(statSync(MODEL_FILE).size).toBeLessThanOrEqual(1 << 20);
    const json = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ModelJson;
    expect(json.kind).toBe('softmax-linear');
    const m = new ClassifierModel(json);
    expect(m.decision.threshold).toBeGreaterThan(0);
    expect(m.decision.cost[0]![3]).toBeGreaterThan(m.decision.cost[3]![0]!);
  });

  it('refuses a model trained for other features', () => {
    const json = JSON.parse(readFileSync(MODEL_FILE, 'utf8')) as ModelJson;
    expect(() => new ClassifierModel({ ...json, dense: json.dense + 1 })).toThrow(ModelError);
    expect(() => new ClassifierModel({ ...json, weights: json.weights.slice(0, 3) })).toThrow(/4 classes/);
    expect(() => new ClassifierModel({ ...json, kind: 'eval' as 'softmax-linear' })).toThrow(/unsupported/);
  });
});

describe('judgeUndeclared', () => {
  it('knows the well-known cookies', () => {
    const ga = judgeUndeclared(cookie({ name: '_ga', domain: '.example.com', hostOnly: false, expiry: 2 * YEAR, value: 'GA1.2.1234567890.1612345678' }), kb);
    expect(ga.purpose).toBe('analytics');
    expect(ga.confidence).toBeGreaterThan(0.8);
    expect(judgeUndeclared(cookie({ name: 'PHPSESSID', value: 'lfpsc155y5kyjl45fkf4vfbq', httpOnly: true }), kb).purpose).toBe('essential');
    expect(judgeUndeclared(cookie({ name: 'csrftoken', expiry: YEAR, value: 'Xk2b9QpV7rT1mN4cL8wZ3yH6jD0fG5sAe1uI2oP7' }), kb).purpose).toBe('essential');
    expect(judgeUndeclared(cookie({ name: '_fbp', domain: '.example.com', hostOnly: false, expiry: 90 * 86400, value: 'fb.1.1612345678901.1234567890' }), kb).purpose).toBe('advertising');
    expect(
      judgeUndeclared(cookie({ name: 'IDE', domain: '.doubleclick.net', hostOnly: false, expiry: 390 * 86400, httpOnly: true, sameSite: 'no_restriction', value: 'AHWqTUk3c2F0b2tlbi1tYWRlLXVwLXZhbHVl' }), kb).purpose,
    ).toBe('advertising');
  });

  it('says unknown, with a low confidence, for a name it cannot place', () => {
    // A made-up name from a third party, kept a year: as likely necessary as tracking, so no answer.
    const j = judgeUndeclared(cookie({ name: 'qzv_7kx', domain: '.foo-widgets.net', hostOnly: false, expiry: YEAR, value: 'b7' }), kb);
    expect(j).toMatchObject({ purpose: 'unknown', source: 'model' });
    expect(j.confidence).toBeLessThan(shippedModel().decision.threshold);
    // Made-up first-party names are never called tracking: a necessary cookie called tracking costs the most.
    for (const name of ['qzv_7kx', 'xj3kq', 'mwz_p9', 'frob_nicate']) {
      const first = judgeUndeclared(cookie({ name, expiry: 30 * 86400, value: 'b7' }), kb);
      expect(['essential', 'unknown']).toContain(first.purpose);
      expect(first.confidence).toBeLessThan(0.5);
    }
  });

  it('is deterministic: the same cookie gives the same answer, cached or not, whatever came before', () => {
    const c = cookie({ name: 'cart_ts', expiry: 14 * 86400, value: '1612345678' });
    const first = judgeUndeclared(c, kb);
    const fresh = new UndeclaredJudge(shippedModel(), kb);
    fresh.judge(cookie({ name: '_gid', expiry: 86400 }));
    expect(fresh.judge(c)).toEqual(first);
    expect(judgeUndeclared(c, kb)).toEqual(first);
  });

  it('judges several updates of one cookie together', () => {
    const j = new UndeclaredJudge(shippedModel(), kb);
    const up = { path: '/', expiry: 2 * YEAR, httpOnly: false, secure: false, sameSite: 'lax', hostOnly: false };
    const r = j.judgeUpdates('_ga', '.example.com', 'https://www.example.com/', [
      { ...up, value: 'GA1.2.1.1612345678' },
      { ...up, value: 'GA1.2.1.1612345999' },
    ]);
    expect(r.purpose).toBe('analytics');
  });
});

describe('decideFromProbabilities', () => {
  const rule = { cost: [[0, 1, 4, 4], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 0]], threshold: 0.5, overruleSites: 3 };

  it('pays more for calling a necessary cookie tracking', () => {
    // Most probable is advertising, but a fair chance of necessary makes "essential" the cheaper answer.
    expect(decideFromProbabilities([0.35, 0, 0.05, 0.6], rule, -1).purpose).toBe('unknown');
    expect(decideFromProbabilities([0.55, 0, 0.05, 0.4], rule, -1)).toEqual({ purpose: 'essential', confidence: 0.55, source: 'model' });
    expect(decideFromProbabilities([0.05, 0, 0.05, 0.9], rule, -1).purpose).toBe('advertising');
  });

  it('answers unknown below the threshold', () => {
    expect(decideFromProbabilities([0.1, 0.45, 0.25, 0.2], rule, -1)).toEqual({ purpose: 'unknown', confidence: 0.45, source: 'model' });
  });

  it('keeps (unknown) when the knowledge base disagrees on essential versus tracking, unless other sites back the model', () => {
    expect(decideFromProbabilities([0.1, 0, 0.1, 0.8], rule, 0)).toEqual({ purpose: 'unknown', confidence: 0.8, source: 'knowledge-base' });
    expect(decideFromProbabilities([0.8, 0, 0.2, 0], rule, 2)).toEqual({ purpose: 'unknown', confidence: 0.8, source: 'knowledge-base' });
    expect(decideFromProbabilities([0.02, 0, 0.03, 0.95], rule, 0).purpose).toBe('unknown');
    // 35 other sites declared it advertising: the model's answer stands against the knowledge base's "essential".
    expect(decideFromProbabilities([0.02, 0, 0.03, 0.95], rule, 0, [0, 0, 1, 35]).purpose).toBe('advertising');
    // two sites are not enough, nor a split vote
    expect(decideFromProbabilities([0.02, 0, 0.03, 0.95], rule, 0, [0, 0, 0, 2]).purpose).toBe('unknown');
    expect(decideFromProbabilities([0.02, 0, 0.03, 0.95], rule, 0, [3, 0, 0, 5]).purpose).toBe('unknown');
    // functional against essential is not that question
    expect(decideFromProbabilities([0.1, 0.8, 0.1, 0], rule, 0).purpose).toBe('functional');
  });

  it('answers what the knowledge base and a sure model agree on, whatever the cost says', () => {
    const cautious = { ...rule, cost: [[0, 1, 8, 8], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 0]] };
    // 11 % necessary makes "essential" the cheaper answer of the model alone (then unknown: below the threshold) …
    expect(decideFromProbabilities([0.11, 0.02, 0.86, 0.01], cautious, -1).purpose).toBe('unknown');
    // … but the knowledge base says analytics too.
    expect(decideFromProbabilities([0.11, 0.02, 0.86, 0.01], cautious, 2)).toEqual({ purpose: 'analytics', confidence: 0.86, source: 'model' });
    // Not when the model is less sure, nor when the knowledge base says something else.
    expect(decideFromProbabilities([0.25, 0.02, 0.72, 0.01], cautious, 2).purpose).toBe('unknown');
    expect(decideFromProbabilities([0.11, 0.02, 0.86, 0.01], cautious, 3).purpose).toBe('unknown');
  });
});
