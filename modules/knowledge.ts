/**
 * A local WXT module: compiles the knowledge data in data/ (the Open Cookie Database) into the compact index
 * the extension ships, at `wxt prepare` / `wxt build` / `wxt` / `wxt zip` time, and exposes it as `#knowledge`
 * (the way WXT's i18n module generates its files). Every plain WXT command works from a fresh clone.
 */
import path from 'node:path';
import { addAlias, defineWxtModule } from 'wxt/modules';
import { loadKnowledgeIndex } from '../scripts/knowledge-node';
import { guardSampleNames, KEEP_SYMBOL, wellKnownTrackingNames } from '../lib/enforce/guard';

export default defineWxtModule({
  name: 'cookie-warden-knowledge',
  setup(wxt) {
    const out = path.resolve(wxt.config.wxtDir, 'knowledge/index.json');
    // The few names the cookie guard refuses without a declaration, built into the page script (issue 11).
    const names = path.resolve(wxt.config.wxtDir, 'knowledge/tracking-names.json');
    wxt.hooks.hook('prepare:types', (_wxt, entries) => {
      const index = loadKnowledgeIndex();
      entries.push({ path: out, text: JSON.stringify(index) });
      entries.push({ path: names, text: JSON.stringify(wellKnownTrackingNames(index)) });
    });
    addAlias(wxt, '#knowledge', out);
    addAlias(wxt, '#tracking-names', names);
    // Chromium registers main-world scripts from files only (no inline data): one tiny file per built-in
    // name says "this site keeps it"; registered before the guard for the sites that keep some of them
    // (entrypoints/background/enforce-chromium.ts), they tell the guard before the page's first line.
    wxt.hooks.hook('build:publicAssets', (_wxt, files) => {
      if (wxt.config.browser === 'firefox') return;
      const count = guardSampleNames(wellKnownTrackingNames(loadKnowledgeIndex())).length;
      for (let i = 0; i < count; i++) {
        files.push({
          relativeDest: `guard-keep/${i}.js`,
          contents: `(globalThis[Symbol.for(${JSON.stringify(KEEP_SYMBOL)})] ??= []).push(${i});\n`,
        });
      }
    });
  },
});
