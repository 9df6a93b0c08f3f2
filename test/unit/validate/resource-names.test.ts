import { describe, expect, it } from "vitest";
import { checkYaml } from "../../helpers/check-yaml.js";
import { columnOf, lineOf, lines } from "../../helpers/yaml-text.js";

const cm = (name: string, namespace?: string) =>
  lines(
    "apiVersion: v1",
    "kind: ConfigMap",
    "metadata:",
    `  name: ${name}`,
    ...(namespace !== undefined ? [`  namespace: ${namespace}`] : []),
  );

describe("resource names (VMCP210)", () => {
  it.each(["a", "tools", "my-server-1", "a.b-c.d", "0day", "x".repeat(253)])("accepts the name %s", (name) => {
    expect(checkYaml({ "n.yaml": cm(name) }).diagnostics).toEqual([]);
  });

  it.each(["My-Server", "under_score", "-leading", "trailing-", "a..b", "has space", "x".repeat(254)])(
    "rejects the name %s at its value",
    (name) => {
      const text = cm(JSON.stringify(name));
      const r = checkYaml({ "n.yaml": text });
      expect(r.diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
        ["VMCP210", lineOf(text, "  name:"), columnOf(text, '"')],
      ]);
      expect(r.diagnostics[0]?.hint).toMatch(/lower-case/);
    },
  );

  it("says when a name is too long", () => {
    expect(checkYaml({ "n.yaml": cm("x".repeat(254)) }).diagnostics[0]?.message).toMatch(/longer than 253/);
  });

  it("accepts DNS-1123 label namespaces and rejects others at their value", () => {
    expect(checkYaml({ "n.yaml": cm("a", "team-a") }).diagnostics).toEqual([]);
    for (const ns of ["Team-A", "a.b", "x".repeat(64)]) {
      const text = cm("a", ns);
      const r = checkYaml({ "n.yaml": text });
      expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP210", lineOf(text, "namespace:")]]);
      expect(r.diagnostics[0]?.message).toMatch(/namespace/);
    }
  });

  it("rejects an invalid namespace given with -n, pointing at the object's metadata", () => {
    const text = cm("a");
    const r = checkYaml({ "n.yaml": text }, { namespace: "Bad_NS" });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP210", lineOf(text, "metadata:")]]);
  });

  it("checks ToolHive objects and Secrets alike, without showing a Secret's lines", () => {
    const secret = lines("apiVersion: v1", "kind: Secret", "metadata:", "  name: Bad_Secret", "stringData:", "  k: v");
    const r = checkYaml({ "s.yaml": secret });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["VMCP210", 4]]);
    expect(r.diagnostics[0]?.excerpt).toBeUndefined();
  });
});
