import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";

const REPO_ROOT = path.resolve(import.meta.dirname, "../..");
// The snippets are not files of the TypeScript project, so the typed rules are off for them
// (typescript-eslint's own preset for that); every rule this test holds is syntactic.
const eslint = new ESLint({ cwd: REPO_ROOT, overrideConfig: tseslint.configs.disableTypeChecked });

/** The rule ids ESLint reports for `code` as if it were the file at `file` (relative to the repository). */
async function violations(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(REPO_ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

// eslint.config.js encodes house-style.md's rules; each case is one a reviewer would otherwise catch.
describe("eslint.config.js: the house rules", () => {
  it.each([
    ["src/load/read-x.ts", 'import type { X } from "../validate/x.js";\nexport type Y = X;'],
    ["src/load/read-x.ts", 'import type { X } from "../render/types.js";\nexport type Y = X;'],
    ["src/validate/rules/x.ts", 'import type { X } from "../../resolve/types.js";\nexport type Y = X;'],
    ["src/render/parts/x.ts", 'import { x } from "../../emit/x.js";\nexport const y = x;'],
    ["src/resolve/x.ts", 'import { x } from "../inspect/x.js";\nexport const y = x;'],
    ["src/emit/x.ts", 'import { x } from "../cli/x.js";\nexport const y = x;'],
    ["src/validate/x.ts", 'import { x } from "../pipeline.js";\nexport const y = x;'],
    ["src/yaml/x.ts", 'import type { X } from "../load/types.js";\nexport type Y = X;'],
    ["src/diagnostics/x.ts", 'import type { X } from "../validate/x.js";\nexport type Y = X;'],
    ["src/api/x.ts", 'import { x } from "../cli/x.js";\nexport const y = x;'],
  ])("%s may not import %j's target (a later stage, the glue or the CLI)", async (file, code) => {
    expect(await violations(file, code)).toEqual(["no-restricted-imports"]);
  });

  it.each([
    [
      "src/render/x.ts",
      'import type { X } from "../validate/x.js";\nimport type { Y } from "../resolve/types.js";\nimport { z } from "../yaml/z.js";\nexport type W = X | Y;\nexport const w = z;',
    ],
    [
      "src/emit/x.ts",
      'import { x } from "../inspect/x.js";\nimport { y } from "../layout/y.js";\nexport const z = [x, y];',
    ],
    [
      "src/cli/x.ts",
      'import { x } from "../emit/x.js";\nimport { y } from "../pipeline.js";\nexport const z = [x, y, process.argv];',
    ],
    ["src/go/x.ts", 'import { x } from "../diagnostics/x.js";\nexport const y = x;'],
  ])("%s may import earlier stages and the ground floor", async (file, code) => {
    expect(await violations(file, code)).toEqual([]);
  });

  it("only src/cli touches the process", async () => {
    expect(await violations("src/resolve/x.ts", "export const home = process.env.HOME;")).toEqual([
      "no-restricted-globals",
    ]);
    expect(
      await violations("src/render/x.ts", 'import process from "node:process";\nexport const a = process.argv;'),
    ).toEqual(["no-restricted-imports"]);
    expect(await violations("src/cli/x.ts", "export const home = process.env.HOME;")).toEqual([]);
  });

  it("only load/ (and emit/, package-data/) use the filesystem", async () => {
    const code = 'import { readFileSync } from "node:fs";\nexport const read = readFileSync;';
    expect(await violations("src/resolve/x.ts", code)).toEqual(["no-restricted-imports"]);
    expect(await violations("src/load/x.ts", code)).toEqual([]);
    expect(await violations("src/emit/x.ts", code)).toEqual([]);
  });

  it("Node's modules are imported with the node: protocol", async () => {
    expect(await violations("src/load/x.ts", 'import path from "path";\nexport const p = path.sep;')).toEqual([
      "no-restricted-imports",
    ]);
    expect(
      await violations("test/x.test.ts", 'import { readFileSync } from "fs";\nexport const r = readFileSync;'),
    ).toEqual(["no-restricted-imports"]);
  });
});
