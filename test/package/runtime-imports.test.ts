import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";

/**
 * A user's install has the run-time dependencies only: every package a module in dist/ imports or
 * requires (the generated validators included) must be one of package.json's `dependencies`.
 */
function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

// Static imports and re-exports (one statement a line in tsc's output), side-effect imports,
// dynamic imports, require calls, and createRequire(...)("x").
const SPECIFIERS = [
  /^(?:import|export)\b[^;]*?\bfrom\s+"([^"]+)";?$/gm,
  /^import\s+"([^"]+)";?$/gm,
  /\bimport\s*\(\s*"([^"]+)"\s*\)/g,
  /\brequire\s*\(\s*"([^"]+)"\s*\)/g,
  /\)\(\s*"([^"]+)"\s*\)/g,
];

describe("dist/ imports only run-time dependencies", () => {
  it("every package a built module loads is in package.json dependencies", () => {
    ensureBuilt();
    const dist = path.join(REPO_ROOT, "dist");
    const { dependencies } = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      dependencies: Record<string, string>;
    };
    const builtins = new Set(builtinModules);
    const used = new Map<string, string>();
    const files = readdirSync(dist, { recursive: true, encoding: "utf8" }).filter((f) => /\.c?js$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(path.join(dist, file), "utf8");
      for (const re of SPECIFIERS) {
        for (const m of text.matchAll(re)) {
          const spec = m[1]!;
          if (spec.startsWith(".") || spec.startsWith("node:") || builtins.has(spec)) continue;
          used.set(packageOf(spec), file);
        }
      }
    }
    for (const pkg of [
      "ajv",
      "ajv-formats",
      "zod",
      "diff",
      "commander",
      "cdk8s",
      "cdk8s-plus-28",
      "constructs",
      "yaml",
    ])
      expect(used.has(pkg), pkg).toBe(true);
    expect(
      [...used].filter(([pkg]) => !Object.hasOwn(dependencies, pkg)).map(([pkg, file]) => `${pkg} (dist/${file})`),
    ).toEqual([]);
  });
});
