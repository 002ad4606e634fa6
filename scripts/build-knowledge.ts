/**
 * Build step: compile the Open Cookie Database and CookieBlock's known cookies and name patterns into the compact index the extension ships
 * (data/generated/knowledge.json). Run by `npm run build` before WXT.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadKnowledgeIndex, ROOT } from './knowledge-node';

const out = path.join(ROOT, 'data/generated/knowledge.json');
const index = loadKnowledgeIndex();
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(index));
console.log(`knowledge index: ${index.entries.length} cookies from ${index.platforms.length} platforms, ${index.known?.length ?? 0} CookieBlock known cookies, ${index.namePatterns?.length ?? 0} name patterns -> ${path.relative(ROOT, out)}`);
