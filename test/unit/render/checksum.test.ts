import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { configMapChecksum } from "../../../src/render/checksum.js";

// operator-reference.md §3.7: the worked example's config.yaml (4-space yaml.v3 layout), 830 bytes.
const WORKED_EXAMPLE = `name: eng-tools
groupRef: engineering-team
backends:
    - name: context7
      url: https://mcp.context7.com/mcp
      transport: streamable-http
      metadata:
        group: engineering-team
        namespace: toolhive-system
        remote_url: https://mcp.context7.com/mcp
        tool_type: mcp
        workload_status: Valid
        workload_type: server_entry
incomingAuth:
    type: anonymous
outgoingAuth:
    source: inline
aggregation:
    conflictResolution: prefix
    conflictResolutionConfig:
        prefixFormat: '{workload}_'
operational:
    timeouts:
        default: 30s
    failureHandling:
        healthCheckInterval: 30s
        unhealthyThreshold: 3
        statusReportingInterval: 30s
        partialFailureMode: fail
        circuitBreaker:
            failureThreshold: 5
            timeout: 1m0s
`;

describe("configMapChecksum", () => {
  it("reproduces the operator's test vector", () => {
    expect(Buffer.byteLength(WORKED_EXAMPLE)).toBe(830);
    const labels = {
      "toolhive.stacklok.io/virtual-mcp-server": "eng-tools",
      "toolhive.stacklok.io/component": "vmcp-config",
      "toolhive.stacklok.io/managed-by": "toolhive-operator",
    };
    expect(configMapChecksum({ "config.yaml": WORKED_EXAMPLE }, labels)).toBe(
      "42c6d750c5850256c477e9090d05b7c089c0243495d8bef74c9f1f86cc51746f",
    );
  });

  it("hashes data keys then labels, each sorted byte-wise, without separators", () => {
    const expected = createHash("sha256")
      .update("a.yaml")
      .update("1")
      .update("b.yaml")
      .update("2")
      .update("A")
      .update("x")
      .update("b")
      .update("y")
      .digest("hex");
    expect(configMapChecksum({ "b.yaml": "2", "a.yaml": "1" }, { b: "y", A: "x" })).toBe(expected);
  });

  it("ignores the checksum annotation itself but includes other annotations", () => {
    const base = configMapChecksum({ k: "v" }, {});
    expect(configMapChecksum({ k: "v" }, {}, { "toolhive.stacklok.dev/content-checksum": "whatever" })).toBe(base);
    expect(configMapChecksum({ k: "v" }, {}, { other: "x" })).not.toBe(base);
  });
});
