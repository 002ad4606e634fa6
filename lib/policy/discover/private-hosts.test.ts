import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isPrivateHost } from './private-hosts';

/** What the fetch guard really sees: the hostname `new URL()` makes of a URL a page gave us. */
const hostOf = (url: string) => new URL(url).hostname;

describe('isPrivateHost', () => {
  it.each([
    'localhost', 'app.localhost', 'printer.local', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255',
    '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '::1', 'fd12:3456::1', 'fe80::1',
    '::ffff:192.168.0.1', 'router.home.arpa',
    // issue 8 §4: names that passed
    'nas.home.local', 'a.b.internal', 'printer.office.lan', 'x.y.home.arpa', 'wiki.intranet', 'git.corp', 'tv.home',
    'LOCALHOST', 'localhost.', 'nas', 'intranet',
    // every special IPv4 range
    '255.255.255.255', '224.0.0.1', '239.255.255.250', '240.0.0.1', '192.0.0.8', '192.0.2.1', '198.18.0.1',
    '198.51.100.7', '203.0.113.9', '100.127.255.255', '0.1.2.3',
    // IPv6 special ranges
    '[::]', '[fc00::1]', '[fec0::1]', '[ff02::1]', '[2001:db8::1]', '[100::1]', '[2001:0:4136:e378:8000:63bf:3fff:fdd2]',
  ])('%s is private', (host) => {
    expect(isPrivateHost(host)).toBe(true);
  });

  it.each(['example.com', 'kopano.test', 'syncronis.test', '8.8.8.8', '172.32.0.1', '192.169.0.1', 'local.example.com', '[2606:4700::1111]', 'home.example', 'corp.example.com'])(
    '%s is not',
    (host) => {
      expect(isPrivateHost(host)).toBe(false);
    },
  );

  // What URL parsing produces: the check must see through every spelling of a local address.
  it.each([
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[::ffff:10.0.0.1]/', '[::ffff:a00:1]'],
    ['http://[::127.0.0.1]/', '[::7f00:1]'],
    ['http://[64:ff9b::10.0.0.1]/', '[64:ff9b::a00:1]'],
    ['http://[64:ff9b:1::8.8.8.8]/', '[64:ff9b:1::808:808]'],
    ['http://[2002:c0a8:0101::1]/', '[2002:c0a8:101::1]'],
    ['http://[::ffff:0:192.168.0.1]/', '[::ffff:0:c0a8:1]'],
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0177.0.0.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://0xa9fea9fe/', '169.254.169.254'],
    ['http://LOCALHOST./', 'localhost.'],
    ['http://printer.Office.LAN./x', 'printer.office.lan.'],
  ])('%s (hostname %s) is private', (url, hostname) => {
    expect(hostOf(url)).toBe(hostname);
    expect(isPrivateHost(hostOf(url))).toBe(true);
  });

  it.each([
    ['http://[::ffff:8.8.8.8]/', '[::ffff:808:808]'],
    ['http://[64:ff9b::8.8.8.8]/', '[64:ff9b::808:808]'],
    ['http://[2002:0808:0808::1]/', '[2002:808:808::1]'],
    ['http://134744072/', '8.8.8.8'],
    ['https://www.example.co.uk./cookies', 'www.example.co.uk.'],
  ])('%s (hostname %s) is public', (url, hostname) => {
    expect(hostOf(url)).toBe(hostname);
    expect(isPrivateHost(hostOf(url))).toBe(false);
  });

  it('refuses what URL parsing refuses (fail closed)', () => {
    expect(isPrivateHost('')).toBe(true);
    expect(isPrivateHost('fe80::1%eth0')).toBe(true);
    expect(isPrivateHost('a b')).toBe(true);
  });

  // Properties: every spelling of an address in a private block is private, whatever form the URL uses.
  const octet = fc.integer({ min: 0, max: 255 });
  const privateV4 = fc.oneof(
    fc.tuple(fc.constant(10), octet, octet, octet),
    fc.tuple(fc.constant(127), octet, octet, octet),
    fc.tuple(fc.constant(172), fc.integer({ min: 16, max: 31 }), octet, octet),
    fc.tuple(fc.constant(192), fc.constant(168), octet, octet),
    fc.tuple(fc.constant(169), fc.constant(254), octet, octet),
    fc.tuple(fc.constant(100), fc.integer({ min: 64, max: 127 }), octet, octet),
    fc.tuple(fc.constant(0), octet, octet, octet),
    fc.tuple(fc.integer({ min: 224, max: 255 }), octet, octet, octet),
  );
  const spell = (o: number[], form: number): string => {
    const n = ((o[0]! << 24) >>> 0) + (o[1]! << 16) + (o[2]! << 8) + o[3]!;
    const hex = (x: number) => x.toString(16).padStart(4, '0');
    switch (form) {
      case 0: return `http://${o.join('.')}/`;
      case 1: return `http://${n}/`;
      case 2: return `http://0x${n.toString(16)}/`;
      case 3: return `http://${o[0]}.${(o[1]! << 16) + (o[2]! << 8) + o[3]!}/`;
      case 4: return `http://[::ffff:${o.join('.')}]/`;
      case 5: return `http://[::ffff:${hex((o[0]! << 8) + o[1]!)}:${hex((o[2]! << 8) + o[3]!)}]/`;
      case 6: return `http://[64:ff9b::${o.join('.')}]/`;
      case 7: return `http://[2002:${hex((o[0]! << 8) + o[1]!)}:${hex((o[2]! << 8) + o[3]!)}::1]/`;
      default: return `http://0${o[0]!.toString(8)}.${o[1]}.${o[2]}.${o[3]}/`;
    }
  };

  it('property: every spelling of a private IPv4 address is private (URL-normalised)', () => {
    fc.assert(
      fc.property(privateV4, fc.integer({ min: 0, max: 8 }), (o, form) => isPrivateHost(hostOf(spell(o, form)))),
      { numRuns: 2_000 },
    );
  });

  it('property: local names at any depth are private', () => {
    const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
    const suffix = fc.constantFrom('localhost', 'local', 'internal', 'lan', 'home.arpa', 'intranet', 'corp', 'home');
    fc.assert(
      fc.property(fc.array(label, { minLength: 0, maxLength: 4 }), suffix, fc.boolean(), (labels, s, dot) =>
        isPrivateHost(hostOf(`http://${[...labels, s].join('.')}${dot ? '.' : ''}/`)),
      ),
      { numRuns: 1_000 },
    );
  });

  it('property: never throws, and a public unicast address stays public', () => {
    fc.assert(
      fc.property(fc.string(), (s) => typeof isPrivateHost(s) === 'boolean'),
      { numRuns: 1_000 },
    );
    // 1.0.0.0 – 9.255.255.255 and 11.0.0.0 – 99.255.255.255 hold no special block.
    const publicV4 = fc.tuple(fc.oneof(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 11, max: 99 })), octet, octet, octet);
    fc.assert(
      fc.property(publicV4, fc.integer({ min: 0, max: 6 }), (o, form) => !isPrivateHost(hostOf(spell(o, form)))),
      { numRuns: 1_000 },
    );
  });
});
