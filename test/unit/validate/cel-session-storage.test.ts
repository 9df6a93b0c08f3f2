import { describe, it } from "vitest";
import { doc, expectFindings, vmcp, yaml } from "./cel-helpers.js";

const REDIS = "sessionStorage:\n  provider: redis\n  address: redis:6379\n";
const ANON = "incomingAuth:\n  type: anonymous\n";

describe("VMCP307 sessionStorage redis requires address", () => {
  it("passes for VirtualMCPServer with an address, and for memory without one", () => {
    expectFindings(vmcp(ANON + REDIS));
    expectFindings(vmcp(ANON + "sessionStorage:\n  provider: memory\n"));
  });
  it("fails for VirtualMCPServer, at sessionStorage", () => {
    expectFindings(vmcp(ANON + "sessionStorage: # VMCP307\n  provider: redis\n"));
  });
  it("passes and fails for MCPServer", () => {
    expectFindings(doc("MCPServer", "image: x\n" + REDIS));
    expectFindings(doc("MCPServer", "image: x\nsessionStorage: # VMCP307\n  provider: redis\n  db: 2\n"));
  });
  it("passes and fails for MCPRemoteProxy", () => {
    expectFindings(doc("MCPRemoteProxy", "remoteUrl: https://mcp.example.com\n" + REDIS));
    expectFindings(
      doc(
        "MCPRemoteProxy",
        yaml`
      remoteUrl: https://mcp.example.com
      sessionStorage: # VMCP307
        provider: redis
    `,
      ),
    );
  });
});
