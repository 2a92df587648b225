import { type LookupAddress, lookup } from 'node:dns';
import type { LookupFunction } from 'node:net';
import { isBlockedAddress } from '../domain/blocked-addresses.js';

/** The error a webhook call fails with when its host resolves to an address it may not reach. */
export class BlockedAddressError extends Error {
  override readonly name = 'BlockedAddressError';
  readonly code = 'EBLOCKEDADDRESS';
}

/**
 * A DNS lookup for outgoing webhook calls that refuses internal addresses (SSRF guard) unless the host is
 * allowlisted. It runs inside the connection, after resolution, so the address checked is the address used:
 * a DNS answer that changes between a check and the connect (rebinding) cannot slip through.
 */
export function guardedLookup(allowedHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 0);
      const allowed = allowedHosts.includes(hostname.toLowerCase());
      const refused = allowed ? undefined : addresses.find((entry) => isBlockedAddress(entry.address));
      if (refused) {
        return callback(
          new BlockedAddressError(`${hostname} resolves to ${refused.address}, an internal address`),
          '',
          0,
        );
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const [first] = addresses;
      return callback(null, first?.address ?? '', first?.family ?? 4);
    });
  };
}
