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
  return hostInDomain(normalizeDomain(cookieDomain), site);
}

/** A cookie's domain as compared everywhere: lower case, without the leading dot of a domain cookie. */
export function normalizeDomain(domain: string): string {
  const d = domain.charCodeAt(0) === 46 ? domain.slice(1) : domain;
  return d.toLowerCase();
}

/** Is `host` the `domain` itself or below it? Both normalised. A suffix test that allocates nothing. */
export function hostInDomain(host: string, domain: string): boolean {
  const extra = host.length - domain.length;
  if (extra === 0) return host === domain;
  return extra > 0 && host.charCodeAt(extra - 1) === 46 && host.endsWith(domain);
}
