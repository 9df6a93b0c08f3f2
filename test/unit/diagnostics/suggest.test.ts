import { describe, expect, it } from "vitest";
import { closestMatch } from "../../../src/diagnostics/suggest.js";

describe("closestMatch", () => {
  it.each([
    ["groupRefs", ["groupRef", "incomingAuth", "outgoingAuth"], "groupRef"],
    ["inlne", ["inline", "discovered"], "inline"],
    ["GROUPREF", ["groupRef"], "groupRef"],
    ["virtualmcpserver", ["VirtualMCPServer", "MCPServer"], "VirtualMCPServer"],
    ["MCPServers", ["MCPServer", "MCPServerEntry"], "MCPServer"],
  ])("suggests %s → %s", (input, candidates, expected) => {
    expect(closestMatch(input, candidates)).toBe(expected);
  });

  it("suggests nothing when nothing is close", () => {
    expect(closestMatch("replicas", ["groupRef", "incomingAuth"])).toBeUndefined();
    expect(closestMatch("x", [])).toBeUndefined();
  });
});
