import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook must never reach unless the deployment allows the host by name
 * (WEBHOOK_ALLOWED_HOSTS): loopback, private, shared (CGNAT), link-local (cloud metadata at
 * 169.254.169.254 and fd00:ec2::254 included), unspecified, documentation, benchmark, multicast, reserved.
 */
const refused = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  refused.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['100::', 64],
] as const)
  refused.addSubnet(net, prefix, 'ipv6');

/** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or NAT64 (64:ff9b::/96) IPv6 address, if any. */
function embeddedIpv4(address: string): string | null {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return null;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export function isRefusedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return refused.check(address, 'ipv4');
  if (family !== 6) return true;
  const inner = embeddedIpv4(address);
  return inner ? refused.check(inner, 'ipv4') : refused.check(address, 'ipv6');
}

export interface Target {
  url: URL;
  /** The address the request goes to: vetted once, used as is (a second DNS answer cannot move it). */
  address: string;
  family: 4 | 6;
}

export class TargetRefused extends Error {}

/** Checks a URL's form: http(s), no credentials in it, a host. */
export function checkUrlForm(raw: string, production: boolean, allowedHosts: readonly string[]): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TargetRefused('is not a valid URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TargetRefused('must use https');
  const host = hostOf(url);
  if (url.protocol === 'http:' && production && !allowedHosts.includes(host)) throw new TargetRefused('must use https');
  if (url.username || url.password) throw new TargetRefused('must not carry credentials (the signature authenticates Steward)');
  if (!host) throw new TargetRefused('needs a host');
  return url;
}

function hostOf(url: URL): string {
  return url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
}

/**
 * Resolves the URL's host and refuses it when any of its addresses is one a webhook must not reach,
 * unless the host is allowed by name. Every address must pass, so a name answering with a public
 * and a private address is refused.
 */
export async function resolveTarget(raw: string, production: boolean, allowedHosts: readonly string[]): Promise<Target> {
  const url = checkUrlForm(raw, production, allowedHosts);
  const host = hostOf(url);
  let addresses: { address: string; family: number }[];
  if (isIP(host)) addresses = [{ address: host, family: isIP(host) }];
  else {
    try {
      addresses = await lookup(host, { all: true, verbatim: true });
    } catch {
      throw new TargetRefused(`host ${host} does not resolve`);
    }
  }
  if (!addresses.length) throw new TargetRefused(`host ${host} does not resolve`);
  if (!allowedHosts.includes(host)) {
    const bad = addresses.find((a) => isRefusedAddress(a.address));
    if (bad) throw new TargetRefused(`resolves to ${bad.address}, a loopback, private, link-local or reserved address`);
  }
  return { url, address: addresses[0].address, family: addresses[0].family === 6 ? 6 : 4 };
}
