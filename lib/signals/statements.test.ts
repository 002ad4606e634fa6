import { describe, expect, it } from 'vitest';
import { findStatements } from './statements';

describe('findStatements', () => {
  it.each([
    ["Some browsers send a \u201cDo Not Track\u201d signal. We currently don\u2019t respond to DNT signals, but you can use our consent banner.", 'ignored'],
    ['There is no industry standard for Do Not Track, so our site does not respond to it.', 'ignored'],
    ['We honor Do Not Track: when your browser sends it, we do not load analytics.', 'honored'],
    ['When we receive a DNT signal, we treat it as an opt-out of analytics.', 'honored'],
    ["Store 'do not track' signals", 'unspecified'],
    ['Cookies help us run the site.', 'unspecified'],
  ])('%s -> %s', (text, stance) => {
    expect(findStatements(text).dnt.stance).toBe(stance);
  });

  it('reads Global Privacy Control apart from DNT', () => {
    const s = findStatements('We honor Global Privacy Control (GPC) signals as a request to opt out of sale. We do not respond to Do Not Track.');
    expect(s.gpc.stance).toBe('honored');
    expect(s.dnt.stance).toBe('ignored');
    expect(s.dnt.sentence).toContain('Do Not Track');
  });

  it('bounds the sentence it keeps', () => {
    const s = findStatements(`We ignore Do Not Track ${'x'.repeat(10_000)}.`);
    expect(s.dnt.sentence!.length).toBeLessThanOrEqual(400);
  });
});
