import { BlockList, isIP } from 'node:net';

// Addresses a webhook must never reach unless the operator allowlisted the host: every range of the IANA
// IPv4 and IPv6 Special-Purpose Address Registries that is not globally reachable (this machine, private
// networks, link-local with the cloud metadata service at 169.254.169.254 and fd00:ec2::254, CGNAT,
// documentation, benchmarking, reserved), plus multicast, and the few "globally reachable" special ranges
// that are protocol infrastructure (anycast relays, AS112), never a webhook receiver.
// One list per family: a BlockList also matches IPv4 addresses against IPv6 rules, as ::ffff:a.b.c.d.
const blockedIPv4 = new BlockList();
const blockedIPv6 = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // shared address space (CGNAT)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, the metadata service
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments (DS-Lite, NAT64 discovery, PCP/TURN anycast)
  ['192.0.2.0', 24], // documentation (TEST-NET-1)
  ['192.88.99.0', 24], // the deprecated 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation (TEST-NET-2)
  ['203.0.113.0', 24], // documentation (TEST-NET-3)
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the limited broadcast 255.255.255.255
] as const) {
  blockedIPv4.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  // IPv4-compatible (deprecated; includes :: and ::1); mapped ::ffff:0:0/96 is judged by its IPv4 below.
  ['::', 96],
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT)
  ['64:ff9b:1::', 48], // local-use NAT64: translates into the operator's own IPv4 networks
  ['100::', 64], // discard-only
  ['100:0:0:1::', 64], // dummy prefix
  ['2001::', 23], // IETF protocol assignments: Teredo 2001::/32, benchmarking 2001:2::/48, ORCHID, anycast
  ['2001:db8::', 32], // documentation
  // 6to4 addresses carry an IPv4 address of any kind; nothing legitimate serves webhooks from them.
  ['2002::', 16],
  ['3fff::', 20], // documentation
  ['5f00::', 16], // segment routing (SRv6) SIDs
  ['fc00::', 7], // unique local
  ['fec0::', 10], // site-local (deprecated)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
  // And whatever else lies outside global unicast 2000::/3, the only IPv6 space AWS or anyone routes to
  // receivers today: what IANA assigns there next will not be a webhook's address either.
  ['::', 3],
  ['4000::', 2],
  ['8000::', 1],
] as const) {
  blockedIPv6.addSubnet(network, prefix, 'ipv6');
}

/** True when `address` (an IP literal) is loopback, private, link-local, CGNAT, metadata or otherwise internal. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // IPv4-mapped (::ffff:a.b.c.d) and well-known NAT64 (64:ff9b::a.b.c.d) addresses, in any notation, reach
    // the IPv4 address they carry, and are judged as it.
    const embedded = embeddedIPv4(address);
    if (embedded) return blockedIPv4.check(embedded, 'ipv4');
    return blockedIPv6.check(address, 'ipv6');
  }
  return blockedIPv4.check(address, 'ipv4');
}

/** The IPv4 address in the last 32 bits of `::ffff:a.b.c.d` or `64:ff9b::a.b.c.d` (any notation), if it is one. */
function embeddedIPv4(address: string): string | undefined {
  const [g0, g1, g2, g3, g4, g5, high = 0, low = 0] = expand(address);
  const mapped = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0xffff;
  const nat64 = g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0;
  if (!mapped && !nat64) return undefined;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/**
 * The eight 16-bit groups of an IPv6 address that isIP accepted (a dotted IPv4 tail and a zone id allowed), so
 * the groups written and those `::` stands for add up to eight. Hex is read in either case.
 */
function expand(address: string): number[] {
  // The zone id runs to the end (isIP refuses line breaks). (Equivalent mutant: the `$` of the dotted quad,
  // which can only end the address once the zone id is gone; it is kept so that a zone id left behind shows.)
  let text = address.replace(/%.*/, '');
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  // Stryker disable next-line ArrayDeclaration: a group made up here lands past the eighth (never read) or, after
  // a trailing `::`, as the eighth, whose NaN reads as 0 in the bit arithmetic: the zero it stands for.
  const right = tail ? tail.split(':') : [];
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...zeros, ...right].map((group) => Number.parseInt(group, 16));
}
