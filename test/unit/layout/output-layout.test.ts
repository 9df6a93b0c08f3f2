import { describe, expect, it } from "vitest";
import {
  formatKustomization,
  isSafeRelativePath,
  objectPath,
  parseOwnedFiles,
} from "../../../src/layout/output-layout.js";
import type { ManifestObject } from "../../../src/render/types.js";

const object = (kind: string, name: string): ManifestObject => ({
  apiVersion: "v1",
  kind,
  metadata: { name, namespace: "team-a" },
});

describe("objectPath", () => {
  it("is <namespace>/<vmcp>/<kind>-<name>.yaml, lower case", () => {
    expect(objectPath({ namespace: "team-a", name: "demo" }, object("ServiceAccount", "demo-vmcp"))).toBe(
      "team-a/demo/serviceaccount-demo-vmcp.yaml",
    );
  });

  it.each([
    ["a namespace with a separator", { namespace: "team/a", name: "demo" }, object("ConfigMap", "x")],
    ["a parent-folder namespace", { namespace: "..", name: "demo" }, object("ConfigMap", "x")],
    ["a VirtualMCPServer name with a separator", { namespace: "team-a", name: "a/b" }, object("ConfigMap", "x")],
    ["an object name that climbs out", { namespace: "team-a", name: "demo" }, object("ConfigMap", "../../etc")],
    ["an object name with a backslash", { namespace: "team-a", name: "demo" }, object("ConfigMap", "a\\b")],
    ["an upper-case name", { namespace: "team-a", name: "Demo" }, object("ConfigMap", "x")],
    ["a kind with a dot", { namespace: "team-a", name: "demo" }, object("Config.Map", "x")],
  ])("refuses %s (a bug upstream, never a path)", (_what, vmcp, obj) => {
    expect(() => objectPath(vmcp, obj)).toThrow(/refusing to turn .* into a file name/);
  });
});

describe("the owned-files record in kustomization.yaml", () => {
  it("round-trips, sorted, with resources listing the same files", () => {
    const text = formatKustomization(["b/x/deployment-x.yaml", "a/x/service-x.yaml"]);
    expect(parseOwnedFiles(text)).toEqual(["a/x/service-x.yaml", "b/x/deployment-x.yaml"]);
    expect(text).toContain("resources:\n- a/x/service-x.yaml\n- b/x/deployment-x.yaml\n");
    expect(text).not.toContain("commonLabels");
  });

  it("is not read from a kustomization.yaml vmcp-gen did not write", () => {
    expect(parseOwnedFiles("resources:\n- a.yaml\n")).toBeUndefined();
    expect(parseOwnedFiles(`# my own\n${formatKustomization(["a/b/c.yaml"])}`)).toBeUndefined();
  });

  it("ignores hand-edited entries that would reach outside the folder", () => {
    const text = formatKustomization(["a/b/c.yaml"]).replace(
      "#   a/b/c.yaml",
      "#   a/b/c.yaml\n#   ../outside.yaml\n#   /etc/passwd.yaml\n#   a/./b.yaml\n#   README.md",
    );
    expect(parseOwnedFiles(text)).toEqual(["a/b/c.yaml"]);
  });

  it("accepts only plain relative paths", () => {
    expect(isSafeRelativePath("a/b.yaml")).toBe(true);
    for (const p of ["", "/a", "a/../b", "./a", "a//b", "a\\b", "a/\0"]) expect(isSafeRelativePath(p), p).toBe(false);
  });
});
