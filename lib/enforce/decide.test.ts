/**
 * The decision's precedence, as the README defines it, on real knowledge (the Open Cookie Database) and a
 * real declaration (seed 002, Kopano).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { allowedBy, CompiledDeclaration, decide } from './decide';
import { readDocument } from '../policy/read';
import { loadKnowledge } from '../../scripts/knowledge-node';
import { CHOICES, type Choice, type Purpose } from '../types';

const knowledge = loadKnowledge();
const kopano = new CompiledDeclaration(
  readDocument(readFileSync(path.resolve(__dirname, '../../../shared/seeds/002_815192a8c65a0b45.txt'), 'utf8'), {
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
    expect(judge('_fbp')).toMatchObject({ purpose: 'advertising', basis: 'knowledge', action: 'remove', breaches: ['undeclared'] });
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
    const v = decide({ name: '_fbp', domain: 'kopano.test', policy: 'pending', declaration: null, choice: 'essential-only', knowledge });
    expect(v).toMatchObject({ action: 'remove', breaches: [] });
  });

  it('with no policy at all, only non-essential cookies count as undeclared', () => {
    const none = (name: string) => decide({ name, domain: 'x.test', policy: 'none', declaration: null, choice: 'essential-only', knowledge });
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
