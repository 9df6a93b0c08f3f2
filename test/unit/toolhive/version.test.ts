import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { TOOLHIVE_VERSION as SCRIPT_VERSION } from "../../../scripts/generate-schemas.mjs";
import { DEFAULT_IMAGE, TOOLHIVE_VERSION } from "../../../src/toolhive/version.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const read = (rel: string) => readFileSync(path.join(ROOT, rel), "utf8");

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : [],
  );
}

describe("the ToolHive version is named in one place", () => {
  it("is a release tag", () => {
    expect(TOOLHIVE_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
  });

  it("tags the default image", () => {
    expect(DEFAULT_IMAGE.endsWith(`:${TOOLHIVE_VERSION}`)).toBe(true);
  });

  it("is the version the schema generator stamps into schemas/SOURCE.md", () => {
    expect(SCRIPT_VERSION).toBe(TOOLHIVE_VERSION);
    expect(read("schemas/SOURCE.md")).toContain(`ToolHive ${TOOLHIVE_VERSION}`);
  });

  it("is the toolhive module version the conformance oracle builds against", () => {
    const goMod = "conformance/oracle/go.mod";
    if (!existsSync(path.join(ROOT, goMod))) return;
    expect(read(goMod)).toMatch(
      new RegExp(`github\\.com/stacklok/toolhive ${TOOLHIVE_VERSION.replace(/\./g, "\\.")}\\b`),
    );
  });

  it("is written in no other code of src/ (comments may cite the release their facts come from)", () => {
    const code = (f: string) =>
      read(f)
        .split("\n")
        .filter((l) => !/^\s*(\/\/|\/\*|\*)/.test(l))
        .join("\n");
    const others = sourceFiles("src").filter(
      (f) => f !== path.join("src", "toolhive", "version.ts") && /\bv\d+\.\d+\.\d+\b/.test(code(f)),
    );
    expect(others).toEqual([]);
  });
});
