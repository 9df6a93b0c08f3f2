import { describe, expect, it } from "vitest";
import { readArgocdOptions } from "../../../src/cli/argocd-env.js";
import { VERSION } from "../../../src/cli/version.js";
import { UsageError } from "../../../src/diagnostics/errors.js";

// The Argo CD plugin settings, read with their zod models (src/cli/argocd-env.ts): the options of
// valid ones, and for wrong ones the usage error's list of problems, one line each, in order.
const P = (...ps: unknown[]) => ({ ARGOCD_APP_PARAMETERS: JSON.stringify(ps) });
type Expected = Record<string, unknown> | string[];

const CASES: [string, Record<string, string>, Expected][] = [
  ["nothing", {}, { skipInvalidBackends: false, strictRefs: false, vmcp: [] }],
  [
    "namespace only",
    { ARGOCD_APP_NAMESPACE: " team-a " },
    { namespace: "team-a", skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  ["blank namespace", { ARGOCD_APP_NAMESPACE: "  " }, { skipInvalidBackends: false, strictRefs: false, vmcp: [] }],
  ["blank parameters", { ARGOCD_APP_PARAMETERS: " " }, { skipInvalidBackends: false, strictRefs: false, vmcp: [] }],
  [
    "empty parameter list",
    { ARGOCD_APP_PARAMETERS: "[]" },
    { skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  [
    "every parameter",
    P(
      { name: "image", string: "registry.example.com/vmcp:v1" },
      { name: "vmcp", array: ["a", "team-b/b"] },
      { name: "skip-invalid-backends", string: "true" },
      { name: "strict-refs", string: "FALSE" },
    ),
    { image: "registry.example.com/vmcp:v1", skipInvalidBackends: true, strictRefs: false, vmcp: ["a", "team-b/b"] },
  ],
  [
    "vmcp as a string parameter",
    P({ name: "vmcp", string: "a, b" }),
    { skipInvalidBackends: false, strictRefs: false, vmcp: ["a", "b"] },
  ],
  [
    "every env setting",
    {
      ARGOCD_ENV_VMCP_IMAGE: "registry.example.com/vmcp:v2",
      ARGOCD_ENV_VMCP_FILTER: "x,y",
      ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS: "false",
      ARGOCD_ENV_VMCP_STRICT_REFS: "true",
    },
    { image: "registry.example.com/vmcp:v2", skipInvalidBackends: false, strictRefs: true, vmcp: ["x", "y"] },
  ],
  [
    "parameter wins over env",
    {
      ...P({ name: "image", string: "registry.example.com/vmcp:p" }),
      ARGOCD_ENV_VMCP_IMAGE: "registry.example.com/vmcp:e",
      ARGOCD_ENV_VMCP_FILTER: "from-env",
    },
    { image: "registry.example.com/vmcp:p", skipInvalidBackends: false, strictRefs: false, vmcp: ["from-env"] },
  ],
  [
    "blank string parameter falls back to env",
    { ...P({ name: "image", string: "  " }), ARGOCD_ENV_VMCP_IMAGE: "registry.example.com/vmcp:e" },
    { image: "registry.example.com/vmcp:e", skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  [
    "blank env ignored",
    { ARGOCD_ENV_VMCP_IMAGE: " ", ARGOCD_ENV_VMCP_STRICT_REFS: "" },
    { skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  [
    "empty array parameter",
    P({ name: "vmcp", array: [] }),
    { skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  ["not JSON", { ARGOCD_APP_PARAMETERS: "{not json" }, ["ARGOCD_APP_PARAMETERS is not valid JSON"]],
  [
    "not an array",
    { ARGOCD_APP_PARAMETERS: '{"name":"image"}' },
    ["ARGOCD_APP_PARAMETERS is not a JSON array of {name, string|array|map}"],
  ],
  [
    "entry without name",
    P({ string: "x" }, 3, null, { name: 4 }),
    [
      "ARGOCD_APP_PARAMETERS holds an entry without a name",
      "ARGOCD_APP_PARAMETERS holds an entry without a name",
      "ARGOCD_APP_PARAMETERS holds an entry without a name",
      "ARGOCD_APP_PARAMETERS holds an entry without a name",
    ],
  ],
  [
    "unknown parameter with guess",
    P({ name: "strict-ref", string: "true" }),
    [
      'parameter "strict-ref" is not a vmcp-gen parameter (did you mean "strict-refs"?); parameters are image, vmcp, skip-invalid-backends, strict-refs',
    ],
  ],
  [
    "unknown parameter without guess",
    P({ name: "verbose", string: "1" }),
    ['parameter "verbose" is not a vmcp-gen parameter; parameters are image, vmcp, skip-invalid-backends, strict-refs'],
  ],
  ["map value", P({ name: "image", map: { a: "b" } }), ['parameter "image" takes a string (string: …), not a map']],
  [
    "array for a string parameter",
    P({ name: "image", array: ["a"] }),
    ['parameter "image" takes a string (string: …), not an array'],
  ],
  [
    "array not an array",
    P({ name: "vmcp", array: "a" }),
    ['parameter "vmcp" takes an array of strings (array: [a, b]), not a string ("a")'],
  ],
  [
    "array of null",
    P({ name: "vmcp", array: null }),
    ['parameter "vmcp" takes an array of strings (array: [a, b]), not null'],
  ],
  [
    "array holding a number",
    P({ name: "vmcp", array: ["a", 2] }),
    ['parameter "vmcp" takes an array of strings (array: [a, b]), not an array holding a number (2)'],
  ],
  [
    "array holding an object",
    P({ name: "vmcp", array: [{}] }),
    ['parameter "vmcp" takes an array of strings (array: [a, b]), not an array holding a map'],
  ],
  [
    "string a number",
    P({ name: "strict-refs", string: 1 }),
    ['parameter "strict-refs" takes a string, "true" or "false" (string: "true"), not a number (1)'],
  ],
  [
    "string a boolean",
    P({ name: "strict-refs", string: true }),
    ['parameter "strict-refs" takes a string, "true" or "false" (string: "true"), not a boolean (true)'],
  ],
  [
    "string an object",
    P({ name: "image", string: { x: 1 } }),
    ['parameter "image" takes a string (string: …), not a map'],
  ],
  ["no value", P({ name: "image" }), ['parameter "image" has no value; it takes a string (string: …)']],
  [
    "map and string",
    P({ name: "strict-refs", map: {}, string: "true" }),
    ['parameter "strict-refs" takes a string, "true" or "false" (string: "true"), not a map'],
  ],
  [
    "array and string",
    P({ name: "vmcp", array: ["a"], string: "b" }),
    { skipInvalidBackends: false, strictRefs: false, vmcp: ["a"] },
  ],
  [
    "null string",
    P({ name: "vmcp", string: null }),
    ['parameter "vmcp" takes an array of strings (array: [a, b]), not null'],
  ],
  [
    "unknown env settings",
    {
      ARGOCD_ENV_VMCP_STRICTREFS: "true",
      ARGOCD_ENV_VMCP_ZZZ: "1",
      ARGOCD_ENV_OTHER: "x",
      ARGOCD_ENV_VMCP_IMAGE: "registry.example.com/v:1",
    },
    [
      "ARGOCD_ENV_VMCP_STRICTREFS is not a vmcp-gen setting (did you mean ARGOCD_ENV_VMCP_STRICT_REFS?); settings are ARGOCD_ENV_VMCP_IMAGE, ARGOCD_ENV_VMCP_FILTER, ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS, ARGOCD_ENV_VMCP_STRICT_REFS",
      "ARGOCD_ENV_VMCP_ZZZ is not a vmcp-gen setting (did you mean ARGOCD_ENV_VMCP_IMAGE?); settings are ARGOCD_ENV_VMCP_IMAGE, ARGOCD_ENV_VMCP_FILTER, ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS, ARGOCD_ENV_VMCP_STRICT_REFS",
    ],
  ],
  [
    "bad values",
    {
      ...P(
        { name: "image", string: "Not An Image!" },
        { name: "skip-invalid-backends", string: "yes" },
        { name: "vmcp", array: ["../etc"] },
        { name: "verbose", string: "1" },
      ),
      ARGOCD_ENV_VMCP_STRICTREFS: "true",
      ARGOCD_APP_NAMESPACE: "Team_A",
      ARGOCD_ENV_VMCP_STRICT_REFS: "maybe",
    },
    [
      'parameter "verbose" is not a vmcp-gen parameter; parameters are image, vmcp, skip-invalid-backends, strict-refs',
      "ARGOCD_ENV_VMCP_STRICTREFS is not a vmcp-gen setting (did you mean ARGOCD_ENV_VMCP_STRICT_REFS?); settings are ARGOCD_ENV_VMCP_IMAGE, ARGOCD_ENV_VMCP_FILTER, ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS, ARGOCD_ENV_VMCP_STRICT_REFS",
      "ARGOCD_APP_NAMESPACE: \"Team_A\" is not a namespace name (at most 63 lower-case letters, digits and '-')",
      'parameter image: "Not An Image!" is not a container image reference (e.g. ghcr.io/stacklok/toolhive/vmcp:v0.44.0)',
      'parameter vmcp: "../etc" is not a VirtualMCPServer name (name or namespace/name, lower-case DNS-1123)',
      'parameter skip-invalid-backends: "yes" is not a boolean; use true or false',
      'ARGOCD_ENV_VMCP_STRICT_REFS: "maybe" is not a boolean; use true or false',
    ],
  ],
  [
    "bad env values",
    { ARGOCD_ENV_VMCP_IMAGE: "bad image", ARGOCD_ENV_VMCP_FILTER: "A", ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS: "1" },
    [
      'ARGOCD_ENV_VMCP_IMAGE: "bad image" is not a container image reference (e.g. ghcr.io/stacklok/toolhive/vmcp:v0.44.0)',
      'ARGOCD_ENV_VMCP_FILTER: "A" is not a VirtualMCPServer name (name or namespace/name, lower-case DNS-1123)',
      'ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS: "1" is not a boolean; use true or false',
    ],
  ],
  [
    "duplicate parameters",
    P(
      { name: "image", string: "registry.example.com/vmcp:1" },
      { name: "image", string: "registry.example.com/vmcp:2" },
    ),
    { image: "registry.example.com/vmcp:2", skipInvalidBackends: false, strictRefs: false, vmcp: [] },
  ],
  [
    "proto name",
    P({ name: "__proto__", string: "x" }, { name: "constructor", string: "y" }),
    [
      'parameter "__proto__" is not a vmcp-gen parameter; parameters are image, vmcp, skip-invalid-backends, strict-refs',
      'parameter "constructor" is not a vmcp-gen parameter; parameters are image, vmcp, skip-invalid-backends, strict-refs',
    ],
  ],
];

describe("readArgocdOptions", () => {
  it.each(CASES)("%s", (_name, env, expected) => {
    if (!Array.isArray(expected)) {
      expect(readArgocdOptions(env)).toEqual(expected);
      return;
    }
    let error: unknown;
    try {
      readArgocdOptions(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    const message = (error as UsageError).message.split("\n");
    expect(message[0]).toBe("invalid Argo CD plugin settings:");
    expect(message.slice(1, -1)).toEqual(expected.map((p) => `  - ${p}`));
    expect(message.at(-1)).toBe(
      `Set them in the Application's spec.source.plugin.parameters or .env (see https://github.com/stacklok/vmcp-gen/blob/v${VERSION}/docs/gitops.md#argo-cd).`,
    );
  });
});
