/**
 * A local WXT module: compiles the knowledge data in data/ (the Open Cookie Database) into the compact index
 * the extension ships, at `wxt prepare` / `wxt build` / `wxt` / `wxt zip` time, and exposes it as `#knowledge`
 * (the way WXT's i18n module generates its files). Every plain WXT command works from a fresh clone.
 */
import path from 'node:path';
import { addAlias, defineWxtModule } from 'wxt/modules';
import { loadKnowledgeIndex } from '../scripts/knowledge-node';
import { wellKnownTrackingNames } from '../lib/enforce/guard';

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
  },
});
