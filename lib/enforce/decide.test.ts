/**
 * The decision's precedence, as the README defines it, on real knowledge (the Open Cookie Database) and a
 * real declaration (seed 002, Kopano).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allowedBy, CompiledDeclaration, decide } from './decide';
import { readDocument } from '../policy/read/read';
import { loadKnowledge } from '../../scripts/knowledge-node';
import { CHOICES, type Choice, type Purpose } from '../types';
import { SHARED } from '../../tests/support/corpus';

const knowledge = loadKnowledge();
const kopano = new CompiledDeclaration(
  readDocument(readFileSync(path.join(SHARED, 'seeds/002_815192a8c65a0b45.txt'), 'utf8'), {
    url: 'https://kopano.test/privacy-cookie-policy',
    knowledge,
    hint: 'text',
  }),
);

const judge = (name: string, choice: Choice = 'essential-only', domain = 'kopano.test') =>
  decide({ name, domain, policy: 'found', declaration: kopano, choice, knowledge });

describe('allowedBy', () => {
  const table: Record<Purpose, Record<Choice, boolean>> = {
    essential: { 'essential-only': true, 'essential-functional': true, 'allow-all': true },
    unknown: { 'essential-only': true, 'essential-functional': true, 'allow-all': true },
    functional: { 'essential-only': false, 'essential-functional': true, 'allow-all': true },
    analytics: { 'essential-only': false, 'essential-functional': false, 'allow-all': true },
    advertising: { 'essential-only': false, 'essential-functional': false, 'allow-all': true },
  };
  for (const [purpose, row] of Object.entries(table)) {
    for (const choice of CHOICES) {
      it(`${purpose} under ${choice}: ${row[choice] ? 'kept' : 'removed'}`, () => {
        expect(allowedBy(choice, purpose as Purpose)).toBe(row[choice]);
      });
    }
  }
});

describe('decide', () => {
  it('keeps what the site declares essential', () => {
    const v = judge('PHPSESSID');
    expect(v).toMatchObject({ purpose: 'essential', basis: 'declaration', action: 'keep', breaches: [] });
  });

  it('removes what the site declares non-essential, whatever the knowledge base says', () => {
    // YSC is "Functional" (so essential) in the Open Cookie Database, but Kopano declares it Commercial.
    expect(knowledge.lookup('YSC')?.purpose).toBe('essential');
    expect(judge('YSC', 'essential-only', 'youtube.test')).toMatchObject({ purpose: 'advertising', action: 'remove' });
    expect(judge('YSC', 'allow-all', 'youtube.test')).toMatchObject({ action: 'keep' });
  });

  it('matches declared patterns', () => {
    expect(judge('_pk_id.1.a1b2')).toMatchObject({ purpose: 'analytics', basis: 'declaration', action: 'remove' });
    expect(judge('cookielawinfo-checkbox-necessary')).toMatchObject({ purpose: 'essential', action: 'keep' });
  });

  it('flags a cookie declared essential that is known as tracking, and keeps it', () => {
    const declaration = new CompiledDeclaration(
      readDocument('<table><tr><th>Name</th><th>Category</th></tr><tr><td>_ga</td><td>Strictly necessary</td></tr></table>', {
        url: 'https://x.test/cookies',
      }),
    );
    const v = decide({ name: '_ga', domain: 'x.test', policy: 'found', declaration, choice: 'essential-only', knowledge });
    expect(v.action).toBe('keep');
    expect(v.flag).toMatch(/known as analytics/);
  });

  it('judges an undeclared cookie by the knowledge base and reports it as undeclared', () => {
    expect(judge('_fbp', 'allow-all')).toMatchObject({ purpose: 'advertising', basis: 'knowledge', action: 'keep', breaches: ['undeclared'] });
  });

  it('falls back to the name classifier, and keeps unknown cookies', () => {
    expect(judge('my_csrf_token')).toMatchObject({ purpose: 'essential', basis: 'classifier', action: 'keep' });
    expect(judge('zq9')).toMatchObject({ purpose: 'unknown', basis: 'none', action: 'keep' });
  });

  it('keeps a cookie when the knowledge base and the classifier disagree', () => {
    // Google's `SID` is "Marketing" in the Open Cookie Database, but it is the Google login: the name says session.
    expect(knowledge.lookup('SID')?.purpose).toBe('advertising');
    const v = decide({ name: 'SID', domain: '.google.test', policy: 'found', declaration: null, choice: 'essential-only', knowledge });
    expect(v).toMatchObject({ purpose: 'unknown', basis: 'disagreement', action: 'keep' });
    expect(v.flag).toMatch(/advertising.*essential/);
  });

  it('does not call a cookie undeclared before the policy is known', () => {
    const v = decide({ name: '_fbp', domain: 'kopano.test', policy: 'pending', declaration: null, choice: 'allow-all', knowledge });
    expect(v).toMatchObject({ action: 'keep', breaches: [] });
  });

  it('with no policy at all, only non-essential cookies count as undeclared', () => {
    const none = (name: string) => decide({ name, domain: 'x.test', policy: 'none', declaration: null, choice: 'allow-all', knowledge });
    expect(none('PHPSESSID').breaches).toEqual([]);
    expect(none('_fbp').breaches).toEqual(['undeclared']);
  });

  it('never removes an essential or unknown cookie under any choice', () => {
    for (const choice of CHOICES) {
      for (const name of ['PHPSESSID', 'session', 'csrf_token', 'XSRF-TOKEN', 'cookielawinfo-checkbox-necessary', 'zq9']) {
        const v = decide({ name, domain: 'kopano.test', policy: 'found', declaration: kopano, choice, knowledge });
        expect(v.action, `${name} under ${choice}`).toBe('keep');
      }
    }
  });
});

describe('a cookie declared without a purpose', () => {
  it('counts as declared and is judged by what we know', () => {
    // Kopano lists test_cookie under "Not required" with no description.
    const v = judge('test_cookie');
    expect(v.declared?.name).toBe('test_cookie');
    expect(v.breaches).toEqual([]);
    expect(v.basis).not.toBe('declaration');
    expect(v.flag).not.toBeNull();
  });
});

/** Issue 10: each kind of breach exactly where it applies, and nowhere else. */
describe('breaches of the site\'s own policy', () => {
  const policy = new CompiledDeclaration(
    readDocument(
      `<h2>Strictly necessary</h2><table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
       <tr><td>sid</td><td>Keeps you signed in</td><td>Session</td></tr>
       <tr><td>prefs</td><td>Remembers your settings</td><td>7 days</td></tr>
       <tr><td>_ga</td><td>Load balancing</td><td>2 years</td></tr></table>
       <h2>Analytics</h2><table><tr><th>Name</th><th>Provider</th><th>Duration</th></tr>
       <tr><td>_pk_id.*</td><td>Matomo</td><td>13 months</td></tr>
       <tr><td>vuid</td><td>vimeo.com</td><td>2 years</td></tr></table>`,
      { url: 'https://shop.test/cookies', knowledge },
    ),
    knowledge,
  );
  const now = Date.UTC(2026, 11, 1);
  const DAY = 86_400;
  const at = (days: number) => now / 1000 + days * DAY;
  const judgeObserved = (
    name: string,
    o: { domain?: string; days?: number; thirdParty?: boolean; choice?: Choice; toldNo?: boolean } = {},
  ) =>
    decide({
      name,
      domain: o.domain ?? 'shop.test',
      policy: 'found',
      declaration: policy,
      choice: o.choice ?? 'allow-all',
      knowledge,
      observed: { session: o.days === undefined, expirationDate: o.days === undefined ? undefined : at(o.days), now, thirdParty: o.thirdParty ?? false },
      toldNo: o.toldNo ?? false,
    });

  it('control: what the policy declares, as it declares it, breaks nothing', () => {
    expect(judgeObserved('sid').breaches).toEqual([]);
    expect(judgeObserved('prefs', { days: 7 }).breaches).toEqual([]);
    expect(judgeObserved('_pk_id.1.ab', { days: 395 }).breaches).toEqual([]);
    // A third party the policy names (vimeo.com declared as a cookie's provider domain).
    expect(judgeObserved('vuid', { domain: 'vimeo.com', days: 700, thirdParty: true }).breaches).toEqual([]);
  });

  it('undeclared', () => {
    expect(judgeObserved('zq_state').breaches).toEqual(['undeclared']);
  });

  it('wrong purpose: declared essential, known as analytics; kept, with both sides in the note', () => {
    const v = judgeObserved('_ga', { days: 700, choice: 'essential-only' });
    expect(v.breaches).toEqual(['wrong-purpose']);
    expect(v.action).toBe('keep');
    expect(v.notes['wrong-purpose']).toMatch(/Strictly necessary.*analytics/);
  });

  it('lifetime: more than half again and at least a day longer, or persistent where a session was declared', () => {
    expect(judgeObserved('prefs', { days: 10 }).breaches).toEqual([]); // 10 ≤ 7 × 1.5
    expect(judgeObserved('prefs', { days: 11 }).breaches).toEqual(['lifetime']);
    expect(judgeObserved('sid', { days: 1 }).breaches).toEqual(['lifetime']);
    expect(judgeObserved('sid', { days: 1 }).notes.lifetime).toMatch(/session/);
    expect(judgeObserved('_pk_id.1.ab', { days: 3650 }).breaches).toEqual(['lifetime']);
  });

  it('despite refusal: tracking cookies after DNT / GPC or a refusing choice, not essential ones', () => {
    expect(judgeObserved('_pk_id.1.ab', { days: 395, toldNo: true }).breaches).toEqual(['despite-refusal']);
    expect(judgeObserved('_pk_id.1.ab', { days: 395, choice: 'essential-functional' }).breaches).toEqual(['despite-refusal']);
    expect(judgeObserved('sid', { toldNo: true, choice: 'essential-only' }).breaches).toEqual([]);
    expect(judgeObserved('prefs', { days: 7, choice: 'essential-only', toldNo: true }).breaches).toEqual([]);
  });

  it('undisclosed third party: a third-party cookie from a domain the policy names nowhere', () => {
    const v = judgeObserved('IDE', { domain: 'doubleclick.net', days: 390, thirdParty: true });
    expect(v.breaches).toEqual(['undeclared', 'undisclosed-third-party']);
    expect(v.notes['undisclosed-third-party']).toMatch(/doubleclick\.net/);
    // A first-party cookie never is.
    expect(judgeObserved('zq_state').breaches).not.toContain('undisclosed-third-party');
  });
});

describe('lifetimes in words', () => {
  it('reads as a person would say it', async () => {
    const { describeSeconds } = await import('../cookies/breaches');
    expect(describeSeconds(0)).toBe('for the session');
    expect(describeSeconds(30 * 86_400)).toBe('30 days');
    expect(describeSeconds(400 * 86_400)).toBe('13.3 months');
    expect(describeSeconds(2 * 365 * 86_400)).toBe('2 years');
    expect(describeSeconds(7200)).toBe('2 hours');
  });
});
