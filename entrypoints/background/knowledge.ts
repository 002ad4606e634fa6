import { KnowledgeBase, type KnowledgeIndexData } from '@/lib/cookies/knowledge';
// Built from data/open-cookie-database by scripts/build-knowledge.ts (npm run build:kb).
import index from '@/data/generated/knowledge.json';

export function loadKnowledge(): KnowledgeBase {
  return new KnowledgeBase(index as unknown as KnowledgeIndexData);
}
