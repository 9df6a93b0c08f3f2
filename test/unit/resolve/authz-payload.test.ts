import { describe, expect, it } from "vitest";
import { parseAuthzConfigText, readAuthzEnvelope, readCedarOptions } from "../../../src/resolve/authz-payload.js";

const ok = (policies: string[], extra: object = {}) => ({
  options: { policies, entitiesJson: "", groupClaimName: "", roleClaimName: "", groupEntityType: "", ...extra },
});

describe("parseAuthzConfigText (LoadAuthzConfigFromConfigMap)", () => {
  const cases: [string, string, unknown][] = [
    [
      "JSON",
      '{"version":"1.0","type":"cedarv1","cedar":{"policies":["permit(principal, action, resource);"],"entities_json":"[]"}}',
      ok(["permit(principal, action, resource);"], { entitiesJson: "[]" }),
    ],
    [
      "YAML",
      'version: "1.0"\ntype: cedarv1\ncedar:\n  policies:\n    - permit(principal, action, resource);\n  group_claim_name: groups\n  role_claim_name: roles\n  group_entity_type: Team\n',
      ok(["permit(principal, action, resource);"], {
        groupClaimName: "groups",
        roleClaimName: "roles",
        groupEntityType: "Team",
      }),
    ],
    [
      "keys matched case-insensitively, the last match winning",
      '{"Version":"1.0","TYPE":"cedarv1","Cedar":{"Policies":["a"],"policies":["b"]}}',
      ok(["b"]),
    ],
    [
      "a null policy becomes an empty string",
      '{"version":"1.0","type":"cedarv1","cedar":{"policies":[null,"x"]}}',
      ok(["", "x"]),
    ],
    [
      "unknown keys are ignored",
      '{"version":"1.0","type":"cedarv1","extra":1,"cedar":{"policies":["x"],"multi_valued_claims":["scope"],"other":true}}',
      ok(["x"]),
    ],
    [
      "primary_upstream_provider in the payload is not used",
      '{"version":"1.0","type":"cedarv1","cedar":{"policies":["x"],"primary_upstream_provider":"github"}}',
      ok(["x"]),
    ],
  ];
  it.each(cases)("%s", (_name, text, expected) => expect(parseAuthzConfigText(text)).toEqual(expected));

  const problems: [string, string, RegExp][] = [
    ["empty", "  \n", /empty/],
    ["not YAML", "{version: [", /neither valid YAML nor JSON/],
    ["a list", "- a\n- b\n", /must be a mapping/],
    ["numeric version", "version: 1.0\ntype: cedarv1\ncedar: {policies: [x]}\n", /version must be a string.*quoted/],
    ["no version", '{"type":"cedarv1","cedar":{"policies":["x"]}}', /version is required/],
    ["no type", '{"version":"1.0","cedar":{"policies":["x"]}}', /type is required/],
    [
      "unregistered type",
      '{"version":"1.0","type":"opa","cedar":{"policies":["x"]}}',
      /unsupported configuration type "opa"/,
    ],
    ["httpv1", '{"version":"1.0","type":"httpv1","pdp":{"http":{"url":"http://pdp"}}}', /not a Cedar config/],
    ["no cedar block", '{"version":"1.0","type":"cedarv1"}', /missing 'cedar' field/],
    ["cedar is a string", '{"version":"1.0","type":"cedarv1","cedar":"permit"}', /must be a mapping/],
    ["no policies", '{"version":"1.0","type":"cedarv1","cedar":{"entities_json":"[]"}}', /at least one policy/],
    [
      "policies is a string",
      '{"version":"1.0","type":"cedarv1","cedar":{"policies":"permit(principal, action, resource);"}}',
      /policies must be a list of strings/,
    ],
    [
      "a numeric policy",
      '{"version":"1.0","type":"cedarv1","cedar":{"policies":[1]}}',
      /policies\[0\] must be a string/,
    ],
    [
      "entities_json as a list",
      '{"version":"1.0","type":"cedarv1","cedar":{"policies":["x"],"entities_json":[]}}',
      /entities_json must be a string/,
    ],
  ];
  it.each(problems)("refuses %s", (_name, text, message) => {
    const result = parseAuthzConfigText(text);
    expect("problem" in result && result.problem.message).toMatch(message);
  });

  it("reads YAML 1.1 like the operator: `yes` is a boolean, not a string", () => {
    const result = parseAuthzConfigText(
      'version: "1.0"\ntype: cedarv1\ncedar:\n  policies: [x]\n  group_claim_name: yes\n',
    );
    expect("problem" in result && result.problem.message).toMatch(
      /group_claim_name must be a string, not the boolean true/,
    );
  });
});

describe("readCedarOptions (MCPAuthzConfig spec.config of type cedarv1)", () => {
  it("reads the body and locates problems under the given path", () => {
    expect(readCedarOptions({ policies: ["x"], entities_json: "[]" }, [])).toEqual(ok(["x"], { entitiesJson: "[]" }));
    expect(readCedarOptions({ policies: [] }, ["spec", "config"])).toEqual({
      problem: {
        message: "at least one policy is required for Cedar authorization",
        path: ["spec", "config", "policies"],
      },
    });
  });

  it("requires an envelope mapping", () => {
    expect(readAuthzEnvelope("cedarv1")).toHaveProperty("problem");
  });
});
