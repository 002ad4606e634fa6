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

describe('rows typed as something other than a cookie', () => {
  it('a Type column: local / session storage and IndexedDB are keys; a pixel or an SDK is neither', () => {
    const d = readDocument(
      `<table><tr><th>Name</th><th>Type</th><th>Purpose</th></tr>
       <tr><td>px_ads</td><td>Pixel</td><td>Ads</td></tr><tr><td>app_kit</td><td>SDK</td><td>Ads</td></tr>
       <tr><td>ls_key</td><td>HTML Local Storage</td><td>x</td></tr><tr><td>ss_key</td><td>Session Storage</td><td>x</td></tr>
       <tr><td>db_key</td><td>IndexedDB</td><td>x</td></tr><tr><td>_real</td><td>HTTP Cookie</td><td>Ads</td></tr></table>`,
      { url: 'https://x.test/cookies', knowledge },
    );
    expect(d.cookies.map((c) => c.name)).toEqual(['_real']);
    expect(d.storage.map((s) => [s.key, s.storage])).toEqual([['ls_key', 'localStorage'], ['ss_key', 'sessionStorage'], ['db_key', 'unknown']]);
  });

  it('product and service names in the name column are not cookies, even one word long', () => {
    const d = readDocument(
      `<table><tr><th>Name</th><th>Provider</th><th>Purpose</th></tr>
       <tr><td>Cloud Messaging</td><td>Acme</td><td>Push</td></tr><tr><td>Crashreporter</td><td>Acme</td><td>Crashes</td></tr>
       <tr><td>Sign in with Acme</td><td>Acme</td><td>Login</td></tr><tr><td>_acme_id</td><td>Acme</td><td>Stats</td></tr></table>
       <table><tr><th>Name</th><th>Purpose</th></tr><tr><td>Notifier<br>Cloud Messaging</td><td>Push</td></tr></table>`,
      { url: 'https://x.test/cookies', knowledge },
    );
    expect(d.cookies.map((c) => c.name)).toEqual(['_acme_id']);
  });
});
