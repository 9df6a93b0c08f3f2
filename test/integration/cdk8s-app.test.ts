import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir } from "../helpers/temp-dir.js";

// examples/cdk8s/ is a user's cdk8s app: it imports the package by its name ("vmcp-gen", resolved
// through package.json's exports to dist/, as in an install), synthesises a chart holding a
// VirtualMcpServer, and type-checks against the declarations the package ships.
const EXAMPLE = path.join(REPO_ROOT, "examples/cdk8s");
const TSX = path.join(REPO_ROOT, "node_modules/tsx/dist/cli.mjs");
const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");

type Obj = { kind: string; metadata: { name: string; annotations?: Record<string, string> } };
const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;
const byKey = (objects: Obj[]) => new Map(objects.map((o) => [key(o), o]));

describe("the cdk8s example app", () => {
  beforeAll(() => ensureBuilt());

  it("synthesises the objects vmcp-gen synth renders, with the app's own change and objects", () => {
    const out = createTempDir();
    const run = spawnSync(process.execPath, [TSX, path.join(EXAMPLE, "main.ts")], {
      cwd: out.dir,
      env: { ...process.env, CDK8S_OUTDIR: out.dir },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const synthesised = parseAllDocuments(readFileSync(out.path("platform.k8s.yaml"), "utf8")).map(
      (d) => d.toJS() as Obj,
    );
    const cli = parseAllDocuments(
      execFileSync(process.execPath, [BIN, "synth", path.join(EXAMPLE, "toolhive.yaml")], { encoding: "utf8" }),
    ).map((d) => d.toJS() as Obj);
    // The CLI adds the CA bundle ConfigMap the pod mounts; the app adds it itself.
    expect([...byKey(synthesised).keys()].sort()).toEqual([...byKey(cli).keys()].sort());
    const deployment = byKey(synthesised).get("Deployment/engineering")!;
    expect(deployment.metadata.annotations).toEqual({ "example.com/owner": "platform-team" });
    delete deployment.metadata.annotations;
    expect(byKey(synthesised)).toEqual(byKey(cli));
  });

  it("type-checks against the package's declarations", () => {
    const r = spawnSync(process.execPath, [TSC, "-p", path.join(EXAMPLE, "tsconfig.json")], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    });
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
