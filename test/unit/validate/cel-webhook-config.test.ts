import { describe, it } from "vitest";
import { doc, expectFindings } from "./cel-helpers.js";

describe("VMCP317 MCPWebhookConfig needs a webhook", () => {
  const hooks = (body: string) => doc("MCPWebhookConfig", body, "toolhive.stacklok.dev/v1alpha1");
  it("passes with one validating or one mutating webhook", () => {
    expectFindings(hooks("validating:\n  - name: policy\n    url: https://hooks.example.com/validate\n"));
    expectFindings(hooks("mutating:\n  - name: redact\n    url: https://hooks.example.com/mutate\n"));
  });
  it("fails with empty lists, at spec", () => {
    const text = hooks("validating: []\nmutating: []\n").replace("spec:", "spec: # VMCP317");
    expectFindings(text);
  });
});
