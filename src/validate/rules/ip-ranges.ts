/**
 * IP literals and CIDR ranges for the remoteUrl SSRF rules, with ipaddr.js. An IPv4-mapped IPv6
 * address (`::ffff:a.b.c.d`) is taken as its IPv4 address, so IPv4 ranges match it and IPv6
 * ranges do not (the operator does the same before matching).
 */
import { createRequire } from "node:module";
import type * as IpAddrJs from "ipaddr.js";

type IpAddrLib = typeof IpAddrJs;

// Loaded on the first IP literal: most hosts are names. Required, not imported: Node would first
// lex the CommonJS file for named exports.
let lib: IpAddrLib | undefined;
const ipaddr = (): IpAddrLib => (lib ??= createRequire(import.meta.url)("ipaddr.js") as IpAddrLib);

export type IpAddress = IpAddrJs.IPv4 | IpAddrJs.IPv6;

export interface IpRange {
  /** The range as written, e.g. "172.16.0.0/12". */
  readonly cidr: string;
  readonly family: "ipv4" | "ipv6";
  readonly range: [IpAddress, number];
}

/**
 * Parse an IP literal: a dotted-quad IPv4 address (four decimal parts, no leading zeros), or an
 * IPv6 address with or without brackets and without a zone. IPv4-mapped IPv6 addresses come back
 * as IPv4. Returns undefined for anything that is not an IP literal.
 */
export function parseIp(text: string): IpAddress | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  // A host name is never handed to the parser: an IPv4 address is digits and dots; an IPv6 one has a colon.
  if (!bare.includes(":"))
    return /^[\d.]+$/.test(bare) && ipaddr().IPv4.isValidFourPartDecimal(bare) ? ipaddr().IPv4.parse(bare) : undefined;
  const { IPv6 } = ipaddr();
  if (!IPv6.isValid(bare)) return undefined;
  const v6 = IPv6.parse(bare);
  if (v6.zoneId !== undefined) return undefined;
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address() : v6;
}

/** Dotted quad for IPv4, RFC 5952 (compressed, lower-case) for IPv6. */
export function formatIp(ip: IpAddress): string {
  return isIpv6(ip) ? ip.toRFC5952String() : ip.toString();
}

function isIpv6(ip: IpAddress): ip is IpAddrJs.IPv6 {
  return ip.kind() === "ipv6";
}

/** The single-address range of `ip`: `a.b.c.d/32` or `<ipv6>/128`. */
export function hostCidr(ip: IpAddress): string {
  return `${formatIp(ip)}/${ip.kind() === "ipv4" ? 32 : 128}`;
}

/** Parse "address/prefix"; throws on a malformed range (ranges are constants). */
export function parseCidr(cidr: string): IpRange {
  const range = ipaddr().parseCIDR(cidr);
  return { cidr, family: range[0].kind(), range };
}

/** True when `ip` lies in `range`. Addresses of the other family never match. */
export function rangeContains(range: IpRange, ip: IpAddress): boolean {
  return ip.kind() === range.family && ip.match(range.range);
}
