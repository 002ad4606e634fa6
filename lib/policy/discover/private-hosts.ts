/**
 * Hosts on the user's own machine or network. A page must not be able to aim the extension's policy fetches
 * at the router's admin page or a local service (the fetch carries no credentials, but its mere arrival is a
 * probe), so policy URLs on such hosts are refused unless the page itself is on one.
 *
 * Issue 8 §4: `http://[::ffff:127.0.0.1]/` reached 127.0.0.1 (URL parsing writes it `[::ffff:7f00:1]`, which a
 * dotted-quad regex never saw) and `nas.home.local`, `a.b.internal`, `printer.office.lan` passed. Addresses are
 * now classified by ipaddr.js, which knows every IANA special-purpose range, and the host is normalised the way
 * `new URL()` does first (`2130706433`, `0x7f.1`, `127.1` are all 127.0.0.1).
 */
import ipaddr from 'ipaddr.js';

/**
 * Special-use names (RFC 6761, RFC 8375 `home.arpa`) and the suffixes RFC 6762 appendix G lists as used on
 * private networks. Any name ending in one of these, or the name itself, is local.
 */
const LOCAL_SUFFIXES = ['localhost', 'local', 'internal', 'lan', 'home.arpa', 'intranet', 'corp', 'home', 'private', 'localdomain'];

/** IPv6 ranges that carry an IPv4 address we can check instead (ipaddr.js names). */
const EMBEDS_V4 = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052', '6to4']);

/** The host as `new URL()` writes it (lower case, numeric IPv4 forms expanded, IPv6 compressed), or null. */
function normalise(hostname: string): string | null {
  let host = hostname.trim();
  if (host === '') return null;
  // A bare IPv6 literal (not from URL.hostname) needs its brackets for the URL parser.
  if (host.includes(':') && !host.startsWith('[')) host = `[${host}]`;
  try {
    return new URL(`http://${host}/`).hostname;
  } catch {
    return null;
  }
}

function isPrivateV4(addr: ipaddr.IPv4): boolean {
  // Everything but ordinary unicast: unspecified (0/8), private (10/8, 172.16/12, 192.168/16), loopback,
  // link-local, carrier-grade NAT (100.64/10), broadcast, multicast, and the reserved / documentation blocks.
  return addr.range() !== 'unicast';
}

/** The IPv4 address a translation / tunnelling prefix embeds, when it does. */
function embeddedV4(addr: ipaddr.IPv6): ipaddr.IPv4 | null {
  const range = addr.range();
  if (range === 'ipv4Mapped') return addr.toIPv4Address();
  const p = addr.parts;
  if (range === 'rfc6145' || range === 'rfc6052') {
    // ::ffff:0:a.b.c.d and 64:ff9b::a.b.c.d (and the local-use 64:ff9b:1::/48): the last 32 bits.
    return new ipaddr.IPv4([p[6]! >> 8, p[6]! & 0xff, p[7]! >> 8, p[7]! & 0xff]);
  }
  if (range === '6to4') return new ipaddr.IPv4([p[1]! >> 8, p[1]! & 0xff, p[2]! >> 8, p[2]! & 0xff]);
  return null;
}

function isPrivateV6(addr: ipaddr.IPv6): boolean {
  const range = addr.range();
  if (EMBEDS_V4.has(range)) {
    const v4 = embeddedV4(addr);
    // NAT64 / 6to4 to a public IPv4 reaches that public host; to a private one, the local network.
    return v4 === null || isPrivateV4(v4) || (range === 'rfc6052' && addr.parts[2] === 1);
  }
  // IPv4-compatible addresses (::a.b.c.d, deprecated by RFC 4291) are "unicast" to ipaddr.js but some stacks
  // route ::7f00:1 to 127.0.0.1: refuse the whole ::/96.
  if (addr.parts.slice(0, 6).every((x) => x === 0)) return true;
  // Loopback, unspecified, link-local, unique-local (fc00::/7), site-local, multicast, teredo (its client
  // address is obfuscated), discard, documentation and every other reserved block: only global unicast passes.
  return range !== 'unicast';
}

function isLocalName(host: string): boolean {
  // A single label (`intranet`, `nas`, `router`) resolves through the local search domain.
  if (!host.includes('.')) return true;
  for (const suffix of LOCAL_SUFFIXES) if (host === suffix || host.endsWith(`.${suffix}`)) return true;
  return false;
}

export function isPrivateHost(hostname: string): boolean {
  const normal = normalise(hostname);
  // What the URL parser refuses cannot be fetched anyway; refuse it here too (fail closed).
  if (normal === null) return true;
  const host = normal.replace(/\.$/, '');
  if (host === '') return true;
  if (host.startsWith('[') && host.endsWith(']')) {
    const inner = host.slice(1, -1);
    // ipaddr.js accepts zone ids (fe80::1%eth0); URL never produces one, but a caller might pass it.
    if (!ipaddr.IPv6.isValid(inner)) return true;
    return isPrivateV6(ipaddr.IPv6.parse(inner));
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(host)) return isPrivateV4(ipaddr.IPv4.parse(host));
  return isLocalName(host);
}
