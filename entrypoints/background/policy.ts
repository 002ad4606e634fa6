/**
 * Finding and reading a site's policy: from the links a page shows, fetch the cookie policy (or the
 * privacy policy, then one hop to the cookie policy it links), read it, cache it.
 */
import type { KnowledgeBase } from '@/lib/cookies/knowledge';
import { fetchPolicy } from '@/lib/policy/fetch';
import { readDocument } from '@/lib/policy/read';
import type { PolicyLink, Declaration } from '@/lib/types';

export type PolicyOutcome =
  | { status: 'found'; declaration: Declaration }
  | { status: 'none'; reason: string }
  | { status: 'error'; reason: string };

const MAX_TRIES = 3;

export async function discoverPolicy(links: PolicyLink[], knowledge: KnowledgeBase): Promise<PolicyOutcome> {
  if (links.length === 0) return { status: 'none', reason: 'no policy link on the page' };
  const tried = new Set<string>();
  let lastError: string | null = null;
  const queue = [...links];
  while (queue.length > 0 && tried.size < MAX_TRIES) {
    const link = queue.shift()!;
    if (tried.has(link.url)) continue;
    tried.add(link.url);
    const result = await fetchPolicy(link.url, fetch);
    if (!result.ok) {
      lastError = `policy unavailable: ${result.reason}`;
      continue;
    }
    const fetchedAt = new Date().toISOString();
    const declaration = readDocument(result.text, { url: result.url, knowledge, fetchedAt });
    if (result.truncated) declaration.warnings.push('document cut at the size limit');
    if (declaration.cookies.length > 0 || declaration.storage.length > 0 || declaration.providers.length > 0) {
      return { status: 'found', declaration };
    }
    // A privacy policy without a cookie list: one hop to the cookie policy it links to.
    for (const next of declaration.links) {
      if (next.kind === 'cookie-policy' && !tried.has(next.url)) queue.unshift(next);
    }
  }
  if (lastError) return { status: 'error', reason: lastError };
  return { status: 'none', reason: 'no cookie list found in the linked policies' };
}
