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
import { ownershipSites } from './ownership';
import { createAdnet, createBreaches } from './breaches';
import { createLanLinks, createPrinter, createV6Links } from './local-guard';
import { enforceSites } from './enforce';
import { hostileSites } from './hostile';
import { createClaimant, LATE_CLAIMANT_HOST } from './claimant';
import { bannerSites } from './banners';
import { surfaceSites } from './banner-surfaces';

export function defaultSites(): Site[] {
  return [
    createSyncronis(),
    createKopano(),
    createYoutube(),
    createCookiebotCdn(),
    createOneTrustCdn(),
    ...discoverySites(),
    ...ownershipSites(),
    createBreaches(),
    createAdnet(),
    createLanLinks(),
    createV6Links(),
    createPrinter(),
    ...enforceSites(),
    ...hostileSites(),
    createClaimant(),
    createClaimant(LATE_CLAIMANT_HOST),
    ...bannerSites(),
    ...surfaceSites(),
  ];
}
