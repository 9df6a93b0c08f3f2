import {
  chmodSync,
  chownSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeOutputDir } from "../../../src/emit/write-output-dir.js";
import { formatKustomization } from "../../../src/layout/output-layout.js";
import { readOutputDir } from "../../../src/load/read-output-dir.js";
import { createTempDir } from "../../helpers/temp-dir.js";
import { siblingsOf } from "../../integration/helpers/tree.js";

const files = (names: string[]) =>
  new Map([...names.map((n): [string, string] => [n, `# ${n}\n`]), ["kustomization.yaml", formatKustomization(names)]]);

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

describe("writeOutputDir: the user's folders keep their owner and mode", () => {
  it("keeps each user folder's permission bits", async () => {
    const t = createTempDir({ out: { private: { "a.md": "a\n" }, shared: {} } });
    chmodSync(t.path("out", "private"), 0o700);
    chmodSync(t.path("out", "shared"), 0o775);
    await writeOutputDir(await readOutputDir(t.dir, "out"), files(["ns/a/x.yaml"]));
    expect(lstatSync(t.path("out", "private")).mode & 0o7777).toBe(0o700);
    expect(lstatSync(t.path("out", "shared")).mode & 0o7777).toBe(0o775);
  });

  // Changing an owner needs root: the case of a CI job that renders as root into a user's checkout.
  it.skipIf(process.getuid?.() !== 0)(
    "keeps the owner and group of user folders, symlinks and the folder itself when run as root",
    async () => {
      const t = createTempDir({ out: { mine: { "a.md": "a\n" } } });
      symlinkSync("mine", t.path("out", "link"));
      for (const p of [t.path("out"), t.path("out", "mine"), t.path("out", "mine", "a.md")]) chownSync(p, 1234, 2345);
      const { lchownSync } = await import("node:fs");
      lchownSync(t.path("out", "link"), 1234, 2345);
      await writeOutputDir(await readOutputDir(t.dir, "out"), files(["ns/a/x.yaml"]));
      for (const p of [t.path("out"), t.path("out", "mine"), t.path("out", "mine", "a.md"), t.path("out", "link")]) {
        const st = lstatSync(p);
        expect([st.uid, st.gid], p).toEqual([1234, 2345]);
      }
    },
  );
});
