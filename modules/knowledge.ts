/**
 * A local WXT module: compiles the knowledge data in data/ (the Open Cookie Database) into the compact index
 * the extension ships, at `wxt prepare` / `wxt build` / `wxt` / `wxt zip` time, and exposes it as `#knowledge`
 * (the way WXT's i18n module generates its files). Every plain WXT command works from a fresh clone.
 */
import path from 'node:path';
import { addAlias, defineWxtModule } from 'wxt/modules';
import { loadKnowledgeIndex } from '../scripts/knowledge-node';

export default defineWxtModule({
  name: 'cookie-warden-knowledge',
  setup(wxt) {
    const out = path.resolve(wxt.config.wxtDir, 'knowledge/index.json');
    wxt.hooks.hook('prepare:types', (_wxt, entries) => {
      entries.push({ path: out, text: JSON.stringify(loadKnowledgeIndex()) });
    });
    addAlias(wxt, '#knowledge', out);
  },
});
