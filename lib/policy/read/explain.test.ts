import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readDocument } from './read';
import { explainNoCookies } from './explain';
import { loadKnowledge } from '../../../scripts/knowledge-node';
import { SHARED } from '../../../tests/support/corpus';

const knowledge = loadKnowledge();

describe('explainNoCookies', () => {
  it('says why a privacy policy gives no cookie: none named, the providers named, the cookie policy it points to', () => {
    // Seed 001: Syncronis's privacy policy, which points to its cookie policy.
    const text = readFileSync(path.join(SHARED, 'seeds/001_2584dbd11ad1f0e7.txt'), 'utf8');
    const d = readDocument(text, { url: 'https://syncronis.test/privacy', knowledge, hint: 'text' });
    expect(d.cookies).toHaveLength(0);
    const why = explainNoCookies(d, text.length, text);
    expect(why[0]).toBe('this document names no cookie');
    // As plain text it names its cookie policy without a link; as the demo site's page it links it.
    expect(why.join('\n')).toMatch(/refers to a cookie policy without linking it: “.*see our Cookie Policy/);
    const page = readDocument('<p>We use cookies. For details, see our <a href="/cookie-policy">Cookie Policy</a>.</p>'.repeat(5), { url: 'https://syncronis.test/privacy', knowledge });
    expect(explainNoCookies(page, 400).join('\n')).toMatch(/points to a cookie policy: https:\/\/syncronis\.test\/cookie-policy/);
  });

  it('warns on empty or near-empty input', () => {
    for (const text of ['', '<nav><a href="/">Home</a> · <a href="/about">About</a></nav>']) {
      const d = readDocument(text, { url: 'https://x.test/', knowledge });
      expect(explainNoCookies(d, text.replace(/<[^>]*>/g, '').trim().length)[0]).toMatch(/^empty or near-empty input/);
    }
  });

  it('says nothing when the document declares cookies', () => {
    const d = readDocument('<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>sid</td><td>Session</td></tr></table>', { url: 'https://x.test/', knowledge });
    expect(explainNoCookies(d, 500)).toEqual([]);
  });
});
