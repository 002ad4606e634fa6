import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compileName, globMatch, matchesName, PatternIndex, translateRegex } from './pattern';

describe('compileName', () => {
  it.each([
    ['_ga', 'exact', '_ga'],
    ['_pk_id.*', 'prefix', '_pk_id.'],
    ['_ga_<container-id>', 'prefix', '_ga_'],
    ['_ga_*', 'prefix', '_ga_'],
    ['_ga_XXXXXXX', 'prefix', '_ga_'],
    ['SESS#', 'prefix', 'SESS'],
    ['{HASH}', null, null],
    ['wp-settings-{id}', 'prefix', 'wp-settings-'],
    ['ga_[random number]', 'prefix', 'ga_'],
    ['xxxx', null, null],
    ['Ckln*', 'prefix', 'Ckln'],
    ['cookielawinfo-checkbox-*', 'prefix', 'cookielawinfo-checkbox-'],
    ['__Secure-xxxxx', 'prefix', '__Secure-'],
    ['UZ_TI_S_{id}', 'prefix', 'UZ_TI_S_'],
    ['{site}usr', 'glob', '*usr'],
    ['_BEAMER_FIRST_VISIT_{product ID}', 'prefix', '_BEAMER_FIRST_VISIT_'],
    ['AMCV_###@AdobeOrg', 'glob', 'AMCV_*@AdobeOrg'],
    ['taxonomy', 'exact', 'taxonomy'],
    ['AMCVS_xxxxxAdobeOrg', 'glob', 'AMCVS_*AdobeOrg'],
    ['LPSID-nnnnnnnn', 'prefix', 'LPSID-'],
    ['connection', 'exact', 'connection'],
    ['_sp_xxxx.1fff', 'glob', '_sp_*.1fff'],
  ])('%s', (written, match, pattern) => {
    const p = compileName(written);
    if (match === null) expect(p).toBeNull();
    else expect(p).toEqual({ match, pattern });
  });

  it('refuses a 1 MB name', () => {
    expect(compileName('a'.repeat(1 << 20))).toBeNull();
  });
});

describe('matching', () => {
  it('matches declared patterns against observed names', () => {
    expect(matchesName(compileName('_pk_id.*')!, '_pk_id.1.a1b2')).toBe(true);
    expect(matchesName(compileName('_pk_id.*')!, '_pk_ses.1.a1b2')).toBe(false);
    expect(matchesName(compileName('{site}usr')!, 'sousr')).toBe(true);
    expect(matchesName(compileName('_ga')!, '_gat')).toBe(false);
  });

  it('globMatch agrees with a regex built from the same glob', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[ab*]{0,8}$/), fc.stringMatching(/^[ab]{0,10}$/), (glob, text) => {
        const re = new RegExp('^' + glob.replace(/\*/g, '.*') + '$');
        expect(globMatch(glob, text)).toBe(re.test(text));
      }),
    );
  });

  it('globMatch stays fast on adversarial input', () => {
    const glob = '*a'.repeat(100) + 'b';
    const text = 'a'.repeat(100_000);
    const t0 = performance.now();
    expect(globMatch(glob, text)).toBe(false);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('translateRegex', () => {
  it.each([
    ['^_gat(_.+)*$', [{ match: 'prefix', pattern: '_gat' }]],
    ['^_ga$', [{ match: 'exact', pattern: '_ga' }]],
    ['/^_pk_.*$/', [{ match: 'prefix', pattern: '_pk_' }]],
    ['^_hjSession_\\d+$', [{ match: 'prefix', pattern: '_hjSession_' }]],
    ['^(_ga|_gid)$', [{ match: 'exact', pattern: '_ga' }, { match: 'exact', pattern: '_gid' }]],
    ['^_pk_id\\.[0-9]+\\..+$', [{ match: 'glob', pattern: '_pk_id.*.*' }]],
  ])('%s', (source, expected) => {
    expect(translateRegex(source)).toEqual(expected);
  });

  it.each(['^(a(b|c))+$', '\\bfoo', '^a{2}$', ''])('%s is not simple', (source) => {
    expect(translateRegex(source)).toBeNull();
  });
});

describe('PatternIndex', () => {
  it('prefers exact, then the longest stem', () => {
    const idx = new PatternIndex<string>();
    idx.add(compileName('_ga*')!, 'short');
    idx.add(compileName('_ga_*')!, 'long');
    idx.add(compileName('_ga')!, 'exact');
    idx.freeze();
    expect(idx.get('_ga')).toBe('exact');
    expect(idx.get('_ga_ABC')).toBe('long');
    expect(idx.get('_gat')).toBe('short');
    expect(idx.get('x')).toBeUndefined();
  });

  it('answers as a scan of every pattern, longest first, would (frozen buckets by first characters)', () => {
    const pattern = fc.oneof(
      fc.stringMatching(/^[ab*]{1,4}$/).map((glob) => ({ match: 'glob' as const, pattern: glob })),
      fc.stringMatching(/^[ab]{1,3}$/).map((stem) => ({ match: 'prefix' as const, pattern: stem })),
      fc.stringMatching(/^[ab]{0,3}$/).map((name) => ({ match: 'exact' as const, pattern: name })),
    );
    fc.assert(
      fc.property(fc.array(pattern, { maxLength: 12 }), fc.array(fc.stringMatching(/^[ab]{0,5}$/), { maxLength: 8 }), (patterns, names) => {
        const idx = new PatternIndex<number>();
        patterns.forEach((p, i) => idx.add(p, i));
        const scan = new PatternIndex<number>();
        patterns.forEach((p, i) => scan.add(p, i));
        idx.freeze();
        // The unfrozen index scans every pattern; the order must be the frozen one, longest stem first.
        (scan as unknown as { variable: Array<{ p: { pattern: string } }> }).variable.sort((a, b) => b.p.pattern.length - a.p.pattern.length);
        for (const name of names) expect(idx.get(name)).toBe(scan.get(name));
      }),
    );
  });
});
