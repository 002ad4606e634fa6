/** Node-only: load the Open Cookie Database shipped in data/ and build the knowledge index from it. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { buildKnowledgeIndex, KnowledgeBase, type KnowledgeIndexData, type OcdJson } from '../lib/cookies/knowledge';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OCD_JSON = path.join(ROOT, 'data/open-cookie-database/open-cookie-database.json');

let cached: KnowledgeBase | null = null;

export function loadKnowledgeIndex(): KnowledgeIndexData {
  return buildKnowledgeIndex(JSON.parse(readFileSync(OCD_JSON, 'utf8')) as OcdJson);
}

export function loadKnowledge(): KnowledgeBase {
  cached ??= new KnowledgeBase(loadKnowledgeIndex());
  return cached;
}
