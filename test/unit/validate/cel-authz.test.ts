import { describe, expect, it } from "vitest";
import { doc, expectFindings, messageOf, vmcp } from "./cel-helpers.js";

/** The three owners of an inline authzConfig; `body` is indented to where authzConfig sits. */
const OWNERS = [
  {
    kind: "VirtualMCPServer",
    build: (authz: string) => vmcp("incomingAuth:\n  type: anonymous\n" + indent(authz, 2)),
    at: "spec.incomingAuth",
  },
  { kind: "MCPServer", build: (authz: string) => doc("MCPServer", "image: x\n" + authz), at: "spec" },
  {
    kind: "MCPRemoteProxy",
    build: (authz: string) => doc("MCPRemoteProxy", "remoteUrl: https://mcp.example.com\n" + authz),
    at: "spec",
  },
] as const;

function indent(text: string, n: number): string {
  return text.replace(/^(?=.)/gm, " ".repeat(n));
}

describe.each(OWNERS)("$kind authzConfig", ({ build, at }) => {
  it("passes with a configMap (type defaulted), with inline, and with only authzConfigRef", () => {
    expectFindings(build("authzConfig:\n  configMap:\n    name: policies\n"));
    expectFindings(
      build("authzConfig:\n  type: inline\n  inline:\n    policies: ['permit(principal, action, resource);']\n"),
    );
    expectFindings(build("authzConfigRef:\n  name: shared\n"));
  });

  it("VMCP305 fails with both authzConfig and authzConfigRef, at authzConfig", () => {
    const text = build("authzConfig: # VMCP305\n  configMap:\n    name: policies\nauthzConfigRef:\n  name: shared\n");
    expectFindings(text);
    expect(messageOf(text, "VMCP305")).toContain(`${at}.authzConfig and ${at}.authzConfigRef are mutually exclusive`);
  });

  it("VMCP306 fails for type configMap without configMap, at authzConfig", () => {
    expectFindings(build("authzConfig: # VMCP306\n  type: configMap\n  groupClaimName: groups\n"));
  });

  it("VMCP306 fails for a configMap block with type inline, at configMap", () => {
    expectFindings(
      build(
        "authzConfig:\n  type: inline\n  inline:\n    policies: ['permit(principal, action, resource);']\n  configMap: # VMCP306\n    name: policies\n",
      ),
    );
  });

  it("VMCP306 fails for type inline without inline, at authzConfig", () => {
    expectFindings(build("authzConfig: # VMCP306\n  type: inline\n"));
  });

  it("VMCP306 fails twice for an inline block without a type (it defaults to configMap)", () => {
    const text = build(
      "authzConfig: # VMCP306\n  inline: # VMCP306\n    policies: ['permit(principal, action, resource);']\n",
    );
    expectFindings(text);
  });
});
