import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";

const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../../schemas/vmcp-config.schema.json"), "utf8")) as { $id: string };
const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(schema);

/** Errors of a config.yaml object against the vMCP runtime schema: the static root, or any config. */
export function runtimeSchemaErrors(config: unknown, mode: "static" | "any"): string[] {
  const validate = ajv.getSchema(mode === "static" ? schema.$id : `${schema.$id}#/$defs/Config`)!;
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ""}`);
}
