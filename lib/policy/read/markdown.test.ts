import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isDelimiterRow, markdownToHtml, pieces } from './markdown';

describe('large Markdown in pieces (issue 8)', () => {
  it('isDelimiterRow says what the pattern it replaces said', () => {
    const old = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)+\|?\s*$/;
    const line = fc.array(fc.constantFrom('|', '-', ':', ' ', '\t', 'a', '--', '---'), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(line, (l) => {
        expect(isDelimiterRow(l)).toBe(old.test(l) && l.includes('|'));
      }),
      { numRuns: 2000 },
    );
  });

  it('renders documents up to 256 KB whole, as before', () => {
    const md = '# Cookies\n\n| Name | Purpose |\n|---|---|\n| _ga | analytics |\n';
    expect(pieces(md)).toEqual([md]);
  });

  it('cuts a large table between rows, each piece with the header, and loses no row', () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `| ck_${i} | Counts visits | 1 year |`);
    const md = `## Analytics cookies\n\n| Name | Purpose | Duration |\n|---|---|---|\n${rows.join('\n')}\n`;
    const parts = pieces(md);
    expect(parts.length).toBeGreaterThan(5);
    for (const p of parts.slice(1)) expect(p.startsWith('| Name | Purpose | Duration |\n|---|---|---|\n')).toBe(true);
    const html = markdownToHtml(md);
    expect(html.match(/<td>ck_\d+<\/td>/g)!.length).toBe(20_000);
  });

  it('keeps a fenced code block whole when it can, and closes and reopens one it must cut', () => {
    const md = `Intro\n\n\`\`\`\n${'code line\n'.repeat(60_000)}\`\`\`\n\nAfter\n`;
    const parts = pieces(md);
    for (const p of parts) expect((p.match(/^```/gm) ?? []).length % 2).toBe(0);
  });
});
