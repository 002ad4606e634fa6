import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticesText, packageDirOf } from '../../modules/notices';
import { ROOT } from '../../scripts/knowledge-node';

describe('third-party notices', () => {
  it('finds the package a bundled module comes from (scoped, nested, virtual, query)', () => {
    expect(packageDirOf('/p/node_modules/react/cjs/react.production.js')).toBe('/p/node_modules/react');
    expect(packageDirOf('/p/node_modules/@wxt-dev/browser/src/index.mjs?v=1')).toBe('/p/node_modules/@wxt-dev/browser');
    expect(packageDirOf('\0/p/node_modules/a/node_modules/entities/lib/decode.js')).toBe('/p/node_modules/a/node_modules/entities');
    expect(packageDirOf('/p/lib/engine/warden.ts')).toBeNull();
  });

  it('lists our data first, then each package with its licence text, a missing file written out from package.json', () => {
    const dirs = ['react', 'webextension-polyfill', '@wxt-dev/browser', 'react'].map((p) => path.join(ROOT, 'node_modules', p));
    const text = noticesText(ROOT, dirs);
    expect(text.indexOf('Open Cookie Database')).toBeLessThan(text.indexOf('\nreact '));
    expect(text).toContain('Apache License');
    expect(text).toMatch(/\nreact \d+\.\d+\.\d+ .*\nLicence: MIT\n\nMIT License\n\nCopyright \(c\) Meta Platforms/);
    expect(text).toContain('Mozilla Public License Version 2.0');
    // @wxt-dev/browser ships no licence file: the MIT text with its author.
    expect(text).toMatch(/@wxt-dev\/browser [\d.]+[^\n]*\nLicence: MIT\n\nMIT License\n\nCopyright \(c\) \S/);
    expect(text.match(/\nreact \d/g)).toHaveLength(1);
  });
});
