import { KnowledgeBase, type KnowledgeIndexData } from '@/lib/cookies/knowledge';
// Generated from data/ by the local WXT module modules/knowledge.ts.
import index from '#knowledge';

export function loadKnowledge(): KnowledgeBase {
  return new KnowledgeBase(index as unknown as KnowledgeIndexData);
}
