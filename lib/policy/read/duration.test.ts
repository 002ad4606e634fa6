import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseDuration } from './duration';

const MIN = 60;
const HOUR = 3600;
const DAY = 86400;
const MONTH = 30 * DAY;
const YEAR = 365 * DAY;

describe('parseDuration', () => {
  it.each<[string, number]>([
    // en
    ['2 years', 2 * YEAR],
    ['30 days', 30 * DAY],
    ['24 hours', 24 * HOUR],
    ['6 months', 6 * MONTH],
    ['1 minute', MIN],
    ['10 seconds', 10],
    ['1 year 1 month', YEAR + MONTH],
    ['one year', YEAR],
    ['two years', 2 * YEAR],
    ['a year', YEAR],
    ['400 days', 400 * DAY],
    ['1y', YEAR],
    ['30d', 30 * DAY],
    ['Expires in: 1 year', YEAR],
    ['Persistent - 1 year', YEAR],
    ['1 to 2 years', 2 * YEAR],
    ['1-2 years', 2 * YEAR],
    ['6 months to 2 years', 2 * YEAR],
    ['Session or 1 year', YEAR],
    ['2 weeks', 14 * DAY],
    ['1.5 years', Math.round(1.5 * YEAR)],
    ['11 months 29 days 23 hours 59 minutes', 11 * MONTH + 29 * DAY + 23 * HOUR + 59 * MIN],
    ['1 years  30 days', YEAR + 30 * DAY],
    // Cookiebot expiry column
    ['1 year', YEAR],
    ['1 day', DAY],
    ['29 days', 29 * DAY],
    ['219 days', 219 * DAY],
    ['95752 months', 95752 * MONTH],
    // fr
    ['13 mois', 13 * MONTH],
    ['2 ans', 2 * YEAR],
    ['un an', YEAR],
    ['1 an et 6 mois', YEAR + 6 * MONTH],
    ['1 à 2 ans', 2 * YEAR],
    ['30 j', 30 * DAY],
    // de
    ['1 Jahr', YEAR],
    ['1 Tag', DAY],
    ['3 Monate', 3 * MONTH],
    ['zwei Jahre', 2 * YEAR],
    ['1,5 Jahre', Math.round(1.5 * YEAR)],
    ['nach 14 Tagen', 14 * DAY],
    // es
    ['1 año', YEAR],
    ['1 mes', MONTH],
    ['un año', YEAR],
    ['de 1 a 2 años', 2 * YEAR],
    ['2 años y 6 meses', 2 * YEAR + 6 * MONTH],
    // cy
    ['1 flwyddyn', YEAR],
    ['2 flynedd', 2 * YEAR],
    ['1 diwrnod', DAY],
    ['30 diwrnod', 30 * DAY],
    ['dwy flynedd', 2 * YEAR],
    // nl
    ['1 jaar', YEAR],
    ['30 dagen', 30 * DAY],
    // it
    ['1 anno', YEAR],
    ['30 giorni', 30 * DAY],
    ['1 anno e 6 mesi', YEAR + 6 * MONTH],
    // ISO 8601
    ['P1Y', YEAR],
    ['P30D', 30 * DAY],
    ['PT2H30M', 2 * HOUR + 30 * MIN],
  ])('%s', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ seconds });
  });

  it.each([
    'Session',
    'session',
    'Sesión',
    'Session cookie',
    'when you close your browser',
    'at the end of the session',
    'Sessione',
    'sessie',
    'Sitzung',
    'Fin de session',
    'Sesiwn',
    'Sitzungsende',
    'bis zum Schließen des Browsers',
  ])('%s is a session cookie', (text) => {
    expect(parseDuration(text)).toEqual({ seconds: 0 });
  });

  it.each(['persistent', 'Persistent', 'Permanent', 'dauerhaft'])('%s has no length, with a warning', (text) => {
    const r = parseDuration(text);
    expect(r.seconds).toBeNull();
    expect(r.warning).toMatch(/persistent/);
  });

  it.each(['', '   ', 'until you log out', '365', '30 m', 'banana', '1,000 days'])('%j is not understood', (text) => {
    const r = parseDuration(text);
    expect(r.seconds).toBeNull();
    expect(r.warning).toBeTruthy();
  });

  it('does not mistake words for figures', () => {
    expect(parseDuration('data year').seconds).toBeNull();
    expect(parseDuration('une session').seconds).toBe(0);
  });

  it('reads only the first 200 characters', () => {
    expect(parseDuration('x'.repeat(250) + ' 2 years').seconds).toBeNull();
    expect(parseDuration('1 year ' + 'x'.repeat(1_000_000)).seconds).toBe(YEAR);
  });

  it('never throws and returns a finite duration or null', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const r = parseDuration(s);
        return r.seconds === null ? typeof r.warning === 'string' : Number.isFinite(r.seconds) && r.seconds >= 0;
      }),
    );
    expect(parseDuration('999999999 years').seconds).toBe(999999999 * YEAR);
    expect(parseDuration(undefined as unknown as string).seconds).toBeNull();
  });
});
