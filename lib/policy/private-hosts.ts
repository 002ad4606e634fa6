/**
 * Hosts on the user's own machine or network. A page must not be able to aim the extension's policy fetches
 * at the router's admin page or a local service (the fetch carries no credentials, but its mere arrival is a
 * probe), so policy URLs on such hosts are refused unless the page itself is on one.
 */

const NAMED = /^(?:localhost|[^.]+\.localhost|[^.]+\.local|[^.]+\.internal|[^.]+\.lan|[^.]+\.home\.arpa)$/;

export function isPrivateHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (host === '' || NAMED.test(host) || /\.localhost$/.test(host)) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return (
      a === 0 || a === 10 || a === 127 || (a === 169 && b === 254) || (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)
    );
  }
  if (host.includes(':')) {
    // IPv6: loopback, unspecified, unique local (fc00::/7), link-local (fe80::/10), v4-mapped private.
    if (host === '::1' || host === '::') return true;
    if (/^f[cd][0-9a-f]{0,2}:/.test(host) || /^fe[89ab][0-9a-f]?:/.test(host)) return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
    return mapped ? isPrivateHost(mapped[1]!) : false;
  }
  return false;
}
