/**
 * Whose cookie is it, and who may remove it. One rule for every path (cookie event, rescan, policy arrival,
 * choice change, worker restart), so that no site's word can log a user out of another site:
 *
 * - A partitioned cookie (CHIPS partition key, Firefox's partition or first-party domain) belongs to its
 *   partition's top-level site alone, and that site decides.
 * - An unpartitioned cookie of domain D always belongs to D's own site, whether or not a tab of it is open:
 *   D's declaration (or, without one, the knowledge base and classifier) and D's choice are always asked.
 *   The tab sites that embedded D vote too: they may report the cookie and refuse it, but the cookie is
 *   removed only when every site it belongs to refuses it.
 *
 * Issue 8: site B's policy listed site A's login cookie as advertising, and A's session was removed when
 * B's policy arrived, logging the user out of A. Many real policies list Google's SID/HSID as advertising
 * while embedding a YouTube video.
 */
import { siteOfHost, siteOfUrl, type SiteKey } from '../site';

export interface PartitionInfo {
  partitionKey?: { topLevelSite?: string; hasCrossSiteAncestor?: boolean } | null;
  firstPartyDomain?: string;
}

/** The top-level site of a partitioned cookie, or null for an unpartitioned one. */
function partitionSiteOf(cookie: PartitionInfo): SiteKey | null {
  const top = cookie.partitionKey?.topLevelSite;
  if (top) return siteOfUrl(top) ?? siteOfHost(top);
  // Firefox with first-party isolation: the cookie lives in its first party's jar.
  if (cookie.firstPartyDomain) return siteOfHost(cookie.firstPartyDomain);
  return null;
}

/**
 * The site that owns a cookie: its partition's site when partitioned, else the registrable domain of its
 * own (normalised) domain.
 */
export function ownerOf(cookie: PartitionInfo, domain: string): { owner: SiteKey | null; partitioned: boolean } {
  const partition = partitionSiteOf(cookie);
  if (partition) return { owner: partition, partitioned: true };
  return { owner: siteOfHost(domain), partitioned: false };
}

/**
 * The browser's fate of a cookie given each site's vote (owner first): removed only when every vote
 * refuses it. `keptBy` is the index of the first site whose vote keeps it, -1 when removed.
 */
export function settle(votes: ReadonlyArray<'keep' | 'remove'>): { action: 'keep' | 'remove'; keptBy: number } {
  for (let i = 0; i < votes.length; i++) if (votes[i] === 'keep') return { action: 'keep', keptBy: i };
  // No vote at all (no site could be named): keep, never remove on nobody's word.
  return votes.length === 0 ? { action: 'keep', keptBy: -1 } : { action: 'remove', keptBy: -1 };
}
