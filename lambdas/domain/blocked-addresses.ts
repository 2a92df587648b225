import { BlockList, isIP } from 'node:net';

// Addresses a webhook must never reach unless the operator allowlisted the host: this machine, private
// networks, link-local (including the cloud metadata service at 169.254.169.254 and fd00:ec2::254), CGNAT,
// multicast and the unspecified address.
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['64:ff9b:1::', 48],
  // 6to4 addresses carry an IPv4 address of any kind; nothing legitimate serves webhooks from them.
  ['2002::', 16],
] as const) {
  blocked.addSubnet(network, prefix, 'ipv6');
}

/** True when `address` (an IP literal) is loopback, private, link-local, CGNAT, metadata or otherwise internal. */
export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 6) {
    // IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) addresses, in dotted or hex form, are
    // judged as the IPv4 address they carry.
    const embedded = embeddedIPv4(address);
    if (embedded) return blocked.check(embedded, 'ipv4');
    return blocked.check(address, 'ipv6');
  }
  return blocked.check(address, 'ipv4');
}

/** The IPv4 address in the last 32 bits of `::a.b.c.d` or `::ffff:a.b.c.d` (any notation), if it is one. */
function embeddedIPv4(address: string): string | undefined {
  const groups = expand(address);
  if (!groups) return undefined;
  const prefixZero = groups.slice(0, 5).every((group) => group === 0);
  if (!prefixZero || (groups[5] !== 0 && groups[5] !== 0xffff)) return undefined;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** The eight 16-bit groups of an IPv6 address (with a dotted IPv4 tail allowed). */
function expand(address: string): number[] | undefined {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined ? left.length !== 8 : missing < 0) return undefined;
  return [...left, ...Array.from({ length: tail === undefined ? 0 : missing }, () => '0'), ...right].map(
    (group) => Number.parseInt(group, 16),
  );
}
