/** Issue 13: rows the document itself types as local or session storage are storage keys, not cookies. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { loadKnowledge } from '../../../scripts/knowledge-node';

const knowledge = loadKnowledge();

describe('storage keys are not cookies', () => {
  it('a table under a "Local Storage" heading', () => {
    const d = readDocument(
      `<h2>Essential cookies</h2><table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr><tr><td>sid</td><td>Session</td><td>Session</td></tr></table>
       <h2>Local Storage</h2><table><tr><th>Name</th><th>Purpose</th><th>Duration</th></tr><tr><td>theme_pref</td><td>Remembers your theme</td><td>Persistent</td></tr></table>`,
      { url: 'https://x.test/cookies', knowledge },
    );
    expect(d.cookies.map((c) => c.name)).toEqual(['sid']);
    expect(d.storage.map((s) => s.key)).toEqual(['theme_pref']);
  });

  it('a row whose lifetime column says localStorage', () => {
    const d = readDocument(
      `<table><tr><th>Nom</th><th>Finalité</th><th>Durée</th></tr>
       <tr><td>_session</td><td>Session</td><td>Session</td></tr>
       <tr><td>cc_prefs</td><td>Vos choix</td><td>localStorage</td></tr></table>`,
      { url: 'https://x.test/cookies', knowledge },
    );
    expect(d.cookies.map((c) => c.name)).toEqual(['_session']);
    expect(d.storage.map((s) => s.key)).toEqual(['cc_prefs']);
  });
});
