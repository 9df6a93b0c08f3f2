import { SPEC_MODELS, type ModelKind } from "../../src/validate/models/index.js";
import { checkYaml } from "./check-yaml.js";

/**
 * Specs the schema accepted (they are in the typed index) that their zod model refuses. The
 * models are the types later stages read specs through, and are not run by vmcp-gen: a refusal
 * means a type promises something the schema does not guarantee.
 */
export function modelRefusals(files: Readonly<Record<string, string>>): string[] {
  const { model } = checkYaml(files);
  const refused: string[] = [];
  for (const kind of Object.keys(SPEC_MODELS) as ModelKind[]) {
    for (const entry of model.index.list(kind)) {
      const parsed = SPEC_MODELS[kind].safeParse(entry.spec);
      if (!parsed.success) refused.push(`${kind}/${entry.resource.name}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
    }
  }
  return refused;
}
