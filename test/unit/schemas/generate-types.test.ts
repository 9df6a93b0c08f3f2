import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { generateTypes, TYPES_DIR, typeModuleName, withDefaultsRequired } from "../../../scripts/generate-types.mjs";

describe("src/validate/crd-types/ match the generator (drift check: run `npm run schemas` and commit the result)", async () => {
  const generated = await generateTypes();
  const committed = fs.readdirSync(TYPES_DIR).filter((f) => f.endsWith(".ts")).sort();

  it("one file per kind, and no other", () => {
    expect(committed).toEqual([...generated.keys()].sort());
    expect(committed).toContain("virtual-mcp-server.ts");
  });

  it.each([...generated.keys()].sort())("%s is current", (name) => {
    expect(fs.readFileSync(path.join(TYPES_DIR, name), "utf8")).toBe(generated.get(name));
  });
});

describe("the type generator", () => {
  it("names modules after the kind, acronyms as words", () => {
    expect(["VirtualMCPServer", "MCPOIDCConfig", "EmbeddingServer", "VirtualMCPCompositeToolDefinition"].map(typeModuleName)).toEqual(["virtual-mcp-server", "mcp-oidc-config", "embedding-server", "virtual-mcp-composite-tool-definition"]);
  });

  it("makes a defaulted field required (the API server sets it whenever its parent is there), leaving data alone", () => {
    const schema = { type: "object", required: ["a"], properties: { a: { type: "string" }, b: { type: "string", default: "x" }, c: { type: "object", properties: { d: { type: "integer", default: 1 } } }, e: { type: "object", default: { required: [] } } } };
    expect(withDefaultsRequired(schema)).toEqual({
      type: "object",
      required: ["a", "b", "e"],
      properties: { a: { type: "string" }, b: { type: "string", default: "x" }, c: { type: "object", required: ["d"], properties: { d: { type: "integer", default: 1 } } }, e: { type: "object", default: { required: [] } } },
    });
  });
});
