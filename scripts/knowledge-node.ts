/**
 * Node-only: load the knowledge data shipped in data/ (the Open Cookie Database, CookieBlock's known cookies and
 * name patterns) and build the knowledge index from it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import {
  buildCookieBlockIndex,
  buildKnowledgeIndex,
  KnowledgeBase,
  type CookieBlockKnownJson,
  type KnowledgeIndexData,
  type OcdJson,
} from '../lib/cookies/knowledge';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OCD_JSON = path.join(ROOT, 'data/open-cookie-database/open-cookie-database.json');
export const COOKIEBLOCK_KNOWN = path.join(ROOT, 'data/cookieblock/known_cookies.json');
export const COOKIEBLOCK_PATTERNS = path.join(ROOT, 'data/cookieblock/cookie_name_patterns.txt');

let cached: KnowledgeBase | null = null;

export function loadKnowledgeIndex(): KnowledgeIndexData {
  const ocd = buildKnowledgeIndex(JSON.parse(readFileSync(OCD_JSON, 'utf8')) as OcdJson);
  const cookieblock = buildCookieBlockIndex(
    JSON.parse(readFileSync(COOKIEBLOCK_KNOWN, 'utf8')) as CookieBlockKnownJson,
    readFileSync(COOKIEBLOCK_PATTERNS, 'utf8'),
  );
  return { ...ocd, ...cookieblock };
}

export function loadKnowledge(): KnowledgeBase {
  cached ??= new KnowledgeBase(loadKnowledgeIndex());
  return cached;
}
