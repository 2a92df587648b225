import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from '../../../lambdas/domain/blocked-addresses.js';

describe('isBlockedAddress', () => {
  it.each([
    // loopback, private, link-local and metadata, CGNAT, "this network", multicast
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '0.1.2.3',
    '224.0.0.1',
    // IETF protocol assignments, the 6to4 relay anycast
    '192.0.0.8',
    '192.0.0.170',
    '192.88.99.1',
    // documentation
    '192.0.2.1',
    '198.51.100.7',
    '203.0.113.255',
    // benchmarking
    '198.18.0.1',
    '198.19.255.254',
    // reserved and broadcast
    '240.0.0.1',
    '255.255.255.254',
    '255.255.255.255',
    // IPv6 loopback, unspecified, link-local, unique local (the IPv6 metadata service), site-local, multicast
    '::1',
    '::',
    'fe80::1',
    'fe80::1%eth0',
    'fd00:ec2::254',
    'fec0::1',
    'feff:ffff::1',
    'ff02::1',
    // IPv4-mapped, IPv4-compatible and IPv4-translated forms of internal addresses
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:10.0.0.1',
    '::7f00:1',
    '::127.0.0.1',
    '::8.8.8.8',
    '::ffff:0:7f00:1',
    '::ffff:0:808:808',
    '::ffff:0:8.8.8.8',
    // NAT64: the well-known prefix judged by the IPv4 it carries; local-use NAT64 refused outright
    '64:ff9b::a9fe:a9fe',
    '64:ff9b::10.0.0.1',
    '64:ff9b::7f00:1',
    '64:ff9b:1::a00:1',
    '64:ff9b:1::808:808',
    // discard-only and the dummy prefix
    '100::1',
    '100::ffff:ffff:ffff:ffff',
    '100:0:0:1::1',
    // Teredo and the rest of the IETF protocol assignments (benchmarking 2001:2::/48, ORCHID)
    '2001::1',
    '2001:0:4136:e378:8000:63bf:3fff:fdd2',
    '2001:2::1',
    '2001:10::1',
    '2001:1ff:ffff::1',
    // 6to4, documentation, SRv6
    '2002:7f00:1::1',
    '2001:db8::1',
    '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
    '3fff::1',
    '3fff:fff::1',
    '5f00::1',
    // outside global unicast 2000::/3
    '1::1',
    '4000::1',
    'c000::1',
    // written-out forms: all eight groups, groups before ::, upper-case hex, zero-padded groups
    '0:0:0:0:0:0:0:1',
    '0000:0000:0000:0000:0000:0000:0000:0001',
    '0:0:0:0:0:0:7f00:1',
    '0:0:0:0:0:0:a9fe:a9fe',
    '0:0:0:0:0:ffff:7f00:1',
    '0:0:0:0:0:FFFF:A9FE:A9FE',
    '0000:0000:0000:0000:0000:ffff:7f00:0001',
    '0:0:0:0:0:ffff:127.0.0.1',
    '0:0:0:0:0::ffff:169.254.169.254',
    '0:0::FFFF:7F00:1',
    '0:0:0:0:0:ffff:0:7f00',
    '0064:FF9B:0000:0000:0000:0000:A9FE:A9FE',
    '0064:ff9b:0001:0000:0000:0000:0000:0001',
    '2001:0000:0000:0000:0000:0000:0000:0001',
    '2001:0DB8:0:0:0:0:0:1',
    'FEC0:0:0:0:0:0:0:1',
    'FE80:0000:0000:0000:0000:0000:0000:0001',
    '0100:0000:0000:0000:0000:0000:0000:0001',
    'FD00:EC2:0:0:0:0:0:254',
    '3FFF:0000::1',
    // not an address at all
    'not an address',
    '',
  ])('refuses %s', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    '93.184.216.34',
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '192.0.1.1',
    '192.0.3.1',
    '198.17.255.255',
    '198.20.0.1',
    '198.51.101.1',
    '203.0.114.1',
    '223.255.255.255',
    '2606:4700::1111',
    '2a00:1450:4001:81a::200e',
    '2001:200::1',
    '2001:db9::1',
    '2003::1',
    '3ffe::1',
    '::ffff:93.184.216.34',
    '0:0:0:0:0:ffff:5db8:d822',
    '0:0:0:0:0:FFFF:808:808',
    // NAT64 (well-known prefix) to a public IPv4 address: how an IPv6-only network reaches IPv4 receivers
    '64:ff9b::808:808',
    '64:ff9b::93.184.216.34',
  ])('allows the public address %s', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });
});
