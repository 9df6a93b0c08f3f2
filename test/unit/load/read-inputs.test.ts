import path from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../../src/diagnostics/errors.js";
import { DEFAULT_LIMITS } from "../../../src/load/limits.js";
import { readInputs, STDIN_PATH } from "../../../src/load/read-inputs.js";
import { createTempDir, symlink } from "../../helpers/temp-dir.js";

const CM = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\n";

async function* chunks(...parts: (string | Buffer)[]): AsyncIterable<string | Buffer> {
  for (const p of parts) yield p;
}

describe("readInputs: paths", () => {
  it("walks folders recursively in sorted order, taking only *.yaml/*.yml", async () => {
    const t = createTempDir({
      "b.yaml": CM,
      "a.yml": CM,
      "C.YAML": CM,
      "notes.txt": "not yaml",
      "kustomization.json": "{}",
      sub: { "z.yaml": CM, deeper: { "m.yaml": CM } },
      "aa-sub": { "x.yaml": CM },
    });
    const read = await readInputs(["."], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual([
      "C.YAML",
      "a.yml",
      "aa-sub/x.yaml",
      "b.yaml",
      "sub/deeper/m.yaml",
      "sub/z.yaml",
    ]);
    expect(read.diagnostics).toEqual([]);
  });

  it("skips hidden files and folders and node_modules", async () => {
    const t = createTempDir({
      "ok.yaml": CM,
      ".hidden.yaml": CM,
      ".git": { "config.yaml": CM },
      ".github": { workflows: { "ci.yaml": CM } },
      node_modules: { pkg: { "chart.yaml": CM } },
      sub: { node_modules: { "x.yaml": CM }, ".cache": { "y.yaml": CM }, "kept.yaml": CM },
    });
    const read = await readInputs([t.dir], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual(["ok.yaml", "sub/kept.yaml"]);
  });

  it("reads a file named explicitly whatever its extension, and each file once", async () => {
    const t = createTempDir({ "a.yaml": CM, "manifest.txt": CM });
    const read = await readInputs(["manifest.txt", "a.yaml", ".", "./a.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual(["manifest.txt", "a.yaml"]);
  });

  it("shows paths relative to cwd, and absolute paths outside it", async () => {
    const t = createTempDir({ inside: { "a.yaml": CM }, outside: { "b.yaml": CM } });
    const read = await readInputs(["a.yaml", t.path("outside", "b.yaml")], { cwd: t.path("inside") }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual(["a.yaml", t.path("outside", "b.yaml").split(path.sep).join("/")]);
  });

  it("survives symlink loops and dangling links", async () => {
    const t = createTempDir({
      "a.yaml": CM,
      sub: { "b.yaml": CM, "loop-to-root": symlink(".."), "loop-to-self": symlink(".") },
      "x.yaml": symlink("y.yaml"),
      "y.yaml": symlink("x.yaml"),
      "dangling.yaml": symlink("does-not-exist.yaml"),
    });
    const read = await readInputs(["."], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual(["a.yaml", "sub/b.yaml"]);
  });

  it("reads a folder reached through a link out of the tree under its own name, when it is an input too", async () => {
    const t = createTempDir({ real: { "a.yaml": CM }, tree: { link: symlink("../real") } });
    const read = await readInputs(["tree", "real"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual(["real/a.yaml"]);
    expect(read.diagnostics).toEqual([]);
  });

  it("never leaves a walked folder through a symbolic link: a link out of it is reported (VMCP116), not read", async () => {
    const t = createTempDir({
      outside: { "secret.yaml": CM, deep: { "b.yaml": CM } },
      tree: {
        "a.yaml": CM,
        "leak.yaml": symlink("../outside/secret.yaml"),
        escape: symlink("../outside/deep"),
        inner: symlink("sub"),
        sub: { "c.yaml": CM },
      },
    });
    const read = await readInputs(["tree"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual(["tree/a.yaml", "tree/inner/c.yaml"]);
    expect(read.diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      [
        "VMCP116",
        "tree/escape",
        "tree/escape is a symbolic link to outside/deep, outside the input folder tree; it was not read",
      ],
      [
        "VMCP116",
        "tree/leak.yaml",
        "tree/leak.yaml is a symbolic link to outside/secret.yaml, outside the input folder tree; it was not read",
      ],
    ]);
    // Named directly, a link is the user's choice and is read.
    const direct = await readInputs(["tree/leak.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(direct.files.map((f) => f.path)).toEqual(["tree/leak.yaml"]);
  });

  it("throws a UsageError naming a path that does not exist", async () => {
    const t = createTempDir({ "a.yaml": CM });
    const read = readInputs(["a.yaml", "missing.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    await expect(read).rejects.toBeInstanceOf(UsageError);
    await expect(readInputs(["missing.yaml"], { cwd: t.dir }, DEFAULT_LIMITS)).rejects.toThrow(/missing\.yaml/);
  });

  it("throws a UsageError, not a crash, for a path that exists but cannot be read", async () => {
    const t = createTempDir({ "loop-a.yaml": symlink("loop-b.yaml"), "loop-b.yaml": symlink("loop-a.yaml") });
    const read = readInputs(["loop-a.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    await expect(read).rejects.toBeInstanceOf(UsageError);
    await expect(readInputs(["loop-a.yaml"], { cwd: t.dir }, DEFAULT_LIMITS)).rejects.toThrow(
      /^cannot read input path loop-a\.yaml: ELOOP$/,
    );
  });

  it("returns no files for an empty folder", async () => {
    const t = createTempDir({ empty: {} });
    const read = await readInputs(["empty"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read).toEqual({ files: [], diagnostics: [] });
  });
});

describe("readInputs: stdin", () => {
  it("reads `-` from an async iterable of strings and Buffers", async () => {
    const stdin = chunks("apiVersion: v1\n", Buffer.from("kind: ConfigMap\n"), "metadata:\n  name: cm\n");
    const read = await readInputs(["-"], { cwd: "/", stdin }, DEFAULT_LIMITS);
    expect(read.files).toEqual([{ path: STDIN_PATH, text: CM }]);
  });

  it("keeps stdin in argument order among files", async () => {
    const t = createTempDir({ "a.yaml": CM });
    const read = await readInputs(["a.yaml", "-"], { cwd: t.dir, stdin: chunks(CM) }, DEFAULT_LIMITS);
    expect(read.files.map((f) => f.path)).toEqual(["a.yaml", "<stdin>"]);
  });

  it("reads stdin once when `-` is given twice", async () => {
    const read = await readInputs(["-", "-"], { cwd: "/", stdin: chunks(CM) }, DEFAULT_LIMITS);
    expect(read.files).toEqual([{ path: STDIN_PATH, text: CM }]);
  });

  it("is a UsageError when no stdin is available", async () => {
    await expect(readInputs(["-"], { cwd: "/" }, DEFAULT_LIMITS)).rejects.toBeInstanceOf(UsageError);
  });

  it("stops reading stdin past the size limit with VMCP102", async () => {
    const read = await readInputs(
      ["-"],
      { cwd: "/", stdin: chunks("a".repeat(60), "b".repeat(60)) },
      { ...DEFAULT_LIMITS, maxFileBytes: 100 },
    );
    expect(read.files).toEqual([]);
    expect(read.diagnostics.map((d) => [d.code, d.file])).toEqual([["VMCP102", "<stdin>"]]);
  });
});

describe("readInputs: content checks", () => {
  it("reports a file over maxFileBytes as VMCP102 at its first line, and still reads the others", async () => {
    const t = createTempDir({ "big.yaml": `${CM}# ${"x".repeat(200)}\n`, "small.yaml": CM });
    const read = await readInputs(["."], { cwd: t.dir }, { ...DEFAULT_LIMITS, maxFileBytes: 100 });
    expect(read.files.map((f) => f.path)).toEqual(["small.yaml"]);
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0]).toMatchObject({
      severity: "error",
      code: "VMCP102",
      file: "big.yaml",
      line: 1,
      column: 1,
    });
    expect(read.diagnostics[0]?.hint).toMatch(/--max-file-size/);
  });

  it("reports NUL bytes as VMCP105 with their line and column", async () => {
    const t = createTempDir({
      "bin.yaml": Buffer.concat([Buffer.from("apiVersion: v1\nkind: Con"), Buffer.from([0]), Buffer.from("figMap\n")]),
    });
    const read = await readInputs(["bin.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files).toEqual([]);
    expect(read.diagnostics[0]).toMatchObject({ code: "VMCP105", file: "bin.yaml", line: 2, column: 10 });
    expect(read.diagnostics[0]?.message).toMatch(/NUL/);
  });

  it("reports invalid UTF-8 as VMCP105 with its line", async () => {
    const latin1 = Buffer.from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n", "latin1");
    const t = createTempDir({ "latin1.yaml": latin1 });
    const read = await readInputs(["latin1.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.files).toEqual([]);
    expect(read.diagnostics[0]).toMatchObject({ code: "VMCP105", line: 4, column: 12 });
    expect(read.diagnostics[0]?.message).toMatch(/UTF-8/);
  });

  it.each([
    ["a stray continuation byte", [0x80, 0x61], 1, 1],
    ["an invalid byte after text", [0x61, 0x62, 0xff], 1, 3],
    ["a sequence cut short by the end of the file", [0x61, 0x62, 0xe2, 0x82], 1, 3],
    ["a two-byte lead before ASCII, on line 2", [0x61, 0x0a, 0x62, 0xc3, 0x28], 2, 2],
    ["an invalid byte after a valid two-byte character (columns count characters)", [0xc3, 0xa9, 0xff], 1, 2],
  ])("locates %s", async (_name, bytes, line, column) => {
    const t = createTempDir({ "x.yaml": Buffer.from(bytes) });
    const read = await readInputs(["x.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.diagnostics[0]).toMatchObject({ code: "VMCP105", line, column });
  });

  it("accepts a UTF-8 BOM and CRLF line ends, and multi-byte characters", async () => {
    const t = createTempDir({
      "win.yaml": Buffer.from(`\ufeff${CM.replace(/\n/g, "\r\n")}data:\r\n  greeting: grüß dich ✓\r\n`, "utf8"),
    });
    const read = await readInputs(["win.yaml"], { cwd: t.dir }, DEFAULT_LIMITS);
    expect(read.diagnostics).toEqual([]);
    expect(read.files[0]?.text).toBe(`${CM}data:\n  greeting: grüß dich ✓\n`);
  });
});
