/**
 * The built-in demo sites. Add a new site by writing `sites/<name>.ts` exporting `create<Name>(): Site`
 * and listing it here. Each call returns fresh instances (per-server state such as session stores).
 */
import type { Site } from '../site';
import { createKopano } from './kopano';
import { createSyncronis } from './syncronis';
import { createYoutube } from './youtube';
import { createCookiebotCdn, createOneTrustCdn } from './cmp-cdns';
import { discoverySites } from './discovery';
import { createClaimant, LATE_CLAIMANT_HOST } from './claimant';

export function defaultSites(): Site[] {
  return [createSyncronis(), createKopano(), createYoutube(), createCookiebotCdn(), createOneTrustCdn(), ...discoverySites(), createClaimant(), createClaimant(LATE_CLAIMANT_HOST)];
}
