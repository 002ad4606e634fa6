/** Issue 13: Swedish, Polish and Danish headings, column names, durations and purposes, on hand-made documents. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { parseDuration } from './duration';
import { purposeOfCategory } from './purpose';
import { roleOfHeader } from './columns';

const read = (html: string) => readDocument(html, { url: 'https://x.test/cookies' });
const YEAR = 365 * 86400;

describe('Swedish, Polish and Danish', () => {
  it('reads their durations', () => {
    expect(parseDuration('13 månader').seconds).toBe(13 * 30 * 86400);
    expect(parseDuration('2 år').seconds).toBe(2 * YEAR);
    expect(parseDuration('1 rok').seconds).toBe(YEAR);
    expect(parseDuration('2 lata').seconds).toBe(2 * YEAR);
    expect(parseDuration('30 dni').seconds).toBe(30 * 86400);
    expect(parseDuration('24 timer').seconds).toBe(86400);
    expect(parseDuration('Sesja').seconds).toBe(0);
    expect(parseDuration('sessionen').seconds).toBe(0);
  });

  it('reads their category labels, negations included', () => {
    expect(purposeOfCategory('Nödvändiga cookies')).toBe('essential');
    expect(purposeOfCategory('Niezbędne pliki cookie')).toBe('essential');
    expect(purposeOfCategory('Nødvendige cookies')).toBe('essential');
    expect(purposeOfCategory('Ikke nødvendige cookies')).toBeNull();
    expect(purposeOfCategory('Analytiske cookies')).toBe('analytics');
    expect(purposeOfCategory('Pliki cookie analityczne')).toBe('analytics');
    expect(purposeOfCategory('Marknadsföringscookies')).toBe('advertising');
    expect(purposeOfCategory('Funktionella cookies')).toBe('functional');
  });

  it('reads their column names', () => {
    expect(['Namn', 'Syfte', 'Lagringstid', 'Leverantör'].map((h) => roleOfHeader(h))).toEqual(['name', 'purpose', 'duration', 'provider']);
    expect(['Nazwa', 'Cel', 'Czas przechowywania', 'Dostawca'].map((h) => roleOfHeader(h))).toEqual(['name', 'purpose', 'duration', 'provider']);
    expect(['Navn', 'Formål', 'Udløb', 'Udbyder'].map((h) => roleOfHeader(h))).toEqual(['name', 'purpose', 'duration', 'provider']);
  });

  it('reads a Polish table under its category heading', () => {
    const d = read(`<h2>Pliki cookie analityczne</h2><table><tr><th>Nazwa</th><th>Cel</th><th>Czas przechowywania</th></tr>
      <tr><td>_stat_id</td><td>Liczy odwiedziny</td><td>2 lata</td></tr></table>`);
    expect(d.cookies.map((c) => [c.name, c.purpose, c.durationSeconds])).toEqual([['_stat_id', 'analytics', 2 * YEAR]]);
  });

  it('reads a Danish table with its own class column', () => {
    const d = read(`<table><tr><th>Navn</th><th>Kategori</th><th>Formål</th><th>Udløb</th></tr>
      <tr><td>sess_x</td><td>Nødvendige</td><td>Husker din login</td><td>Session</td></tr>
      <tr><td>mk_y</td><td>Markedsføring</td><td>Viser annoncer</td><td>1 år</td></tr></table>`);
    expect(d.cookies.map((c) => [c.name, c.purpose, c.durationSeconds])).toEqual([['sess_x', 'essential', 0], ['mk_y', 'advertising', YEAR]]);
  });
});
