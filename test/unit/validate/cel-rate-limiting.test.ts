import { describe, expect, it } from "vitest";
import { doc, expectFindings, messageOf, vmcp } from "./cel-helpers.js";

const REDIS = "sessionStorage:\n  provider: redis\n  address: redis:6379\n";
const OIDC = "incomingAuth:\n  type: oidc\n  oidcConfigRef:\n    name: o\n    audience: a\n";
const ANON = "incomingAuth:\n  type: anonymous\n";
const bucket = "{maxTokens: 10, refillPeriod: 1m}";

describe("VirtualMCPServer spec.config.rateLimiting", () => {
  describe("VMCP301 requires sessionStorage provider redis", () => {
    it("passes with redis", () => {
      expectFindings(vmcp(ANON + REDIS + `config:\n  rateLimiting:\n    shared: ${bucket}\n`));
    });
    it("fails without sessionStorage, at rateLimiting", () => {
      const text = vmcp(ANON + `config:\n  rateLimiting: # VMCP301\n    shared: ${bucket}\n`);
      expectFindings(text);
      expect(messageOf(text, "VMCP301")).toContain("spec.sessionStorage is not set");
    });
    it("fails with the memory provider, at the provider", () => {
      expectFindings(
        vmcp(ANON + `sessionStorage:\n  provider: memory # VMCP301\nconfig:\n  rateLimiting:\n    shared: ${bucket}\n`),
      );
    });
  });

  describe("VMCP302 perUser requires incomingAuth oidc", () => {
    it("passes with oidc", () => {
      expectFindings(
        vmcp(
          OIDC +
            REDIS +
            `config:\n  rateLimiting:\n    perUser: ${bucket}\n    tools:\n      - name: search\n        perUser: ${bucket}\n`,
        ),
      );
    });
    it("passes with anonymous and only shared limits", () => {
      expectFindings(
        vmcp(
          ANON +
            REDIS +
            `config:\n  rateLimiting:\n    shared: ${bucket}\n    tools:\n      - name: search\n        shared: ${bucket}\n`,
        ),
      );
    });
    it("fails for the top-level perUser with anonymous auth", () => {
      expectFindings(vmcp(ANON + REDIS + `config:\n  rateLimiting:\n    perUser: ${bucket} # VMCP302\n`));
    });
    it("fails for a per-tool perUser with anonymous auth, at that tool", () => {
      expectFindings(
        vmcp(
          ANON +
            REDIS +
            `config:\n  rateLimiting:\n    shared: ${bucket}\n    tools:\n      - name: a\n        shared: ${bucket}\n      - name: b\n        perUser: ${bucket} # VMCP302\n`,
        ),
      );
    });
  });

  describe("VMCP310 shape", () => {
    it("passes with only a non-empty tools list", () => {
      expectFindings(
        vmcp(ANON + REDIS + `config:\n  rateLimiting:\n    tools:\n      - name: a\n        shared: ${bucket}\n`),
      );
    });
    it("fails when empty, at rateLimiting", () => {
      expectFindings(vmcp(ANON + REDIS + "config:\n  rateLimiting: {} # VMCP310\n"));
    });
    it("fails with an empty tools list", () => {
      expectFindings(vmcp(ANON + REDIS + "config:\n  rateLimiting: # VMCP310\n    tools: []\n"));
    });
    it("fails for a tool entry with no limit, at that entry", () => {
      expectFindings(
        vmcp(ANON + REDIS + `config:\n  rateLimiting:\n    shared: ${bucket}\n    tools:\n      - name: a # VMCP310\n`),
      );
    });
  });
});

describe("MCPServer spec.rateLimiting", () => {
  const server = (body: string) => doc("MCPServer", "image: ghcr.io/x/y\n" + body);
  it("VMCP301 passes with redis", () => {
    expectFindings(server(REDIS + `rateLimiting:\n  shared: ${bucket}\n`));
  });
  it("VMCP301 fails without sessionStorage, at rateLimiting", () => {
    expectFindings(server(`rateLimiting: # VMCP301\n  shared: ${bucket}\n`));
  });
  it("VMCP301 fails with memory, at the provider", () => {
    expectFindings(server(`sessionStorage:\n  provider: memory # VMCP301\nrateLimiting:\n  shared: ${bucket}\n`));
  });
  it("VMCP314 passes with oidcConfigRef or externalAuthConfigRef", () => {
    expectFindings(server(REDIS + `oidcConfigRef:\n  name: o\n  audience: a\nrateLimiting:\n  perUser: ${bucket}\n`));
    expectFindings(
      server(
        REDIS + `externalAuthConfigRef:\n  name: e\nrateLimiting:\n  tools:\n    - name: t\n      perUser: ${bucket}\n`,
      ),
    );
  });
  it("VMCP314 fails for perUser without authentication", () => {
    const text = server(REDIS + `rateLimiting:\n  perUser: ${bucket} # VMCP314\n`);
    expectFindings(text);
    expect(messageOf(text, "VMCP314")).toContain("neither spec.oidcConfigRef nor spec.externalAuthConfigRef");
  });
  it("VMCP314 fails for a per-tool perUser without authentication", () => {
    expectFindings(server(REDIS + `rateLimiting:\n  tools:\n    - name: t\n      perUser: ${bucket} # VMCP314\n`));
  });
  it("VMCP310 fails when empty and for a tool with no limit", () => {
    expectFindings(server(REDIS + "rateLimiting: {} # VMCP310\n"));
    expectFindings(server(REDIS + `rateLimiting:\n  shared: ${bucket}\n  tools:\n    - name: t # VMCP310\n`));
  });
});
