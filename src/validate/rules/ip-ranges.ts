/**
 * Minimal IP address parsing and CIDR matching for the remoteUrl SSRF rules.
 *
 * Addresses are byte arrays: 4 bytes for IPv4, 16 bytes for IPv6. An
 * IPv4-mapped IPv6 address (`::ffff:a.b.c.d`) is normalised to its 4-byte IPv4
 * form, so IPv4 ranges match it and IPv6 ranges do not (the operator does the
 * same before matching).
 */
import { createRequire } from "node:module";

// node:net is loaded on the first IP literal (~3 ms of a cold start otherwise; most hosts are names).
let netIsIP: ((text: string) => number) | undefined;
function isIP(text: string): number {
  netIsIP ??= (createRequire(import.meta.url)("node:net") as typeof import("node:net")).isIP;
  return netIsIP(text);
}

export type IpBytes = Uint8Array;

export interface IpRange {
  /** The range as written, e.g. "172.16.0.0/12". */
  readonly cidr: string;
  readonly network: IpBytes;
  readonly prefix: number;
}

/** Parse a dotted-quad IPv4 address (strict: what `net.isIP` accepts). */
function parseIpv4(text: string): IpBytes | undefined {
  if (isIP(text) !== 4) return undefined;
  const parts = text.split(".");
  const bytes = new Uint8Array(4);
  for (let i = 0; i < 4; i++) {
    const value = Number(parts[i]);
    if (!Number.isInteger(value) || value < 0 || value > 255) return undefined;
    bytes[i] = value;
  }
  return bytes;
}

/**
 * Expand a textual IPv6 address (with `::` compression and an optional
 * trailing dotted IPv4 part) into 16 bytes. Zone identifiers are rejected.
 */
function parseIpv6(text: string): IpBytes | undefined {
  if (isIP(text) !== 6 || text.includes("%")) return undefined;
  let head = text;
  let tailV4: IpBytes | undefined;
  const lastColon = head.lastIndexOf(":");
  if (head.slice(lastColon + 1).includes(".")) {
    tailV4 = parseIpv4(head.slice(lastColon + 1));
    if (tailV4 === undefined) return undefined;
    // Keep the colon(s) before the IPv4 part; replace the IPv4 text with two
    // placeholder groups so the group arithmetic below stays uniform.
    head = `${head.slice(0, lastColon + 1)}0:0`;
  }
  const doubleColon = head.indexOf("::");
  let groups: string[];
  if (doubleColon >= 0) {
    const left = head.slice(0, doubleColon);
    const right = head.slice(doubleColon + 2);
    const leftGroups = left === "" ? [] : left.split(":");
    const rightGroups = right === "" ? [] : right.split(":");
    const missing = 8 - leftGroups.length - rightGroups.length;
    if (missing < 1) return undefined;
    groups = [...leftGroups, ...Array<string>(missing).fill("0"), ...rightGroups];
  } else {
    groups = head.split(":");
  }
  if (groups.length !== 8) return undefined;
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 8; i++) {
    const group = groups[i] ?? "";
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
    const value = parseInt(group, 16);
    bytes[2 * i] = value >> 8;
    bytes[2 * i + 1] = value & 0xff;
  }
  if (tailV4 !== undefined) bytes.set(tailV4, 12);
  return bytes;
}

/** True when `bytes` is a 16-byte IPv4-mapped IPv6 address (`::ffff:0:0/96`). */
function isIpv4Mapped(bytes: IpBytes): boolean {
  if (bytes.length !== 16) return false;
  for (let i = 0; i < 10; i++) if (bytes[i] !== 0) return false;
  return bytes[10] === 0xff && bytes[11] === 0xff;
}

/**
 * Parse an IP literal (IPv4 dotted quad, or IPv6 with or without brackets).
 * IPv4-mapped IPv6 addresses come back as 4 bytes. Returns undefined for
 * anything that is not an IP literal.
 */
export function parseIp(text: string): IpBytes | undefined {
  const bare = text.startsWith("[") && text.endsWith("]") ? text.slice(1, -1) : text;
  // A host name never reaches net.isIP: its first IPv6 check compiles a large regular expression
  // (~8 ms of a cold start). An IPv4 address is digits and dots; an IPv6 one has a colon.
  if (!bare.includes(":") && !/^[\d.]+$/.test(bare)) return undefined;
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return v4;
  const v6 = parseIpv6(bare);
  if (v6 === undefined) return undefined;
  return isIpv4Mapped(v6) ? v6.slice(12) : v6;
}

/** Format address bytes: dotted quad for IPv4, compressed lowercase hex for IPv6. */
export function formatIp(bytes: IpBytes): string {
  if (bytes.length === 4) return Array.from(bytes).join(".");
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  // Longest run (length >= 2) of zero groups, first one on ties (RFC 5952).
  let bestStart = -1;
  let bestLength = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength && j - i >= 2) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  const left = hex.slice(0, bestStart).join(":");
  const right = hex.slice(bestStart + bestLength).join(":");
  return `${left}::${right}`;
}

/** Parse "address/prefix"; throws on a malformed range (ranges are constants). */
export function parseCidr(cidr: string): IpRange {
  const slash = cidr.indexOf("/");
  const address = slash >= 0 ? cidr.slice(0, slash) : "";
  const prefixText = slash >= 0 ? cidr.slice(slash + 1) : "";
  // Parse without IPv4-mapped normalisation: a range is taken as written.
  const network = parseIpv4(address) ?? parseIpv6(address);
  const prefix = /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (network === undefined || !(prefix >= 0 && prefix <= network.length * 8)) {
    throw new Error(`bad CIDR range: ${cidr}`);
  }
  return { cidr, network, prefix };
}

/** True when `ip` lies in `range`. Addresses of the other family never match. */
export function rangeContains(range: IpRange, ip: IpBytes): boolean {
  if (ip.length !== range.network.length) return false;
  let bits = range.prefix;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((ip[i] ?? 0) & mask) !== ((range.network[i] ?? 0) & mask)) return false;
  }
  return true;
}
