import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SPEC_MODELS } from "../../../src/validate/models/index.js";
import { modelRefusals } from "../../helpers/model-agreement.js";
import { REPO_ROOT } from "../../helpers/run-cli.js";

// At run time the schema check is the only gate; the zod models are types. Every spec the schema
// accepts among the repository's inputs must satisfy its model (the fuzz test checks mutations too).

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}

/** One case per input folder: golden inputs, bad-input corpus, quickstart, docs examples. */
function inputSets(): [string, string[]][] {
  const sets: [string, string[]][] = [["fixtures/quickstart", yamlFiles(path.join(REPO_ROOT, "fixtures/quickstart"))]];
  for (const root of ["fixtures/golden", "fixtures/invalid"]) {
    for (const d of readdirSync(path.join(REPO_ROOT, root), { withFileTypes: true }).filter((e) => e.isDirectory())) {
      sets.push([`${root}/${d.name}`, yamlFiles(path.join(REPO_ROOT, root, d.name, "input"))]);
    }
  }
  return sets.filter(([, files]) => files.length > 0);
}

describe("typed models agree with the schema", () => {
  const sets = inputSets();

  it("finds the repository's inputs", () => {
    expect(sets.length).toBeGreaterThan(150);
  });

  it.each(sets)("%s: every schema-valid spec satisfies its model", (_, files) => {
    const texts = Object.fromEntries(files.map((f) => [path.relative(REPO_ROOT, f), readFileSync(f, "utf8")]));
    expect(modelRefusals(texts)).toEqual([]);
  });

  it("the model refuses a wrong type, so the check above can fail", () => {
    expect(SPEC_MODELS.MCPServerEntry.safeParse({ remoteUrl: 5, transport: "sse", groupRef: { name: "g" } }).success).toBe(false);
  });
});
