import { describe, expect, it } from "vitest";
import { checkRemoteUrl, type RemoteUrlProblemKind } from "../../../src/validate/rules/remote-url.js";
import { formatIp, hostCidr, parseCidr, parseIp, rangeContains } from "../../../src/validate/rules/ip-ranges.js";

type Expect = RemoteUrlProblemKind | "ok";
/** [url, expected]: ToolHive v0.44.0 has no opt-out for private addresses or cluster.local. */
type Row = readonly [url: string, expected: Expect];

const rows: readonly Row[] = [
  // Public URLs: schemes, ports, paths, queries, fragments, case.
  ["https://mcp.example.com", "ok"],
  ["http://mcp.example.com", "ok"],
  ["https://mcp.example.com:8443/mcp", "ok"],
  ["http://mcp.example.com:8080/v1/server?x=1#frag", "ok"],
  ["HTTPS://MCP.Example.COM/Path", "ok"],
  ["https://203.0.113.50:443/mcp", "ok"],
  ["http://8.8.8.8/", "ok"],
  ["https://[2001:db8::1]:8443/mcp", "ok"],
  ["https://[2606:4700:4700::1111]/", "ok"],
  ["https://user:pass@mcp.example.com/", "ok"],
  ["http://localhost@mcp.example.com/", "ok"],
  ["https://mcp.example.com/a b", "ok"],
  // Names that only look internal.
  ["http://my-svc.my-ns.svc:8080/", "ok"],
  ["http://my-svc.my-ns.svc/", "ok"],
  ["http://localhost.example.com/", "ok"],
  ["http://notlocalhost/", "ok"],
  ["http://evilcluster.local/", "ok"],
  ["http://kubernetes.default.example.com/", "ok"],
  ["http://kubernetes/", "ok"],
  ["http://[::7f00:1]/", "ok"], // IPv4-compatible (not mapped) form: not normalised by the operator either

  // Always-blocked IPv4 ranges and their boundaries.
  ["http://0.0.0.0:8080/", "blocked-address"],
  ["http://0.255.255.255/", "blocked-address"],
  ["http://1.0.0.0/", "ok"],
  ["http://126.255.255.255/", "ok"],
  ["http://127.0.0.0/", "blocked-address"],
  ["http://127.0.0.1:8080/", "blocked-address"],
  ["http://127.0.0.2/", "blocked-address"],
  ["http://127.255.255.255/", "blocked-address"],
  ["http://128.0.0.0/", "ok"],
  ["http://169.253.255.255/", "ok"],
  ["http://169.254.0.0/", "blocked-address"],
  ["http://169.254.169.254/latest/meta-data/", "blocked-address"],
  ["http://169.254.255.255/", "blocked-address"],
  ["http://169.255.0.0/", "ok"],

  // Private IPv4 ranges and their boundaries.
  ["http://9.255.255.255/", "ok"],
  ["http://10.0.0.0/", "private-address"],
  ["http://10.0.0.5:8080/", "private-address"],
  ["http://10.255.255.255/", "private-address"],
  ["http://11.0.0.0/", "ok"],
  ["http://172.15.255.255/", "ok"],
  ["http://172.16.0.0/", "private-address"],
  ["http://172.16.0.1/", "private-address"],
  ["http://172.31.255.255/", "private-address"],
  ["http://172.32.0.0/", "ok"],
  ["http://192.167.255.255/", "ok"],
  ["http://192.168.0.0/", "private-address"],
  ["http://192.168.1.1/", "private-address"],
  ["http://192.168.255.255/", "private-address"],
  ["http://192.169.0.0/", "ok"],

  // IPv4 number forms WHATWG normalises (Go would treat them as host names).
  ["http://2130706433/", "blocked-address"],
  ["http://0x7f.1/", "blocked-address"],
  ["http://0177.0.0.1/", "blocked-address"],
  ["http://127.1/", "blocked-address"],
  ["http://0/", "blocked-address"],
  ["http://0xa9fea9fe/", "blocked-address"],
  ["http://012.1/", "private-address"],
  ["http://127.0.0.1./", "blocked-address"],

  // IPv6.
  ["http://[::1]:8080/", "blocked-address"],
  ["http://[0:0:0:0:0:0:0:1]/", "blocked-address"],
  ["http://[::]/", "blocked-address"],
  ["http://[::2]/", "ok"],
  ["http://[fe80::1]/", "blocked-address"],
  ["http://[febf:ffff::1]/", "blocked-address"],
  ["http://[fec0::1]/", "ok"],
  ["http://[fbff:ffff::1]/", "ok"],
  ["http://[fc00::1]/", "private-address"],
  ["http://[fd12::1]/", "private-address"],
  ["http://[fd12:3456::1]/", "private-address"],
  ["http://[FDFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF]/", "private-address"],
  ["http://[fe00::1]/", "ok"],
  ["http://[::ffff:127.0.0.1]:8080/", "blocked-address"],
  ["http://[::ffff:7f00:1]/", "blocked-address"],
  ["http://[::ffff:169.254.169.254]/", "blocked-address"],
  ["http://[::ffff:0.0.0.0]/", "blocked-address"],
  ["http://[::ffff:10.0.0.1]/", "private-address"],
  ["http://[::ffff:10.0.0.5]:8080/", "private-address"],
  ["http://[::ffff:8.8.8.8]/", "ok"],
  ["http://[2001:db8::1]/", "ok"],

  // Always-blocked host names: exact, subdomain, case, trailing dot, user-info.
  ["http://localhost:8080/", "blocked-host"],
  ["http://LOCALHOST/", "blocked-host"],
  ["http://LocalHost:3000/mcp", "blocked-host"],
  ["http://localhost./", "blocked-host"],
  ["http://foo.localhost/", "blocked-host"],
  ["http://something.localhost./", "blocked-host"],
  ["http://user@localhost/", "blocked-host"],
  ["http://user:pw@example.com@localhost/", "blocked-host"],
  ["http://kubernetes.default/api", "blocked-host"],
  ["http://kubernetes.default.svc/", "blocked-host"],
  ["http://Kubernetes.Default.Svc/", "blocked-host"],
  ["http://a.kubernetes.default.svc/", "blocked-host"],
  ["http://api.kubernetes.default.svc/", "blocked-host"],
  ["https://kubernetes.default.svc.cluster.local:443/", "blocked-host"],
  ["http://metadata.google.internal/computeMetadata/v1/", "blocked-host"],
  ["http://METADATA.GOOGLE.INTERNAL./", "blocked-host"],
  ["http://x.metadata.google.internal/", "blocked-host"],
  ["http://%6c%6fcalhost/", "blocked-host"],

  // cluster.local: always blocked in v0.44.0.
  ["http://cluster.local/", "cluster-internal-host"],
  ["http://x.cluster.local/", "cluster-internal-host"],
  ["http://my-svc.my-ns.svc.cluster.local/", "cluster-internal-host"],
  ["http://My-Svc.My-Ns.SVC.Cluster.Local.:8080/mcp", "cluster-internal-host"],

  // Not a usable http(s) URL.
  ["", "invalid"],
  ["mcp.example.com", "invalid"],
  ["//mcp.example.com/", "invalid"],
  ["garbage", "invalid"],
  ["not a url at all", "invalid"],
  [":::", "invalid"],
  [" https://mcp.example.com", "invalid"],
  ["https://mcp.example.com\n", "invalid"],
  ["https://mcp.\texample.com", "invalid"],
  ["ftp://mcp.example.com", "invalid"],
  ["file:///etc/passwd", "invalid"],
  ["javascript:alert(1)", "invalid"],
  ["ws://mcp.example.com/", "invalid"],
  ["https://", "invalid"],
  ["http:///x", "invalid"],
  ["http:/mcp.example.com", "invalid"],
  ["http:mcp.example.com", "invalid"],
  ["http://user@/x", "invalid"],
  ["http://:8080/", "invalid"],
  ["http://./", "invalid"],
  ["http://exa mple.com/", "invalid"],
  ["http://mcp.example.com:99999/", "invalid"],
  ["http://mcp.example.com:port/", "invalid"],
  ["http://[::1/", "invalid"],
  ["http://[fe80::1%25eth0]/", "invalid"],
  ["http://mcp.example.com\\@localhost/", "invalid"],
  ["http://us er@mcp.example.com/", "invalid"],
  ["http://foo.1/", "invalid"],
];

describe("checkRemoteUrl", () => {
  it("has a large table", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  it.each(rows)("%j → %s", (url, expected) => {
    expect(checkRemoteUrl(url)?.kind ?? "ok").toBe(expected);
  });

  it("every problem has a message and a hint", () => {
    for (const [url] of rows) {
      const problem = checkRemoteUrl(url);
      if (problem === undefined) continue;
      expect(problem.message.length).toBeGreaterThan(10);
      expect(problem.hint.length).toBeGreaterThan(10);
    }
  });
});

// Stricter than the operator (docs/differences-from-operator.md, "Checks the operator does not make").
const STRICTER: [string, string][] = [
  ["http://metadata/computeMetadata/v1/", "blocked-host"],
  ["http://METADATA./", "blocked-host"],
  ["http://instance-data/latest/meta-data/", "blocked-host"],
  ["http://instance-data.ec2.internal/", "blocked-host"],
  ["http://ip6-localhost:8080/", "blocked-host"],
  ["http://ip6-loopback/", "blocked-host"],
  ["http://localhost.localdomain/", "blocked-host"],
  ["http://100.100.100.200/latest/meta-data/", "blocked-address"],
  ["http://[::ffff:100.100.100.200]/", "blocked-address"],
  ["http://168.63.129.16/machine", "blocked-address"],
  ["http://192.0.0.192/", "blocked-address"],
  // Near misses stay allowed.
  ["https://metadata.example.com/", "ok"],
  ["https://100.100.100.201/", "ok"],
  ["https://my-instance-data.example.com/", "ok"],
];

describe("checkRemoteUrl: metadata and loopback names and addresses the operator lets through", () => {
  it.each(STRICTER)(
    "refuses metadata and loopback host names that resolve inside pods, and other clouds' metadata addresses: %j → %s",
    (url, expected) => {
      expect(checkRemoteUrl(url)?.kind ?? "ok").toBe(expected);
    },
  );
});

describe("checkRemoteUrl messages and hints", () => {
  it("names the metadata range", () => {
    expect(checkRemoteUrl("http://169.254.169.254/latest/meta-data/")).toEqual({
      kind: "blocked-address",
      message: "remoteUrl host 169.254.169.254 is a link-local address (cloud metadata endpoints live there)",
      hint: "use the backend's public URL; for an in-cluster backend use an MCPServer or MCPRemoteProxy instead",
    });
  });

  it("sends private addresses to an MCPRemoteProxy: v0.44.0 has no opt-out", () => {
    const problem = checkRemoteUrl("http://172.16.0.1/");
    expect(problem?.message).toBe("remoteUrl host 172.16.0.1 is a private address (RFC 1918, 172.16.0.0/12)");
    expect(problem?.hint).toBe(
      "an MCPServerEntry may not point at a private address; use the backend's public URL, or reach a private backend through an MCPRemoteProxy",
    );
  });

  it("shows the normalised address next to the written one", () => {
    expect(checkRemoteUrl("http://2130706433/")?.message).toBe(
      "remoteUrl host 2130706433 (127.0.0.1) is a loopback address (127.0.0.0/8)",
    );
    expect(checkRemoteUrl("http://[::ffff:10.0.0.1]/")?.message).toBe(
      "remoteUrl host ::ffff:10.0.0.1 (10.0.0.1) is a private address (RFC 1918, 10.0.0.0/8)",
    );
    expect(checkRemoteUrl("http://[::1]/")?.message).toBe("remoteUrl host ::1 is the IPv6 loopback address (::1)");
  });

  it("says which blocked name a subdomain falls under", () => {
    expect(checkRemoteUrl("http://a.kubernetes.default.svc/")?.message).toBe(
      "remoteUrl host a.kubernetes.default.svc is under kubernetes.default.svc, the Kubernetes API server's in-cluster name",
    );
    expect(checkRemoteUrl("http://localhost/")?.message).toBe("remoteUrl host localhost is the loopback host name");
    const internal = checkRemoteUrl("http://x.cluster.local/");
    expect(internal?.message).toBe(
      "remoteUrl host x.cluster.local is under cluster.local, the cluster-internal DNS domain",
    );
    expect(internal?.hint).toContain("use an MCPServer or MCPRemoteProxy instead");
  });

  it("blocks kubernetes.default.svc.cluster.local as the API server, not as cluster.local", () => {
    expect(checkRemoteUrl("http://kubernetes.default.svc.cluster.local/")?.message).toBe(
      "remoteUrl host kubernetes.default.svc.cluster.local is the Kubernetes API server's in-cluster name",
    );
  });

  it("explains invalid URLs", () => {
    expect(checkRemoteUrl("")?.message).toBe("remoteUrl is empty");
    expect(checkRemoteUrl("ftp://mcp.example.com")?.message).toBe('remoteUrl must use http or https, got scheme "ftp"');
    expect(checkRemoteUrl("mcp.example.com")?.message).toBe('remoteUrl "mcp.example.com" has no scheme');
    expect(checkRemoteUrl("http:///x")?.message).toBe('remoteUrl "http:///x" has no host');
    const newline = checkRemoteUrl("https://mcp.example.com\n");
    expect(newline?.message).toBe("remoteUrl contains a control character (U+000A)");
    expect(newline?.hint).toContain("block scalar");
  });
});

describe("ip-ranges helpers", () => {
  const ip = (text: string) => {
    const parsed = parseIp(text);
    if (parsed === undefined) throw new Error(`not an IP literal: ${text}`);
    return parsed;
  };

  it("parses and normalises IP literals", () => {
    expect(ip("10.1.2.3").toByteArray()).toEqual([10, 1, 2, 3]);
    expect(ip("[::ffff:10.1.2.3]").toByteArray()).toEqual([10, 1, 2, 3]);
    expect(ip("::ffff:a01:203").toByteArray()).toEqual([10, 1, 2, 3]);
    expect(ip("::1").toByteArray()).toHaveLength(16);
    expect(ip("1::2:3:4:5:6:7").toByteArray()).toHaveLength(16);
    expect(parseIp("example.com")).toBeUndefined();
    expect(parseIp("010.0.0.1")).toBeUndefined();
    expect(parseIp("0x7f.0.0.1")).toBeUndefined();
    expect(parseIp("127.1")).toBeUndefined();
    expect(parseIp("fe80::1%eth0")).toBeUndefined();
    expect(parseIp("1:2:3:4:5:6:7:8:9")).toBeUndefined();
  });

  it("formats addresses canonically", () => {
    expect(formatIp(ip("0:0:0:0:0:0:0:1"))).toBe("::1");
    expect(formatIp(ip("2001:DB8:0:0:1:0:0:1"))).toBe("2001:db8::1:0:0:1");
    expect(formatIp(ip("1:0:2:3:4:5:6:7"))).toBe("1:0:2:3:4:5:6:7");
    expect(formatIp(ip("::"))).toBe("::");
    expect(hostCidr(ip("10.0.0.1"))).toBe("10.0.0.1/32");
    expect(hostCidr(ip("FD00::1"))).toBe("fd00::1/128");
  });

  it("matches CIDR ranges within one family only", () => {
    const range = parseCidr("172.16.0.0/12");
    expect(rangeContains(range, ip("172.31.0.1"))).toBe(true);
    expect(rangeContains(range, ip("172.32.0.1"))).toBe(false);
    expect(rangeContains(parseCidr("fe80::/10"), ip("febf::1"))).toBe(true);
    expect(rangeContains(parseCidr("fe80::/10"), ip("fec0::1"))).toBe(false);
    expect(rangeContains(parseCidr("::/128"), ip("0.0.0.0"))).toBe(false);
    expect(rangeContains(parseCidr("0.0.0.0/0"), ip("1.2.3.4"))).toBe(true);
    expect(() => parseCidr("10.0.0.0/33")).toThrow();
    expect(() => parseCidr("10.0.0.0")).toThrow();
  });
});
