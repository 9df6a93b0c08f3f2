import { describe, expect, it } from "vitest";
import { expectFindings, messageOf, vmcp, yaml } from "./cel-helpers.js";

const ANON = "incomingAuth:\n  type: anonymous\n";

describe("VMCP313 outgoingAuth.backends[X] of type externalAuthConfigRef", () => {
  it("passes with a named ref, and for discovered without one", () => {
    expectFindings(
      vmcp(
        ANON +
          yaml`
      outgoingAuth:
        source: inline
        backends:
          github:
            type: externalAuthConfigRef
            externalAuthConfigRef:
              name: gh-auth
          fetch:
            type: discovered
    `,
      ),
    );
  });
  it("fails without the ref, at the backend", () => {
    const text = vmcp(
      ANON + "outgoingAuth:\n  source: inline\n  backends:\n    github: # VMCP313\n      type: externalAuthConfigRef\n",
    );
    expectFindings(text);
    expect(messageOf(text, "VMCP313")).toContain(
      'spec.outgoingAuth.backends.github.type is "externalAuthConfigRef" but externalAuthConfigRef is not set',
    );
  });
  it("fails with an empty ref name, at the name", () => {
    expectFindings(
      vmcp(
        ANON +
          'outgoingAuth:\n  source: inline\n  backends:\n    github:\n      type: externalAuthConfigRef\n      externalAuthConfigRef:\n        name: "" # VMCP313\n',
      ),
    );
  });
});

describe("VMCP606 spec.config.aggregation", () => {
  it("passes for priority with an order; without conflictResolutionConfig the operator accepts it but vMCP refuses it (vmcp-aggregation-runtime)", () => {
    expectFindings(
      vmcp(
        ANON +
          "config:\n  aggregation:\n    conflictResolution: priority\n    conflictResolutionConfig:\n      priorityOrder: [github, fetch]\n",
      ),
    );
    expectFindings(vmcp(ANON + "config:\n  aggregation:\n    conflictResolution: priority # VMCP606\n"));
  });
  it("fails for priority with an empty order, at conflictResolutionConfig", () => {
    expectFindings(
      vmcp(
        ANON +
          "config:\n  aggregation:\n    conflictResolution: priority\n    conflictResolutionConfig: # VMCP606\n      priorityOrder: []\n",
      ),
    );
  });
  it("passes for distinct, non-empty workloads with named toolConfigRefs", () => {
    expectFindings(
      vmcp(
        ANON +
          "config:\n  aggregation:\n    tools:\n      - workload: github\n        toolConfigRef:\n          name: gh-tools\n      - workload: fetch\n        filter: [fetch]\n",
      ),
    );
  });
  it("fails for an empty workload, at the workload", () => {
    expectFindings(
      vmcp(ANON + 'config:\n  aggregation:\n    tools:\n      - workload: "" # VMCP606\n        filter: [x]\n'),
    );
  });
  it("fails for a repeated workload, at the second entry", () => {
    const text = vmcp(
      ANON +
        "config:\n  aggregation:\n    tools:\n      - workload: github\n      - workload: fetch\n      - workload: github # VMCP606\n",
    );
    expectFindings(text);
    expect(messageOf(text, "VMCP606")).toContain('tools[2].workload "github" repeats tools[0]');
  });
  it("fails for an empty toolConfigRef name, at the name", () => {
    expectFindings(
      vmcp(
        ANON +
          'config:\n  aggregation:\n    tools:\n      - workload: github\n        toolConfigRef:\n          name: "" # VMCP606\n',
      ),
    );
  });
});

describe("VMCP604 duplicated spec.config.compositeTools[i].name", () => {
  const tool = (name: string, mark = "") =>
    `    - name: ${name}${mark}\n      description: d\n      steps:\n        - id: s1\n          tool: github.search\n`;
  it("passes for distinct names", () => {
    expectFindings(vmcp(ANON + "config:\n  compositeTools:\n" + tool("a") + tool("b")));
  });
  it("fails for a repeated name, at the second one", () => {
    expectFindings(vmcp(ANON + "config:\n  compositeTools:\n" + tool("a") + tool("b") + tool("a", " # VMCP604")));
  });
});

describe("VMCP318 optimizer needs an embedding service", () => {
  it("passes with embeddingServerRef, or with embeddingService", () => {
    expectFindings(vmcp(ANON + "embeddingServerRef:\n  name: emb\nconfig:\n  optimizer:\n    maxToolsToReturn: 5\n"));
    expectFindings(vmcp(ANON + "config:\n  optimizer:\n    embeddingService: http://tei.default.svc:8080\n"));
  });
  it("fails with neither, at optimizer", () => {
    expectFindings(vmcp(ANON + "config:\n  optimizer: # VMCP318\n    maxToolsToReturn: 5\n"));
  });
});
