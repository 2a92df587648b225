import { isIP } from 'node:net';
import { isBlockedAddress } from './blocked-addresses.js';

/**
 * A host the operator lets HTTP targets reach over plain http and at internal addresses (local development:
 * loopback), on its own ports only.
 */
export interface InsecureHost {
  /** Lower-case, as a URL's hostname has it; IPv6 without brackets. */
  readonly host: string;
  /** The ports this host may be called on; without them, the port policy's ports. */
  readonly ports?: { readonly low: number; readonly high: number };
}

/** Where HTTP targets may go: the ports any host may be called on, and the operator's insecure hosts. */
export interface HttpReach {
  readonly ports: readonly number[];
  readonly insecureHosts: readonly InsecureHost[];
}

/** The port policy unless the operator sets one: https and http on their standard ports. */
export const DEFAULT_HTTP_TARGET_PORTS: readonly number[] = [443, 80];

const PORT = /^\d{1,5}$/;
const ENTRY = /^(\[[^\]]*\]|[^:[\]]+)(?::(\d+)(?:-(\d+))?)?$/;

/**
 * Reads an insecure-host entry: `host`, `host:port` or `host:low-high`, IPv6 in brackets
 * (`[::1]:32768-60999`). Throws an Error saying what is wrong and what is expected.
 */
export function parseInsecureHost(entry: string): InsecureHost {
  const expected = 'expected host, host:port or host:low-high, with IPv6 in brackets ([::1]:32768-60999)';
  const match = ENTRY.exec(entry.trim());
  // Stryker disable next-line StringLiteral,ArrayDeclaration: read only after a match, whose host group is always set.
  const [, rawHost = '', low, high] = match ?? [];
  if (!match) {
    const hint = isIP(entry.trim()) === 6 ? `put the IPv6 address in brackets ([${entry.trim()}])` : expected;
    throw new Error(`'${entry}' is not an insecure-host entry: ${hint}.`);
  }
  const host = hostnameOf(rawHost);
  if (host === undefined) throw new Error(`'${entry}' names no valid host: ${expected}.`);
  if (low === undefined) return { host };
  const range = { low: Number(low), high: Number(high ?? low) };
  if (!validPort(range.low) || !validPort(range.high) || range.low > range.high) {
    throw new Error(`'${entry}' has an invalid port range: ports are 1 to 65535, low before high.`);
  }
  return { host, ports: range };
}

/** True for a whole number from 1 to 65535. */
export function validPort(port: number): boolean {
  return Number.isInteger(port) && port >= 1 && port <= 65535;
}

/** How an entry reads back, as the operator would write it. */
export function formatInsecureHost(entry: InsecureHost): string {
  const host = entry.host.includes(':') ? `[${entry.host}]` : entry.host;
  if (!entry.ports) return host;
  const { low, high } = entry.ports;
  return `${host}:${low === high ? low : `${low}-${high}`}`;
}

/** The URL's host as compared with the entries: lower-case, IPv6 without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/** The port a URL connects to, its scheme's default when it names none. */
export function portOf(url: URL): number {
  if (url.port) return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/**
 * Why `host` may not be called on `port`, or undefined when it may. A host the operator listed may be called
 * on its listed ports only (so `127.0.0.1:32768-60999` keeps 4566 and 9001 closed); any other host on the
 * port policy's ports.
 */
export function portRefusal(reach: HttpReach, host: string, port: number): string | undefined {
  const listed = reach.insecureHosts.filter((entry) => entry.host === host);
  if (listed.length > 0) {
    if (listed.some((entry) => onPorts(reach, entry, port))) return undefined;
    const allowed = listed.map((entry) => portsOf(reach, entry)).join(', ');
    return `${host} may be called on port ${allowed} only, not ${port}`;
  }
  if (reach.ports.includes(port)) return undefined;
  return `port ${port} is not allowed: HTTP targets may use port ${reach.ports.join(', ')}`;
}

/** True when the operator lets `host` be called over plain http and at internal addresses on `port`. */
export function insecureAllowed(reach: HttpReach, host: string, port: number): boolean {
  return reach.insecureHosts.some((entry) => entry.host === host && onPorts(reach, entry, port));
}

/** True when `host` is an IP literal of an internal address the operator did not allow on `port`. */
export function internalLiteral(reach: HttpReach, host: string, port: number): boolean {
  return isIP(host) !== 0 && isBlockedAddress(host) && !insecureAllowed(reach, host, port);
}

function onPorts(reach: HttpReach, entry: InsecureHost, port: number): boolean {
  return entry.ports ? port >= entry.ports.low && port <= entry.ports.high : reach.ports.includes(port);
}

function portsOf(reach: HttpReach, entry: InsecureHost): string {
  if (!entry.ports) return reach.ports.join(', ');
  const { low, high } = entry.ports;
  return low === high ? String(low) : `${low}-${high}`;
}

/**
 * A host as a URL would read it (lower-case, IPv4 and IPv6 normalised), or undefined if it is none. (URL.parse
 * refuses an empty host for http: no check of its own for one.)
 */
function hostnameOf(raw: string): string | undefined {
  if (PORT.test(raw)) return undefined;
  const url = URL.parse(`http://${raw}/`);
  if (!url || url.username || url.pathname !== '/' || url.port) return undefined;
  return hostOf(url);
}
