import { describe, expect, it } from 'vitest';
import { isBlockedAddress } from '../../../lambdas/domain/blocked-addresses.js';

// Only ::ffff:0:0/96 (IPv4-mapped) and 64:ff9b::/96 (well-known NAT64) carry an IPv4 address that decides; an
// address that merely ends like one is judged as the IPv6 address it is. 8.8.8.8 (808:808) is public, 127.0.0.1
// (7f00:1) loopback: the pairs below tell "judged by its IPv4" from "judged as IPv6".
describe('isBlockedAddress: which IPv6 addresses carry an IPv4 address', () => {
  it.each([
    // One group away from ::ffff:8.8.8.8: reserved IPv6 space (::/3), not a mapped public address.
    '1:0:0:0:0:ffff:808:808',
    '0:1:0:0:0:ffff:808:808',
    '0:0:1:0:0:ffff:808:808',
    '0:0:0:1:0:ffff:808:808',
    '0:0:0:0:1:ffff:808:808',
    '1::ffff:8.8.8.8',
    // One group away from 64:ff9b::8.8.8.8: reserved IPv6 space, not NAT64 to a public address.
    '65:ff9b::808:808',
    '64:ff9c::808:808',
    '64:ff9b:0:1::808:808',
    '64:ff9b::1:0:808:808',
    '64:ff9b::1:808:808',
  ])('refuses %s, which only looks like it carries a public IPv4 address', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    // Global unicast whose last groups look like a mapped or NAT64 loopback.
    '2606:4700:0:0:0:ffff:7f00:1',
    '2606:4700::ffff:127.0.0.1',
    '2a00:1450:0:0:0:0:7f00:1',
  ])('allows the public address %s, whose last groups only look like loopback', (address) => {
    expect(isBlockedAddress(address)).toBe(false);
  });

  it.each([
    ['::ffff:8.8.8.8%eth0', false],
    ['::ffff:808:808%eth0', false],
    ['64:ff9b::8.8.8.8%1', false],
    ['::ffff:127.0.0.1%eth0', true],
    ['::ffff:169.254.169.254%2', true],
  ])('judges %s by its IPv4 address, whatever its zone id (blocked: %s)', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });

  it.each([
    // Written with :: at the end: the IPv4 address 0.0.0.0 ("this network").
    '0:0:0:0:0:ffff::',
    '64:ff9b::',
    '::ffff:0:0',
  ])('refuses %s, which carries 0.0.0.0', (address) => {
    expect(isBlockedAddress(address)).toBe(true);
  });

  it.each([
    ['::FFFF:8.8.8.8', false],
    ['0:0:0:0:0:FFFF:0808:0808', false],
    ['::FfFf:7F00:1', true],
    ['0064:FF9B::A9FE:A9FE', true],
  ])('reads hex in either case: %s (blocked: %s)', (address, blocked) => {
    expect(isBlockedAddress(address)).toBe(blocked);
  });
});
