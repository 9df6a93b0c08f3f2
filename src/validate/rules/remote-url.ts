/**
 * The operator's `spec.remoteUrl` check for MCPServerEntry (its
 * `ValidateRemoteURL`): a syntactic and SSRF guard, with no DNS resolution.
 *
 * Order, as in the operator: non-empty → parses → scheme http/https → has a
 * host → literal IPs against the loopback/link-local ranges, then the private
 * ranges → host names against the loopback, API-server and metadata names,
 * then `cluster.local`. ToolHive v0.44.0 has no opt-out (a later release added
 * `allowPrivateEndpoint`); the two groups differ only in their codes and hints.
 *
 * The operator parses with Go's `net/url`; we mirror its structural rules
 * (scheme detection, the `//` authority, where the authority ends, user-info
 * characters, control characters) by hand and then let WHATWG `URL` normalise
 * the host. Where the two disagree we reject rather than accept.
 */
import { formatIp, parseCidr, parseIp, rangeContains, type IpAddress, type IpRange } from "./ip-ranges.js";

export type RemoteUrlProblemKind =
  "invalid" | "blocked-address" | "private-address" | "blocked-host" | "cluster-internal-host";

export interface RemoteUrlProblem {
  kind: RemoteUrlProblemKind;
  message: string;
  hint: string;
}

interface NamedRange {
  range: IpRange;
  /** Completes "remoteUrl host X is …". */
  what: string;
}

interface NamedHost {
  name: string;
  /** A noun phrase describing `name`. */
  what: string;
}

function memo<T>(build: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= build());
}

function named(cidr: string, what: string): NamedRange {
  return { range: parseCidr(cidr), what };
}

// Built on first use: parsing them loads ipaddr.js, which a run without IP literals never needs.
const reservedRanges = memo((): readonly NamedRange[] => [
  named("0.0.0.0/8", 'in 0.0.0.0/8 ("this network"; connecting to it usually reaches the local host)'),
  // Stricter than the operator (docs/differences-from-operator.md): metadata services outside 169.254.0.0/16.
  named("100.100.100.200/32", "the Alibaba Cloud metadata service"),
  named("168.63.129.16/32", "the Azure platform endpoint (WireServer)"),
  named("192.0.0.192/32", "the Oracle Cloud legacy metadata address"),
  named("127.0.0.0/8", "a loopback address (127.0.0.0/8)"),
  named("169.254.0.0/16", "a link-local address (cloud metadata endpoints live there)"),
  named("::/128", "the unspecified IPv6 address (::)"),
  named("::1/128", "the IPv6 loopback address (::1)"),
  named("fe80::/10", "an IPv6 link-local address (fe80::/10)"),
]);

const privateRanges = memo((): readonly NamedRange[] => [
  named("10.0.0.0/8", "a private address (RFC 1918, 10.0.0.0/8)"),
  named("172.16.0.0/12", "a private address (RFC 1918, 172.16.0.0/12)"),
  named("192.168.0.0/16", "a private address (RFC 1918, 192.168.0.0/16)"),
  named("fc00::/7", "an IPv6 unique-local address (fc00::/7)"),
]);

/** Every range the SSRF rules refuse, reserved then private: `--network-policy` excepts them from its public egress. */
export function refusedRanges(): readonly IpRange[] {
  return [...reservedRanges(), ...privateRanges()].map((r) => r.range);
}

export function isRefusedAddress(ip: IpAddress): boolean {
  return refusedRanges().some((r) => rangeContains(r, ip));
}

const KUBERNETES_API = "the Kubernetes API server's in-cluster name";

/** Checked before cluster.local, so kubernetes.default.svc.cluster.local is reported as the API server. */
const BLOCKED_HOSTS: readonly NamedHost[] = [
  { name: "localhost", what: "the loopback host name" },
  { name: "kubernetes.default.svc.cluster.local", what: KUBERNETES_API },
  { name: "kubernetes.default.svc", what: KUBERNETES_API },
  { name: "kubernetes.default", what: KUBERNETES_API },
  { name: "metadata.google.internal", what: "the GCE cloud metadata server" },
  // Stricter than the operator (docs/differences-from-operator.md): names that resolve inside pods.
  { name: "metadata", what: "the short name of the GCE metadata server (it resolves on GCE nodes)" },
  { name: "instance-data", what: "the EC2 metadata service's host name" },
  { name: "instance-data.ec2.internal", what: "the EC2 metadata service's host name" },
  { name: "ip6-localhost", what: "a loopback host name (kubelet's /etc/hosts in every pod)" },
  { name: "ip6-loopback", what: "a loopback host name (kubelet's /etc/hosts in every pod)" },
  { name: "localhost.localdomain", what: "a loopback host name" },
];

/** A bare `*.svc` name is on no list: without DNS it is allowed, as in the operator. */
const CLUSTER_INTERNAL_HOSTS: readonly NamedHost[] = [
  { name: "cluster.local", what: "the cluster-internal DNS domain" },
];

const HINT_INVALID = "write an absolute http:// or https:// URL, e.g. https://mcp.example.com/mcp";
const HINT_BLOCKED =
  "use the backend's public URL; for an in-cluster backend use an MCPServer or MCPRemoteProxy instead";
const HINT_PRIVATE =
  "an MCPServerEntry may not point at a private address; use the backend's public URL, or reach a private backend through an MCPRemoteProxy";
const HINT_CLUSTER_INTERNAL =
  "an MCPServerEntry may not point into the cluster; for an in-cluster backend use an MCPServer or MCPRemoteProxy instead";

/** Go's scheme grammar: a letter, then letters, digits, '+', '-' or '.', then ':'. */
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** Characters Go's net/url accepts in the user-info part. */
const USERINFO = /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/;

function invalid(message: string, hint: string = HINT_INVALID): RemoteUrlProblem {
  return { kind: "invalid", message, hint };
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/** Go's `URL.Hostname()`: the host without a trailing `:port` and without IPv6 brackets. */
function goHostname(hostPort: string): string {
  if (hostPort.startsWith("[")) {
    const close = hostPort.indexOf("]");
    return close < 0 ? hostPort.slice(1) : hostPort.slice(1, close);
  }
  const colon = hostPort.lastIndexOf(":");
  return colon >= 0 && /^:\d*$/.test(hostPort.slice(colon)) ? hostPort.slice(0, colon) : hostPort;
}

function matchHost(host: string, list: readonly NamedHost[]): { entry: NamedHost; exact: boolean } | undefined {
  for (const entry of list) {
    if (host === entry.name) return { entry, exact: true };
    if (host.endsWith(`.${entry.name}`)) return { entry, exact: false };
  }
  return undefined;
}

/**
 * Check `spec.remoteUrl` as the operator would. Returns the first problem, or
 * undefined when the URL is acceptable.
 */
export function checkRemoteUrl(url: string): RemoteUrlProblem | undefined {
  if (url === "") {
    return invalid("remoteUrl is empty", "set spec.remoteUrl to the backend's URL, e.g. https://mcp.example.com/mcp");
  }

  // Go's url.Parse rejects ASCII control characters outright; WHATWG would
  // silently drop tabs and newlines (a YAML `|` block leaves a trailing "\n").
  const control = /[\u0000-\u001f\u007f]/.exec(url);
  if (control !== null) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
    return invalid(
      `remoteUrl contains a control character (U+${code})`,
      "remove line breaks and tabs from the URL; a YAML block scalar (|) keeps a trailing newline, so use a plain or quoted string",
    );
  }

  // Scheme. Go finds no scheme in "mcp.example.com" or " https://x" (WHATWG
  // would trim the leading space), and the operator then rejects the empty scheme.
  const scheme = SCHEME.exec(url);
  if (scheme === null) {
    const leading = /^\s/.test(url) ? " (it starts with whitespace)" : "";
    return invalid(`remoteUrl ${quote(url)} has no scheme${leading}`, HINT_INVALID);
  }
  const schemeName = (scheme[1] ?? "").toLowerCase();
  if (schemeName !== "http" && schemeName !== "https") {
    return invalid(
      `remoteUrl must use http or https, got scheme ${quote(schemeName)}`,
      "vMCP reaches an MCPServerEntry backend over HTTP; use an http:// or https:// URL",
    );
  }

  // Authority, delimited as Go does: the fragment and query are cut first, and
  // the authority runs from "//" to the next '/'. Without "//" (e.g.
  // "http:example.com", "http:/x") Go sees no host at all, whereas WHATWG
  // would invent one for these special schemes.
  let rest = url.slice(scheme[0].length);
  rest = rest.split("#")[0] ?? "";
  rest = rest.split("?")[0] ?? "";
  if (!rest.startsWith("//")) {
    return invalid(`remoteUrl ${quote(url)} has no host`, HINT_INVALID);
  }
  const authorityEnd = rest.indexOf("/", 2);
  const authority = authorityEnd < 0 ? rest.slice(2) : rest.slice(2, authorityEnd);
  const at = authority.lastIndexOf("@");
  const userinfo = at >= 0 ? authority.slice(0, at) : "";
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  // WHATWG ends the authority at '\' for http(s) while Go does not: reject so
  // the two parsers cannot read different hosts out of one string.
  if (authority.includes("\\")) {
    return invalid(`remoteUrl ${quote(url)} has a backslash in its host part`);
  }
  if (!USERINFO.test(userinfo)) {
    return invalid(`remoteUrl ${quote(url)} has an invalid character in its user-info part`);
  }
  const rawHost = goHostname(hostPort);
  if (rawHost === "") {
    return invalid(`remoteUrl ${quote(url)} has no host`, HINT_INVALID);
  }

  // Host normalisation by WHATWG: lower case, IDNA, percent-decoding, IPv6
  // compression, and IPv4 number forms. WHATWG rewrites "2130706433",
  // "0x7f.1", "0177.0.0.1" and "127.1" to 127.0.0.1, while Go's net.ParseIP
  // would not see IPs in them and the operator would let them pass as host
  // names; the resolver may still read them as 127.0.0.1, so blocking them is
  // the safe side. Hosts WHATWG refuses (spaces, IPv6 zones, ports > 65535,
  // "http://:80/") are rejected, though Go lets a few of them through.
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return invalid(`remoteUrl ${quote(url)} is not a valid URL (check the host ${quote(rawHost)} and the port)`);
  }
  const host = parsed.hostname.replace(/\.+$/, "");
  if (host === "") {
    return invalid(`remoteUrl ${quote(url)} has no host`, HINT_INVALID);
  }

  const ip = parseIp(host);
  if (ip !== undefined) {
    const normal = formatIp(ip);
    const shown = normal === rawHost.toLowerCase() ? rawHost : `${rawHost} (${normal})`;
    const blocked = reservedRanges().find((r) => rangeContains(r.range, ip));
    if (blocked !== undefined) {
      return { kind: "blocked-address", message: `remoteUrl host ${shown} is ${blocked.what}`, hint: HINT_BLOCKED };
    }
    const priv = privateRanges().find((r) => rangeContains(r.range, ip));
    if (priv !== undefined) {
      return { kind: "private-address", message: `remoteUrl host ${shown} is ${priv.what}`, hint: HINT_PRIVATE };
    }
    return undefined;
  }

  // Host names: case-insensitive (WHATWG lower-cased them), trailing dots
  // stripped (Go compares "localhost." literally and would let it pass).
  const shown = host === rawHost.toLowerCase().replace(/\.+$/, "") ? rawHost : `${rawHost} (${host})`;
  const describe = (m: { entry: NamedHost; exact: boolean }): string =>
    m.exact
      ? `remoteUrl host ${shown} is ${m.entry.what}`
      : `remoteUrl host ${shown} is under ${m.entry.name}, ${m.entry.what}`;
  const blocked = matchHost(host, BLOCKED_HOSTS);
  if (blocked !== undefined) {
    return { kind: "blocked-host", message: describe(blocked), hint: HINT_BLOCKED };
  }
  const internal = matchHost(host, CLUSTER_INTERNAL_HOSTS);
  if (internal !== undefined) {
    return { kind: "cluster-internal-host", message: describe(internal), hint: HINT_CLUSTER_INTERNAL };
  }
  return undefined;
}
