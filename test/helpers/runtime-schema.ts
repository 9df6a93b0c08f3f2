import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";

// The reference schema of the vMCP runtime's config (../shared/reference, copied to fixtures/reference/): independent of
// vmcp-gen's own model (src/toolhive/vmcp-config/), which test/unit/toolhive/vmcp-config-model.test.ts holds to it.
const schema = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../fixtures/reference/vmcp-config.schema.json"), "utf8"),
) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(schema);

/** Errors of a config.yaml object against the vMCP runtime schema: the static root, or any config. */
export function runtimeSchemaErrors(config: unknown, mode: "static" | "any"): string[] {
  const validate = ajv.getSchema(mode === "static" ? schema.$id : `${schema.$id}#/$defs/Config`)!;
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
