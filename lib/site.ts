/**
 * Sites: the registrable domain (eTLD+1, from the Public Suffix List via tldts) that a declaration covers.
 * A declaration of example.com covers its subdomains.
 */
import { getDomain, getHostname } from 'tldts';

declare const siteBrand: unique symbol;
/** A registrable domain, e.g. `example.com`; for hosts with no public suffix (IPs, `localhost`), the host. */
export type SiteKey = string & { readonly [siteBrand]: true };

export function siteOfHost(host: string): SiteKey | null {
  const h = host.replace(/^\./, '').replace(/\.$/, '').toLowerCase();
  if (!h) return null;
  // `*.test` is reserved (RFC 2606) and not in the PSL: tldts then returns the last two labels, as wanted.
  const domain = getDomain(h, { allowPrivateDomains: true, validHosts: ['localhost'] });
  return (domain ?? h) as SiteKey;
}

export function siteOfUrl(url: string): SiteKey | null {
  if (!/^https?:/i.test(url)) return null;
  const host = getHostname(url);
  return host ? siteOfHost(host) : null;
}

/** Does a cookie's domain belong to a site (the site itself or a subdomain)? */
export function domainInSite(cookieDomain: string, site: SiteKey): boolean {
  const d = cookieDomain.replace(/^\./, '').toLowerCase();
  return d === site || d.endsWith(`.${site}`);
}
