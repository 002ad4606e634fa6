/** Issue 13: names as policies write them: placeholders, instances in parentheses, long names. */
import { describe, expect, it } from 'vitest';
import { readDocument } from './read';
import { splitNames } from './names';

const read = (text: string, hint?: 'markdown') => readDocument(text, { url: 'https://x.test/cookies', hint });

describe('names as written', () => {
  it('a Markdown placeholder in angle brackets stays part of the name (the renderer would take it for a tag)', () => {
    const d = read(`## Analytics cookies\n\n| Name | Purpose |\n|---|---|\n| _st_<ID> | Stats |\n| px\\_<ID> | Stats |\n| \`_cd_<ID>\` | Stats |\n| plain<br>other_x | Stats |\n`, 'markdown');
    expect(d.cookies.map((c) => [c.name, c.match, c.pattern])).toEqual([
      ['_st_<ID>', 'prefix', '_st_'],
      ['px_<ID>', 'prefix', 'px_'],
      ['_cd_<ID>', 'prefix', '_cd_'],
      ['plain', 'exact', 'plain'],
      ['other_x', 'exact', 'other_x'],
    ]);
  });

  it('a leading placeholder is a glob on the front', () => {
    const d = read(`<h2>Essential cookies</h2><table><tr><th>Name</th><th>Purpose</th></tr><tr><td>[Domain]_session</td><td>Session</td></tr><tr><td>{site}_csrf</td><td>Security</td></tr></table>`);
    expect(d.cookies.map((c) => [c.match, c.pattern])).toEqual([['glob', '*_session'], ['glob', '*_csrf']]);
  });

  it('instances listed in parentheses after a name are each declared; a note in parentheses is not', () => {
    expect(splitNames('_st (_st_154EKAB, _st_Q60S…)')).toEqual(['_st', '_st_154EKAB', '_st_Q60S*']);
    expect(splitNames('_st (Acme Analytics)')).toEqual(['_st']);
    expect(splitNames('_st (24 hours)')).toEqual(['_st']);
  });

  it('a name longer than 256 characters is kept (cookie names up to 4 KB are legal)', () => {
    const long = `AMP_${'a1B2c3D4'.repeat(40)}`;
    const d = read(`<table><tr><th>Name</th><th>Purpose</th></tr><tr><td>${long}</td><td>Stats</td></tr></table>`);
    expect(d.cookies.map((c) => c.name)).toEqual([long]);
  });
});

describe('the site\'s own class outranks words', () => {
  it('"Non-Essential" with a purpose that reads as security is not essential', () => {
    const d = read(`<table><tr><th>Name</th><th>Type</th><th>Purpose</th></tr>
      <tr><td>sec_x</td><td>Non-Essential</td><td>Security</td></tr><tr><td>ess_y</td><td>Essential</td><td>Security</td></tr>
      <tr><td>ads_z</td><td>Non-Essential</td><td>Shows relevant advertising</td></tr></table>`);
    expect(d.cookies.map((c) => [c.name, c.purpose, c.purposeAsWritten])).toEqual([
      ['sec_x', 'functional', 'Non-Essential'],
      ['ess_y', 'essential', 'Essential'],
      ['ads_z', 'advertising', 'Non-Essential'],
    ]);
  });
});
