import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import jsYaml from "js-yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { vmcpConfigJsonSchema } from "../../src/toolhive/vmcp-config/json-schema.js";
import { REPO_ROOT, runCli } from "../helpers/run-cli.js";
import { createTempDir, symlink, type TempDir } from "../helpers/temp-dir.js";

/** The path kubeconform's `{{.Group}}/{{.ResourceKind}}_{{.ResourceAPIVersion}}.json` template gives an object. */
function kubeconformPath(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.split("/");
  return `${group}/${kind.toLowerCase()}_${version}.json`;
}

function createAjv(): Ajv {
  // As kubeconform treats them: int32/int64 are number formats it does not check beyond the type.
  const ajv = new Ajv({ allErrors: true, strict: false, formats: { int32: true, int64: true } });
  addFormatsModule.default(ajv);
  return ajv;
}

/** Every document of the fixtures that vmcp-gen renders successfully (quickstart and golden cases). */
function fixtureDocuments(): { file: string; doc: { apiVersion: string; kind: string } }[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) files.push(p);
    }
  };
  walk(path.join(REPO_ROOT, "fixtures", "quickstart"));
  const golden = path.join(REPO_ROOT, "fixtures", "golden");
  for (const c of readdirSync(golden)) {
    const exit = path.join(golden, c, "expected", "exit-code");
    if (existsSync(exit) && readFileSync(exit, "utf8").trim() === "0") walk(path.join(golden, c, "input"));
  }
  return files.flatMap((file) =>
    (jsYaml.loadAll(readFileSync(file, "utf8")) as { apiVersion: string; kind: string }[])
      .filter((d) => d !== null)
      .map((doc) => ({ file, doc })),
  );
}

describe("vmcp-gen schemas", () => {
  let t: TempDir & { cleanup(): void };
  beforeAll(async () => {
    const { createTempDirManual } = await import("../helpers/temp-dir.js");
    t = createTempDirManual();
    const r = await runCli(["schemas", "--output-dir", t.path("out")]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^vmcp-gen: wrote \d+ schemas to /);
    return () => t.cleanup();
  });

  it("without -o lists the files it would write, in kubeconform layout, plus vmcp-config.schema.json", async () => {
    const r = await runCli(["schemas"]);
    expect(r.code).toBe(0);
    const listed = r.stdout.trim().split("\n");
    expect(listed).toContain("toolhive.stacklok.dev/virtualmcpserver_v1beta1.json");
    expect(listed).toContain("toolhive.stacklok.dev/mcpserverentry_v1alpha1.json");
    expect(listed.at(-1)).toBe("vmcp-config.schema.json");
    for (const p of listed.slice(0, -1)) expect(p).toMatch(/^toolhive\.stacklok\.dev\/[a-z]+_v1(alpha1|beta1)\.json$/);
  });

  it("writes exactly the listed files: the input schemas byte for byte as shipped in schemas/, config.yaml's from vmcp-gen's model", async () => {
    const listed = (await runCli(["schemas"])).stdout.trim().split("\n");
    for (const p of listed.slice(0, -1))
      expect(readFileSync(t.path("out", p), "utf8"), p).toBe(readFileSync(path.join(REPO_ROOT, "schemas", p), "utf8"));
    expect(readFileSync(t.path("out", "vmcp-config.schema.json"), "utf8")).toBe(
      `${JSON.stringify(vmcpConfigJsonSchema(), null, 2)}\n`,
    );
    expect(readdirSync(t.path("out", "toolhive.stacklok.dev")).sort()).toEqual(
      listed
        .slice(0, -1)
        .map((p) => p.split("/")[1])
        .sort(),
    );
  });

  it("validates every ToolHive input of the fixtures, found by kubeconform's path template", () => {
    const ajv = createAjv();
    const docs = fixtureDocuments().filter((d) => d.doc.apiVersion.startsWith("toolhive.stacklok.dev/"));
    expect(docs.length).toBeGreaterThan(20);
    const kinds = new Set<string>();
    for (const { file, doc } of docs) {
      const schemaPath = t.path("out", kubeconformPath(doc.apiVersion, doc.kind));
      expect(existsSync(schemaPath), `${file}: no schema at ${schemaPath}`).toBe(true);
      const validate =
        ajv.getSchema(schemaPath) ??
        (ajv.addSchema(JSON.parse(readFileSync(schemaPath, "utf8")) as object, schemaPath), ajv.getSchema(schemaPath)!);
      const valid = validate(doc);
      expect(valid, `${path.relative(REPO_ROOT, file)} ${doc.kind}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      kinds.add(doc.kind);
    }
    expect([...kinds]).toEqual(expect.arrayContaining(["VirtualMCPServer", "MCPGroup", "MCPServerEntry"]));
  });

  it("rejects what the CRD rejects (an unknown field, a wrong type)", () => {
    const ajv = createAjv();
    const validate = ajv.compile(
      JSON.parse(readFileSync(t.path("out", "toolhive.stacklok.dev/mcpgroup_v1beta1.json"), "utf8")) as object,
    );
    expect(
      validate({
        apiVersion: "toolhive.stacklok.dev/v1beta1",
        kind: "MCPGroup",
        metadata: { name: "g" },
        spec: { description: "ok" },
      }),
    ).toBe(true);
    expect(
      validate({
        apiVersion: "toolhive.stacklok.dev/v1beta1",
        kind: "MCPGroup",
        metadata: { name: "g" },
        spec: { descripton: "typo" },
      }),
    ).toBe(false);
    expect(
      validate({
        apiVersion: "toolhive.stacklok.dev/v1beta1",
        kind: "MCPGroup",
        metadata: { name: "g" },
        spec: { description: 42 },
      }),
    ).toBe(false);
  });

  it("validates a rendered config.yaml with the exported vmcp-config.schema.json (draft 2020-12)", async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormatsModule.default(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(t.path("out", "vmcp-config.schema.json"), "utf8")) as object);
    const synth = await runCli(["synth", "fixtures/quickstart"]);
    const cm = (jsYaml.loadAll(synth.stdout) as { kind: string; data?: Record<string, string> }[]).find(
      (d) => d.kind === "ConfigMap",
    )!;
    const config = jsYaml.load(cm.data!["config.yaml"]!);
    expect(validate(config), ajv.errorsText(validate.errors)).toBe(true);
  });

  it("reports an unwritable output folder as a usage error", async () => {
    const blocked = createTempDir({ "file.txt": "x" });
    const r = await runCli(["schemas", "--output-dir", blocked.path("file.txt", "sub")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot write the schemas to");
  });

  it("-o never writes through a symbolic link below the folder: a linked file or sub-folder is refused, its target untouched", async () => {
    const t = createTempDir({
      victim: { passwd: "keep me\n" },
      out: { "vmcp-config.schema.json": symlink("../victim/passwd") },
    });
    const file = await runCli(["schemas", "--output-dir", "out"], { cwd: t.dir });
    expect(file.code).toBe(2);
    expect(file.stderr).toContain(
      "vmcp-gen: error: vmcp-config.schema.json is a symbolic link; vmcp-gen does not write through it",
    );
    expect(readFileSync(t.path("victim", "passwd"), "utf8")).toBe("keep me\n");
    const dir = createTempDir({ elsewhere: {}, out: { "toolhive.stacklok.dev": symlink("../elsewhere") } });
    const sub = await runCli(["schemas", "--output-dir", "out"], { cwd: dir.dir });
    expect(sub.code).toBe(2);
    expect(sub.stderr).toContain("toolhive.stacklok.dev is a symbolic link");
    expect(readdirSync(dir.path("elsewhere"))).toEqual([]);
    // The folder named by -o may itself be a link.
    const linked = createTempDir({ real: {}, out: symlink("real") });
    expect((await runCli(["schemas", "--output-dir", "out"], { cwd: linked.dir })).code).toBe(0);
    expect(existsSync(linked.path("real", "vmcp-config.schema.json"))).toBe(true);
  });
});
