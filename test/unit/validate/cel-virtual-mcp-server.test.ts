import { describe, expect, it } from "vitest";
import { annotated, expectFindings, messageOf, vmcp, yaml } from "./cel-helpers.js";

describe("cel-helpers", () => {
  it("reads the expected findings from # comments, with 1-based lines", () => {
    expect(annotated("a: 1\nb: 2 # VMCP301 VMCP302\nc: 3 # VMCP310\n")).toEqual([
      { code: "VMCP301", line: 2 },
      { code: "VMCP302", line: 2 },
      { code: "VMCP310", line: 3 },
    ]);
  });
  it("builds documents whose lines the tests can count", () => {
    expect(vmcp("incomingAuth: # here\n  type: anonymous\n").split("\n")[7]).toBe("  incomingAuth: # here");
  });
});

describe("VMCP304 incomingAuth.type oidc requires oidcConfigRef", () => {
  it("passes with an oidcConfigRef", () => {
    expectFindings(
      vmcp(yaml`
      incomingAuth:
        type: oidc
        oidcConfigRef:
          name: o
          audience: vmcp
    `),
    );
  });
  it("passes for anonymous without one", () => {
    expectFindings(vmcp("incomingAuth:\n  type: anonymous\n"));
  });
  it("fails without one, at incomingAuth", () => {
    const text = vmcp("incomingAuth: # VMCP304\n  type: oidc\n");
    expectFindings(text);
    expect(messageOf(text, "VMCP304")).toContain("spec.incomingAuth.oidcConfigRef is not set");
  });
});

describe("VMCP303 embeddingServerRef vs embeddingProvider openai", () => {
  it("passes with embeddingServerRef and the default tei provider", () => {
    expectFindings(
      vmcp(yaml`
      incomingAuth:
        type: anonymous
      embeddingServerRef:
        name: emb
      config:
        optimizer: {}
    `),
    );
  });
  it("passes with openai and an embeddingService", () => {
    expectFindings(
      vmcp(yaml`
      incomingAuth:
        type: anonymous
      config:
        optimizer:
          embeddingProvider: openai
          embeddingService: https://api.openai.com/v1
    `),
    );
  });
  it("fails with both, at embeddingProvider", () => {
    expectFindings(
      vmcp(yaml`
      incomingAuth:
        type: anonymous
      embeddingServerRef:
        name: emb
      config:
        optimizer:
          embeddingProvider: openai # VMCP303
          embeddingService: https://api.openai.com/v1
    `),
    );
  });
});

describe("VMCP308 circuit breaker timeout >= 1s", () => {
  const breaker = (timeout: string, enabled: boolean, mark = "") =>
    vmcp(yaml`
      incomingAuth:
        type: anonymous
      config:
        operational:
          failureHandling:
            circuitBreaker:
              enabled: ${enabled}
              timeout: ${timeout}${mark}
    `);
  it("passes at 1s, 1500ms, 0.5m and the 60s default", () => {
    expectFindings(breaker("1s", true));
    expectFindings(breaker("1500ms", true));
    expectFindings(breaker("0.5m", true));
    expectFindings(
      vmcp(
        "incomingAuth:\n  type: anonymous\nconfig:\n  operational:\n    failureHandling:\n      circuitBreaker:\n        enabled: true\n",
      ),
    );
  });
  it("fails below 1s, at the timeout value", () => {
    expectFindings(breaker("500ms", true, " # VMCP308"));
    expectFindings(breaker("999999us", true, " # VMCP308"));
  });
  it("fails below 1s even with the breaker disabled: the CEL sits on the field", () => {
    expectFindings(breaker("0s", false, " # VMCP308"));
  });
});

describe("VMCP309 optimizer embeddingHeaders", () => {
  const optimizer = (provider: string, headers: string) =>
    vmcp(
      yaml`
      incomingAuth:
        type: anonymous
      config:
        optimizer:
          embeddingProvider: ${provider}
          embeddingService: https://embed.example.com
          embeddingHeaders:
    ` + headers,
    );
  it("passes with openai and valid header names", () => {
    expectFindings(optimizer("openai", '      X-Org-Id: acme\n      api-version: "2024-02-01"\n'));
  });
  it("fails with the tei provider, at embeddingHeaders", () => {
    const text = optimizer("tei", "      X-Org-Id: acme\n").replace("embeddingHeaders:", "embeddingHeaders: # VMCP309");
    expectFindings(text);
    expect(messageOf(text, "VMCP309")).toContain('the provider is "tei"');
  });
  it("fails on an invalid header name, at that header", () => {
    expectFindings(optimizer("openai", '      "X Org": acme # VMCP309\n      X-Ok: fine\n'));
  });
  it("fails on Authorization and Content-Type in any case", () => {
    expectFindings(
      optimizer("openai", "      authorization: Bearer x # VMCP309\n      Content-Type: text/plain # VMCP309\n"),
    );
  });
});
