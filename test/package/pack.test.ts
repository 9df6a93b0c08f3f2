import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { runtimeTree } from "../helpers/runtime-tree.js";
import { createTempDir } from "../helpers/temp-dir.js";

/**
 * The npm package as a user gets it: what `npm pack` puts in (and nothing of the repository's
 * tests, fixtures, benchmark, conformance oracle or build scripts), and an `npm install --global`
 * of the tarball into an empty prefix, offline, that renders the quickstart. The run-time
 * dependencies are bundled (package.json bundleDependencies), as tested here: the tarball alone
 * installs, with no registry, and always with the dependency tree of package-lock.json.
 */

interface PackedFile {
  readonly path: string;
}

function helpTexts(): Promise<string[]> {
  const commands = [
    [],
    ["synth"],
    ["validate"],
    ["inspect"],
    ["diff"],
    ["probe"],
    ["krm"],
    ["argocd"],
    ["argocd", "discover"],
    ["argocd", "generate"],
    ["schemas"],
    ["completion"],
  ];
  return Promise.all(commands.map(async (c) => (await runInProcess([...c, "--help"], { cwd: REPO_ROOT })).stdout));
}

describe("npm pack", () => {
  it("holds bin, dist (with the declarations of the library API), schemas, package.json, README, LICENSE and the docs the help points to, nothing else", async () => {
    ensureBuilt();
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as [{ files: PackedFile[]; bundled: string[] }];
    // Bundled: the run-time dependencies, and nothing else; the rest of the tree ships inside them (cdk8s bundles its own).
    const tree = runtimeTree();
    const bundled = new Set(packed.bundled);
    expect([...bundled].filter((name) => !tree.some((m) => m.name === name))).toEqual([]);
    const inside = (m: (typeof tree)[number]) =>
      tree.some(
        (parent) => bundled.has(parent.name) && m.dir.startsWith(`${parent.dir}${path.sep}node_modules${path.sep}`),
      );
    expect(tree.filter((m) => !bundled.has(m.name) && !inside(m)).map((m) => m.name)).toEqual([]);
    const files = packed.files
      .map((f) => f.path)
      .filter((f) => !f.startsWith("node_modules/"))
      .sort();
    const docs = [...new Set((await helpTexts()).join("\n").match(/docs\/[\w-]+\.md/g))].sort();
    expect(docs.length).toBeGreaterThan(0);
    const allowed = (f: string) =>
      f === "bin/vmcp-gen.js" ||
      /^dist\/.+\.(c?js|d\.c?ts)$/.test(f) ||
      /^schemas\/.+\.(json|md)$/.test(f) ||
      ["package.json", "README.md", "LICENSE"].includes(f) ||
      docs.includes(f);
    expect(files.filter((f) => !allowed(f))).toEqual([]);
    for (const f of [
      "bin/vmcp-gen.js",
      "dist/cli/main.js",
      "dist/index.js",
      "dist/index.d.ts",
      "dist/render/virtual-mcp-server.d.ts",
      "schemas/toolhive.stacklok.dev/index.json",
      "README.md",
      "LICENSE",
      ...docs,
    ])
      expect(files).toContain(f);
    const license = readFileSync(path.join(REPO_ROOT, "LICENSE"), "utf8");
    expect(license).toContain("Apache License");
    expect(license).toContain("Version 2.0, January 2004");
    expect(
      (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { license: string }).license,
    ).toBe("Apache-2.0");
  });

  it("installs globally from the tarball into an empty prefix, offline, renders the quickstart, and exports the construct", () => {
    ensureBuilt();
    const t = createTempDir();
    const [packed] = JSON.parse(
      execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", t.dir], {
        cwd: REPO_ROOT,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        maxBuffer: 64 * 1024 * 1024,
      }),
    ) as [{ filename: string }];
    const prefix = t.path("prefix");
    const install = spawnSync(
      "npm",
      ["install", "--global", "--offline", "--no-audit", "--no-fund", "--prefix", prefix, t.path(packed.filename)],
      { cwd: t.dir, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(install.status, install.stderr).toBe(0);
    const installed = path.join(prefix, "lib", "node_modules", "vmcp-gen");
    const deps = readdirSync(path.join(installed, "node_modules"));
    for (const dev of ["vitest", "typescript", "esbuild", "postject", "fast-check"]) expect(deps).not.toContain(dev);
    for (const runtime of ["cdk8s", "cdk8s-plus-28", "constructs", "zod", "ajv", "commander", "yaml"])
      expect(deps).toContain(runtime);
    expect(existsSync(path.join(installed, "test"))).toBe(false);
    const env = { PATH: `${path.join(prefix, "bin")}:${path.dirname(process.execPath)}:/usr/bin:/bin`, HOME: t.dir };
    const quickstart = spawnSync("vmcp-gen", ["synth", path.join(REPO_ROOT, "fixtures/quickstart")], {
      cwd: t.dir,
      env,
      encoding: "utf8",
    });
    expect(quickstart.stderr).toBe("");
    expect(quickstart.status).toBe(0);
    expect(quickstart.stdout).toBe(
      execFileSync(process.execPath, [BIN, "synth", path.join(REPO_ROOT, "fixtures/quickstart")], {
        cwd: t.dir,
        encoding: "utf8",
      }),
    );
    // The library API by the package's name, through its exports.
    const library = spawnSync(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        'import { VirtualMcpServer, resolveVirtualMcpServer } from "vmcp-gen"; console.log(typeof VirtualMcpServer, typeof resolveVirtualMcpServer);',
      ],
      { cwd: path.join(prefix, "lib"), encoding: "utf8" },
    );
    expect(library.stderr).toBe("");
    expect(library.stdout).toBe("function function\n");
  }, 180_000);
});
