import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED } from "../../scripts/binary/node-module.mjs";
import { REPO_ROOT } from "../helpers/run-cli.js";

/**
 * In the single-file executable, src/'s `createRequire(import.meta.url)` hands out only the
 * modules scripts/binary/node-module.mjs lists; a specifier missing there fails at run time in the
 * executable alone. This keeps the list equal to what src/ requires.
 */
function requiredBySrc(): Set<string> {
  const out = new Set<string>();
  const files = readdirSync(path.join(REPO_ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) =>
    f.endsWith(".ts"),
  );
  for (const file of files) {
    const text = readFileSync(path.join(REPO_ROOT, "src", file), "utf8");
    if (!text.includes("createRequire(")) continue;
    for (const m of text.matchAll(/(?:\brequire(?:\.resolve)?|createRequire\([^)]*\))\(\s*"([^"]+)"\s*\)/g))
      out.add(m[1]!);
  }
  return out;
}

describe("scripts/binary/node-module.mjs", () => {
  it("bundles exactly the modules src/ loads through createRequire", () => {
    expect(Object.keys(BUNDLED).sort()).toEqual([...requiredBySrc()].sort());
  });
});
