import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import jsYaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { BIN, ensureBuilt, normalizeOutput, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDir, type FileTree, type TempDir } from "../helpers/temp-dir.js";
import { validInputs } from "../integration/helpers/inputs.js";

const DEPLOY = path.join(REPO_ROOT, "deploy", "argocd");

interface PluginCommand {
  command: string[];
  args?: string[];
}

interface Plugin {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    version: string;
    // argo-cd cmpserver/plugin/config.go: Find inlines Command, so find.command is the argv itself.
    discover: { fileName?: string; find: PluginCommand & { glob?: string } };
    generate: PluginCommand;
    init?: PluginCommand;
    parameters: { static: { name: string; collectionType: string; string?: string; array?: string[] }[] };
  };
}

const plugin = jsYaml.load(readFileSync(path.join(DEPLOY, "plugin.yaml"), "utf8")) as Plugin;

/** The environment the sidecar gives a plugin command: its own, plus Argo CD's build variables. */
function sidecarEnv(shimDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: `${shimDir}:/usr/local/bin:/usr/bin:/bin`,
    HOME: "/tmp",
    ARGOCD_APP_NAME: "vmcp",
    ARGOCD_APP_NAMESPACE: "team-a",
    ARGOCD_APP_PROJECT_NAME: "default",
    ARGOCD_APP_REVISION: "0123456789abcdef0123456789abcdef01234567",
    ARGOCD_APP_REVISION_SHORT: "0123456",
    ARGOCD_APP_REVISION_SHORT_8: "01234567",
    ARGOCD_APP_SOURCE_PATH: "apps/vmcp",
    ARGOCD_APP_SOURCE_REPO_URL: "https://git.example.com/platform/gitops.git",
    ARGOCD_APP_SOURCE_TARGET_REVISION: "main",
    KUBE_VERSION: "1.32.4",
    KUBE_API_VERSIONS: "v1,apps/v1,rbac.authorization.k8s.io/v1",
    ...extra,
  };
}

/** A folder with a `vmcp-gen` on PATH that runs this repository's built CLI, as the sidecar image's would. */
function withShim(tree: FileTree): { t: TempDir; app: string; shims: string } {
  ensureBuilt();
  const t = createTempDir({ app: tree, shims: {} });
  const shim = t.path("shims", "vmcp-gen");
  writeFileSync(shim, `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  chmodSync(shim, 0o755);
  return { t, app: t.path("app"), shims: t.path("shims") };
}

/** Runs a plugin.yaml command exactly as argocd-cmp-server does: argv = command ++ args, in `cwd`. */
function runPluginCommand(cmd: PluginCommand, cwd: string, env: NodeJS.ProcessEnv) {
  const [file, ...rest] = [...cmd.command, ...(cmd.args ?? [])];
  const r = spawnSync(file!, rest, { cwd, env, encoding: "utf8", timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: normalizeOutput(r.stderr) };
}

const generate = (app: string, shims: string, env: Record<string, string> = {}) =>
  runPluginCommand(plugin.spec.generate, app, sidecarEnv(shims, env));
const discover = (app: string, shims: string) => runPluginCommand(plugin.spec.discover.find, app, sidecarEnv(shims));

type Obj = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: { template?: { spec?: { containers?: { image: string }[] } } };
};

function objects(stdout: string): Obj[] {
  return jsYaml.loadAll(stdout) as Obj[];
}

const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const CA_CONFIGMAP = readFileSync(path.join(REPO_ROOT, "fixtures", "quickstart", "ca-bundle.yaml"), "utf8").replace(
  "  namespace: toolhive-system\n",
  "",
);

describe("deploy/argocd/plugin.yaml", () => {
  it("is a versioned ConfigManagementPlugin with a find-command discovery, the generate entry point and declared parameters", () => {
    expect(plugin.apiVersion).toBe("argoproj.io/v1alpha1");
    expect(plugin.kind).toBe("ConfigManagementPlugin");
    expect(plugin.metadata.name).toBe("vmcp-gen");
    expect(plugin.spec.version).toBe("v1");
    // Only the first discovery rule set is used: fileName and glob must be absent for the command to run.
    expect(plugin.spec.discover.fileName).toBeUndefined();
    expect(plugin.spec.discover.find.glob).toBeUndefined();
    expect(plugin.spec.generate.command).toEqual(["vmcp-gen", "argocd", "generate"]);
    expect(plugin.spec.parameters.static.map((p) => [p.name, p.collectionType])).toEqual([
      ["image", "string"],
      ["vmcp", "array"],
      ["skip-invalid-backends", "string"],
      ["strict-refs", "string"],
    ]);
  });
});

describe("plugin discover command (run as written in plugin.yaml)", () => {
  const VMCP = "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: VirtualMCPServer\nmetadata:\n  name: x\n";
  const cases: [string, FileTree, string][] = [
    ["a VirtualMCPServer in a nested folder", { "README.md": "x", team: { "vmcp.yml": VMCP } }, "./team/vmcp.yml\n"],
    [
      "a quoted kind inside a List",
      {
        "all.yaml": `apiVersion: v1\nkind: List\nitems:\n- apiVersion: toolhive.stacklok.dev/v1beta1\n  kind: "VirtualMCPServer"  # the vMCP\n`,
      },
      "./all.yaml\n",
    ],
    [
      "plain manifests and a kustomization",
      {
        "kustomization.yaml": "resources: [cm.yaml]\n",
        "cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n",
      },
      "",
    ],
    [
      "a VirtualMCPServerList, a comment and a non-YAML file",
      {
        "a.yaml": "kind: VirtualMCPServerList\n# kind: VirtualMCPServer\n",
        "b.json": '{"kind": "VirtualMCPServer"}',
        "c.txt": VMCP,
      },
      "",
    ],
    [
      "a VirtualMCPServer only in hidden folders and node_modules",
      { ".github": { "vmcp.yaml": VMCP }, node_modules: { pkg: { "vmcp.yaml": VMCP } }, ".vmcp.yaml": VMCP },
      "",
    ],
    [
      "CRLF line ends, the first match in the order vmcp-gen reads a folder",
      { b: { "vmcp.yaml": VMCP.replaceAll("\n", "\r\n") }, "a.yaml": VMCP.replaceAll("\n", "\r\n") },
      "./a.yaml\n",
    ],
  ];
  it.each(cases)("%s", (_name, tree, expected) => {
    const { app, shims } = withShim(tree);
    const r = discover(app, shims);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(expected);
  });
});

describe("vmcp-gen argocd generate (run as written in plugin.yaml)", () => {
  it("renders the folder: the rendered objects and the ConfigMaps the pod mounts, in ARGOCD_APP_NAMESPACE, YAML on stdout", () => {
    const { app, shims } = withShim({
      "vmcp.yaml": validInputs({ namespace: null, caBundle: "internal-ca" }),
      "ca.yaml": CA_CONFIGMAP,
    });
    const r = generate(app, shims);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = objects(r.stdout);
    expect(out.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`)).toEqual([
      "ServiceAccount/team-a/demo-vmcp",
      "ConfigMap/team-a/demo-vmcp-config",
      "ConfigMap/team-a/internal-ca",
      "Service/team-a/vmcp-demo",
      "Deployment/team-a/demo",
    ]);
    expect(out.some((o) => o.apiVersion.startsWith("toolhive.stacklok.dev/"))).toBe(false);
  });

  it("leaves out other plain objects, listed in one warning (VMCP706), as synth does", () => {
    const policy =
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-all\nspec:\n  podSelector: {}\n";
    const { app, shims } = withShim({
      "vmcp.yaml": validInputs({ namespace: null, caBundle: "internal-ca" }),
      "ca.yaml": CA_CONFIGMAP,
      "policy.yaml": policy,
    });
    const r = generate(app, shims);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /^policy\.yaml:1:1: warning VMCP706: 1 object among the inputs is not part of the output: NetworkPolicy team-a\/deny-all$/m,
    );
    expect(objects(r.stdout).map((o) => o.kind)).not.toContain("NetworkPolicy");
    const synth = spawnSync(process.execPath, [BIN, "synth", ".", "-n", "team-a"], { cwd: app, encoding: "utf8" });
    expect(r.stdout).toBe(synth.stdout);
  });

  it("prints exactly what synth prints for the rendered objects", () => {
    const { app, shims } = withShim({ "vmcp.yaml": validInputs() });
    const r = generate(app, shims);
    expect(r.code).toBe(0);
    const synth = execFileSync(process.execPath, [BIN, "synth", "."], { cwd: app, encoding: "utf8" });
    expect(r.stdout).toBe(synth);
  });

  it("applies the parameters (image, vmcp array, skip-invalid-backends), which win over ARGOCD_ENV_*", () => {
    const { app, shims } = withShim({ "vmcp.yaml": validInputs({ vmcps: ["alpha", "beta"] }) });
    const params = JSON.stringify([
      { name: "image", string: "registry.example.com/vmcp:v0.44.0" },
      { name: "vmcp", array: ["beta"] },
      { name: "skip-invalid-backends", string: "true" },
    ]);
    const r = generate(app, shims, {
      ARGOCD_APP_PARAMETERS: params,
      ARGOCD_ENV_VMCP_IMAGE: "registry.example.com/vmcp:from-env",
      ARGOCD_ENV_VMCP_FILTER: "alpha",
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const out = objects(r.stdout);
    expect(out.map((o) => o.metadata.name)).toEqual(["beta-vmcp", "beta-vmcp-config", "vmcp-beta", "beta"]);
    expect(out[3]!.spec!.template!.spec!.containers![0]!.image).toBe("registry.example.com/vmcp:v0.44.0");
  });

  it("applies ARGOCD_ENV_VMCP_* settings from the Application's plugin env", () => {
    const { app, shims } = withShim({ "vmcp.yaml": validInputs({ vmcps: ["alpha", "beta"] }) });
    const r = generate(app, shims, {
      ARGOCD_ENV_VMCP_IMAGE: "registry.example.com/vmcp@sha256:" + "a".repeat(64),
      ARGOCD_ENV_VMCP_FILTER: "team-a/alpha",
    });
    expect(r.code).toBe(0);
    const out = objects(r.stdout);
    expect(out.map((o) => o.metadata.name)).toEqual(["alpha-vmcp", "alpha-vmcp-config", "vmcp-alpha", "alpha"]);
    expect(out[3]!.spec!.template!.spec!.containers![0]!.image).toBe(
      `registry.example.com/vmcp@sha256:${"a".repeat(64)}`,
    );
  });

  it("rejects bad settings with a usage error (exit 2) naming each one, and prints nothing on stdout", () => {
    const { app, shims } = withShim({ "vmcp.yaml": validInputs() });
    const r = generate(app, shims, {
      ARGOCD_APP_PARAMETERS: JSON.stringify([
        { name: "image", string: "Not An Image!" },
        { name: "skip-invalid-backends", string: "yes" },
        { name: "vmcp", array: ["../etc"] },
        { name: "verbose", string: "1" },
      ]),
      ARGOCD_ENV_VMCP_STRICTREFS: "true",
      ARGOCD_APP_NAMESPACE: "Team_A",
    });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      [
        "vmcp-gen: error: invalid Argo CD plugin settings:",
        '  - parameter "verbose" is not a vmcp-gen parameter; parameters are image, vmcp, skip-invalid-backends, strict-refs',
        "  - ARGOCD_ENV_VMCP_STRICTREFS is not a vmcp-gen setting (did you mean ARGOCD_ENV_VMCP_STRICT_REFS?); settings are ARGOCD_ENV_VMCP_IMAGE, ARGOCD_ENV_VMCP_FILTER, ARGOCD_ENV_VMCP_SKIP_INVALID_BACKENDS, ARGOCD_ENV_VMCP_STRICT_REFS",
        "  - ARGOCD_APP_NAMESPACE: \"Team_A\" is not a namespace name (at most 63 lower-case letters, digits and '-')",
        '  - parameter image: "Not An Image!" is not a container image reference (e.g. ghcr.io/stacklok/toolhive/vmcp:v0.44.0)',
        '  - parameter vmcp: "../etc" is not a VirtualMCPServer name (name or namespace/name, lower-case DNS-1123)',
        '  - parameter skip-invalid-backends: "yes" is not a boolean; use true or false',
        `Set them in the Application's spec.source.plugin.parameters or .env (see https://github.com/stacklok/vmcp-gen/blob/v${VERSION}/docs/gitops.md#argo-cd).`,
        "",
      ].join("\n"),
    );
    const malformed = generate(app, shims, { ARGOCD_APP_PARAMETERS: "{not json" });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain("ARGOCD_APP_PARAMETERS is not valid JSON");
  });

  it("fails on invalid input (exit 1), with diagnostics on stderr and nothing on stdout", () => {
    const { app, shims } = withShim({
      "vmcp.yaml": validInputs().replace("name: tools\n  incomingAuth", "name: nope\n  incomingAuth"),
    });
    const r = generate(app, shims);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("vmcp.yaml:");
    expect(r.stderr).toContain("VMCP401");
  });

  it("never succeeds with empty output: a folder without a VirtualMCPServer, or without any object, is an error", () => {
    for (const tree of [
      { "group.yaml": "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata:\n  name: tools\n" },
      { "README.md": "nothing here\n" },
    ] as FileTree[]) {
      const { app, shims } = withShim(tree);
      const r = generate(app, shims);
      expect(r.code, JSON.stringify(tree)).toBe(1);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/VMCP701|VMCP112/);
    }
  });

  it("does not echo a Secret found in the folder, and says so on stderr", () => {
    const secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: s3cr3t-value\n";
    const { app, shims } = withShim({ "vmcp.yaml": validInputs(), "secret.yaml": secret });
    const r = generate(app, shims);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("s3cr3t-value");
    expect(r.stdout).not.toContain("kind: Secret");
    expect(r.stderr).toContain("warning VMCP705: Secret team-a/token is not part of the output");
    expect(r.stderr).not.toContain("s3cr3t-value");
  });
});

function hasKubectl(): boolean {
  try {
    execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasKubectl())("deploy/argocd as a kustomize component (kubectl kustomize)", () => {
  it("builds on its own: the ConfigMap that carries plugin.yaml", () => {
    const built = jsYaml.loadAll(execFileSync("kubectl", ["kustomize", DEPLOY], { encoding: "utf8" })) as {
      kind: string;
      metadata: { name: string };
      data: Record<string, string>;
    }[];
    expect(built).toHaveLength(1);
    expect(built[0]!.kind).toBe("ConfigMap");
    expect(built[0]!.metadata.name).toMatch(/^vmcp-gen-cmp-[a-z0-9]{10}$/);
    expect(built[0]!.data["plugin.yaml"]).toBe(readFileSync(path.join(DEPLOY, "plugin.yaml"), "utf8"));
  });

  it("adds the sidecar to argocd-repo-server: CMP server command, var-files, plugins, its own /tmp, plugin.yaml by subPath, uid 999", () => {
    const repoServer = [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: argocd-repo-server",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "      - name: argocd-repo-server",
      "        image: quay.io/argoproj/argocd:v3.1.0",
      "      volumes:",
      "      - name: var-files",
      "        emptyDir: {}",
      "      - name: plugins",
      "        emptyDir: {}",
      "",
    ].join("\n");
    const t = createTempDir();
    // kustomize refuses an absolute path to a component.
    const component = path.relative(t.path("install"), DEPLOY);
    t.write({
      install: {
        "kustomization.yaml": `namespace: argocd\nresources: [repo-server.yaml]\ncomponents: [${component}]\nimages:\n- name: ghcr.io/stacklok/vmcp-gen-cmp\n  newName: registry.example.com/vmcp-gen-cmp\n  newTag: 0.1.0\n`,
        "repo-server.yaml": repoServer,
      },
    });
    const docs = jsYaml.loadAll(
      execFileSync("kubectl", ["kustomize", t.path("install")], { encoding: "utf8" }),
    ) as Record<string, unknown>[];
    const cm = docs.find((d) => d.kind === "ConfigMap") as { metadata: { name: string; namespace: string } };
    const deployment = docs.find((d) => d.kind === "Deployment") as {
      spec: {
        template: {
          spec: {
            containers: Record<string, unknown>[];
            volumes: { name: string; emptyDir?: object; configMap?: { name: string } }[];
          };
        };
      };
    };
    expect(cm.metadata.namespace).toBe("argocd");
    const pod = deployment.spec.template.spec;
    const sidecar = pod.containers.find((c) => c.name === "vmcp-gen") as {
      image: string;
      command: string[];
      securityContext: { runAsNonRoot: boolean; runAsUser: number };
      volumeMounts: { name: string; mountPath: string; subPath?: string }[];
    };
    expect(pod.containers.map((c) => c.name).sort()).toEqual(["argocd-repo-server", "vmcp-gen"]);
    expect(sidecar.image).toBe("registry.example.com/vmcp-gen-cmp:0.1.0");
    expect(sidecar.command).toEqual(["/var/run/argocd/argocd-cmp-server"]);
    expect(sidecar.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 999 });
    const mounts = Object.fromEntries(sidecar.volumeMounts.map((m) => [m.mountPath, m]));
    expect(mounts["/var/run/argocd"]!.name).toBe("var-files");
    expect(mounts["/home/argocd/cmp-server/plugins"]!.name).toBe("plugins");
    expect(mounts["/home/argocd/cmp-server/config/plugin.yaml"]).toMatchObject({ subPath: "plugin.yaml" });
    const tmp = pod.volumes.find((v) => v.name === mounts["/tmp"]!.name)!;
    expect(tmp.emptyDir).toBeDefined();
    expect(tmp.name).not.toBe("tmp");
    const pluginVolume = pod.volumes.find(
      (v) => v.name === mounts["/home/argocd/cmp-server/config/plugin.yaml"]!.name,
    )!;
    // kustomize rewrites the reference to the hashed ConfigMap name.
    expect(pluginVolume.configMap!.name).toBe(cm.metadata.name);
  });
});

describe("deploy/argocd/Dockerfile", () => {
  // test/deploy/images.test.ts builds the image's filesystem and runs the plugin's commands in it.
  const dockerfile = readFileSync(path.join(DEPLOY, "Dockerfile"), "utf8");
  const instructions = dockerfile.split("\n").filter((l) => l.trim() !== "" && !l.trimStart().startsWith("#"));

  it("copies the single-file executable onto PATH and runs as uid 999", () => {
    expect(
      instructions.some((l) =>
        /^COPY (--chmod=\d+ )?build\/bin\/vmcp-gen-\$\{TARGETOS\}-\$\{TARGETARCH\} \/usr\/local\/bin\/vmcp-gen$/.test(
          l,
        ),
      ),
    ).toBe(true);
    expect(instructions.filter((l) => l.startsWith("USER "))).toEqual(["USER 999:999"]);
  });

  it("fetches nothing, at build time or at run time (no RUN step, no npx, no download)", () => {
    expect(instructions.filter((l) => /^RUN\b/.test(l))).toEqual([]);
    expect(instructions.join("\n")).not.toMatch(/\bnpx\b|\bnpm\b|curl|wget/);
  });

  it("is the image the patch runs, at the package's version", () => {
    const patch = readFileSync(path.join(DEPLOY, "argocd-repo-server-patch.yaml"), "utf8");
    const version = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string })
      .version;
    expect(patch).toContain(`image: ghcr.io/stacklok/vmcp-gen-cmp:${version}\n`);
  });
});
