import { describe, expect, it } from 'vitest';
import { isPrivateHost } from './private-hosts';

describe('isPrivateHost', () => {
  it.each([
    'localhost', 'app.localhost', 'printer.local', '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255',
    '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '::1', 'fd12:3456::1', 'fe80::1',
    '::ffff:192.168.0.1', 'router.home.arpa',
  ])('%s is private', (host) => {
    expect(isPrivateHost(host)).toBe(true);
  });

  it.each(['example.com', 'kopano.test', 'syncronis.test', '8.8.8.8', '172.32.0.1', '192.169.0.1', '2001:db8::1', 'local.example.com'])(
    '%s is not',
    (host) => {
      expect(isPrivateHost(host)).toBe(false);
    },
  );
});
