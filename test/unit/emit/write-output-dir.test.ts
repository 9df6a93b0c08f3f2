import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeOutputDir } from "../../../src/emit/write-output-dir.js";
import { formatKustomization } from "../../../src/emit/output-layout.js";
import { readOutputDir } from "../../../src/load/read-output-dir.js";
import { createTempDir } from "../../helpers/temp-dir.js";
import { siblingsOf } from "../../integration/helpers/tree.js";

const files = (names: string[]) => new Map([...names.map((n): [string, string] => [n, `# ${n}\n`]), ["kustomization.yaml", formatKustomization(names)]]);

describe("writeOutputDir: entries added while a render runs", () => {
  it("carries a file the user added after the folder was read into the new content", async () => {
    const t = createTempDir({ out: { "README.md": "mine\n" } });
    const state = await readOutputDir(t.dir, "out");
    // Written after the state was read: only the old folder holds it when the swap happens.
    mkdirSync(t.path("out", "notes"));
    writeFileSync(t.path("out", "notes", "late.md"), "late\n");
    writeFileSync(t.path("out", "late.txt"), "late\n");
    const summary = await writeOutputDir(state, files(["ns/a/x.yaml"]));
    expect(summary.keptAside).toBeUndefined();
    expect(readFileSync(t.path("out", "README.md"), "utf8")).toBe("mine\n");
    expect(readFileSync(t.path("out", "notes", "late.md"), "utf8")).toBe("late\n");
    expect(readFileSync(t.path("out", "late.txt"), "utf8")).toBe("late\n");
    expect(existsSync(t.path("out", "ns", "a", "x.yaml"))).toBe(true);
    expect(siblingsOf(t.path("out"))).toEqual([]);
  });

  it("keeps the previous folder aside when a late file has the path of a rendered one", async () => {
    const t = createTempDir({ out: {} });
    const state = await readOutputDir(t.dir, "out");
    mkdirSync(t.path("out", "ns", "a"), { recursive: true });
    writeFileSync(t.path("out", "ns", "a", "x.yaml"), "mine\n");
    const summary = await writeOutputDir(state, files(["ns/a/x.yaml"]));
    expect(summary.keptAside).toBeDefined();
    expect(readFileSync(path.join(summary.keptAside!, "ns", "a", "x.yaml"), "utf8")).toBe("mine\n");
    expect(readFileSync(t.path("out", "ns", "a", "x.yaml"), "utf8")).toBe("# ns/a/x.yaml\n");
  });
});
