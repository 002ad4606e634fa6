/** Issue 13: the site's own class decides the purpose, wherever the site states it. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { classOfLeadIn, classesOfCategory } from './purpose';

const read = (text: string, hint?: 'markdown') => readDocument(text, { url: 'https://x.test/cookies', hint });
const TABLE = `| Name | Description | Lifetime |\n| - | - | - |\n| ui_lang | Stores your language preference. | Session |\n| tz_code | Stores your time zone. | Session |\n`;

describe('the class stated in the sentence that introduces a table', () => {
  it('"These essential cookies …" makes every row essential, whatever its text suggests', () => {
    const d = read(`# Cookies\n\nOur portal uses cookies. These essential cookies keep it working. The table lists them.\n\n${TABLE}`, 'markdown');
    expect(d.cookies.map((c) => c.purpose)).toEqual(['essential', 'essential']);
  });

  it('a lead-in naming several classes, or a negated one, names none', () => {
    expect(classOfLeadIn(['We use essential cookies and analytics cookies.'])).toBeNull();
    expect(classOfLeadIn(['We use no marketing cookies. Here they are.'])).toBeNull();
    expect(classOfLeadIn(['We use strictly necessary, analytics and marketing cookies, as listed below.'])).toBeNull();
    expect(classOfLeadIn(['Only necessary and essential cookies are set.'])).toMatchObject({ purpose: 'essential' });
    expect(classOfLeadIn(['Nous utilisons les cookies analytiques suivants :'])).toMatchObject({ purpose: 'analytics' });
    const d = read(`# Cookies\n\nWe use essential cookies and analytics cookies on this site; the table below lists them all.\n\n${TABLE}`, 'markdown');
    expect(d.cookies.map((c) => c.purpose)).toEqual(['functional', 'functional']);
  });
});

describe('a label that joins two classes', () => {
  it('lets each cookie\'s text pick between them', () => {
    expect(classesOfCategory('Necessary and functional cookies')).toEqual(['essential', 'functional']);
    expect(classesOfCategory('Strictly necessary (functional)')).toBeNull();
    expect(classesOfCategory('Analytics & performance cookies')).toBeNull();
    const d = read(
      `<h3>Cookies nécessaires et de fonctionnalité</h3><table><tr><th>Nom</th><th>Finalité</th></tr>
       <tr><td>cc_ok</td><td>retenir que vous avez accepté les cookies</td></tr><tr><td>skin</td><td>sauver le thème choisi</td></tr>
       <tr><td>misc_x</td><td>divers</td></tr></table>`,
    );
    expect(d.cookies.map((c) => [c.name, c.purpose])).toEqual([['cc_ok', 'essential'], ['skin', 'functional'], ['misc_x', 'essential']]);
  });
});

describe('a category column that joins two classes', () => {
  it('"Performance and functionality" names no single purpose; the text picks one of the two', () => {
    const d = read(`<table><tr><th>Name</th><th>Category</th><th>Purpose</th></tr>
      <tr><td>pf_a</td><td>Performance and functionality</td><td>Counts page views</td></tr>
      <tr><td>pf_b</td><td>Performance and functionality</td><td>Remembers your language</td></tr>
      <tr><td>pf_c</td><td>Performance and functionality</td><td>Keeps you signed in</td></tr></table>`);
    expect(d.cookies.map((c) => [c.name, c.purpose])).toEqual([['pf_a', 'analytics'], ['pf_b', 'functional'], ['pf_c', 'analytics']]);
  });
});

describe('Markdown with HTML tables in it', () => {
  it('is read as Markdown: its bold category lines still head the tables', () => {
    const d = read(
      `### Cookies\n\nText.\n\n### Liste\n\n__Des cookies analytiques__\n\n<table>\n  <thead><tr><th>Nom du cookie</th><th>But</th></tr></thead>\n  <tbody><tr><td>_stat</td><td>compter</td></tr></tbody>\n</table>\n`,
    );
    expect(d.cookies.map((c) => [c.name, c.purpose, c.purposeAsWritten])).toEqual([['_stat', 'analytics', 'Des cookies analytiques']]);
  });
});
