import type { ErrorObject } from "ajv";
import { InternalError } from "../diagnostics/errors.js";
import { requirePackageModule } from "../package-data/require-package-module.js";
import type { SchemaEntry } from "./schema-registry.js";

/** An Ajv standalone validator: `errors` holds the findings of the last call. */
export interface SchemaValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

// Built by scripts/compile-validators.mjs (npm run build): schema file → loader of its module.
const INDEX = "dist/validators/index.cjs";
let loaders: Readonly<Record<string, () => SchemaValidator>> | undefined;
const validators = new Map<string, SchemaValidator>();

/** The validator of one CRD schema, loaded on first use: a run pays only for the kinds it reads. */
export function schemaValidator(entry: SchemaEntry): SchemaValidator {
  let validate = validators.get(entry.file);
  if (validate) return validate;
  try {
    loaders ??= requirePackageModule(INDEX) as Record<string, () => SchemaValidator>;
  } catch (e) {
    throw new InternalError(`the schema validators are missing (${INDEX}): run npm run build`, { cause: e });
  }
  const load = loaders[entry.file];
  if (!load) throw new InternalError(`no validator was built for schemas/${entry.file}: run npm run build`);
  validate = load();
  validators.set(entry.file, validate);
  return validate;
}
