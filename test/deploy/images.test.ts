import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { singleFileExecutable } from "../helpers/binary.js";
import { readDockerfile, type ImageSpec } from "../helpers/dockerfile.js";
import { buildImageRootfs, imageToolsMissing, runImage, type Arch } from "../helpers/image-rootfs.js";
import { BIN, ensureBuilt, REPO_ROOT } from "../helpers/run-cli.js";
import { createTempDirManual, type TempDir } from "../helpers/temp-dir.js";
import { validInputs } from "../integration/helpers/inputs.js";

/**
 * The images of deploy/, proven without a container engine: for each Dockerfile and
 * architecture, the filesystem it describes is built (the distroless base's Debian 12 packages,
 * then what the Dockerfile copies, read from the Dockerfile itself) and the image's command runs
 * in it through chroot, as the Dockerfile's non-root user, on a read-only root, the arm64 image
 * under qemu. Outputs are compared with the npm package's CLI.
 */

const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const IMAGES = { cli: "deploy/cli/Dockerfile", "argocd-cmp": "deploy/argocd/Dockerfile" } as const;
const ARCHES: Arch[] = ["amd64", "arm64"];

function npmCli(args: string[], options: { cwd?: string; env?: Record<string, string>; stdin?: string } = {}) {
  ensureBuilt();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: { PATH: process.env.PATH, ...options.env },
    input: options.stdin ?? "",
    encoding: "utf8",
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const RESOURCE_LIST = `apiVersion: config.kubernetes.io/v1
kind: ResourceList
items:
${validInputs()
  .split(/^---\n/m)
  .map((doc) => `- ${doc.trimEnd().replaceAll("\n", "\n  ")}`)
  .join("\n")}
`;

/**
 * Whether .dockerignore keeps `file` in the build context: the last pattern that matches it or one
 * of its parent folders decides, `!` keeps (moby/patternmatcher's rules, for `*` and plain names).
 */
function inBuildContext(file: string): boolean {
  const patterns = readFileSync(path.join(REPO_ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"));
  const parts = file.split("/");
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join("/"));
  let kept = true;
  for (const pattern of patterns) {
    const negated = pattern.startsWith("!");
    const glob = new RegExp(
      `^${(negated ? pattern.slice(1) : pattern)
        .split("*")
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join("[^/]*")}$`,
    );
    if (prefixes.some((p) => glob.test(p))) kept = negated;
  }
  return kept;
}

describe("the images' build context", () => {
  it.each(Object.values(IMAGES))("%s: .dockerignore lets every COPY source through", (dockerfile) => {
    for (const arch of ARCHES) {
      const spec = readDockerfile(path.join(REPO_ROOT, dockerfile), { TARGETOS: "linux", TARGETARCH: arch });
      for (const copy of spec.copies) expect(inBuildContext(copy.from), copy.from).toBe(true);
    }
    expect(inBuildContext("node_modules/cdk8s/package.json")).toBe(false);
    expect(inBuildContext("src/cli/main.ts")).toBe(false);
  });
});

describe.each(ARCHES)("images for linux/%s", (arch) => {
  const binary = singleFileExecutable(arch);
  const skip = imageToolsMissing(arch) ?? ("missing" in binary ? binary.missing : undefined);
  if (skip) console.warn(`test/deploy/images.test.ts (linux/${arch}) skipped: ${skip}`);

  // Under qemu a run takes seconds; on a busy machine, tens of them.
  describe.each(Object.entries(IMAGES))(
    `%s image (%s)${skip ? ` — skipped: ${skip}` : ""}`,
    { timeout: 180_000 },
    (name, dockerfile) => {
      let t: TempDir & { cleanup(): void };
      let spec: ImageSpec;
      let root: string;
      beforeAll(() => {
        if (skip) return;
        spec = readDockerfile(path.join(REPO_ROOT, dockerfile), { TARGETOS: "linux", TARGETARCH: arch, VERSION });
        t = createTempDirManual();
        root = t.path("rootfs");
        // The executable is taken from where the Dockerfile says, unless CI named another build.
        const copies = spec.copies.map((c) =>
          c.to === "/usr/local/bin/vmcp-gen" && "file" in binary
            ? { ...c, from: path.relative(REPO_ROOT, binary.file) }
            : c,
        );
        buildImageRootfs({ ...spec, copies }, arch, REPO_ROOT, root);
      }, 300_000);
      afterAll(() => t?.cleanup());

      it.skipIf(skip)("is labelled (source, version, licenses), non-root, with no shell", () => {
        expect(spec.labels).toMatchObject({
          "org.opencontainers.image.source": "https://github.com/stacklok/vmcp-gen",
          "org.opencontainers.image.version": VERSION,
          "org.opencontainers.image.licenses": "Apache-2.0",
        });
        expect(spec.user).toMatch(/^[1-9]\d*:[1-9]\d*$/);
        expect(existsSync(path.join(root, "bin/sh"))).toBe(false);
        expect(existsSync(path.join(root, "usr/local/bin/vmcp-gen"))).toBe(true);
      });

      it.skipIf(skip)("runs vmcp-gen from its own filesystem, as its user, on a read-only root", () => {
        const r = runImage(spec, arch, root, { command: ["/usr/local/bin/vmcp-gen", "--version"] });
        expect(r.stderr).toBe("");
        expect(r.stdout).toBe(`${VERSION}\n`);
        // Nothing to write on a read-only root: an output folder there is refused, exit 2.
        const write = runImage(spec, arch, root, {
          command: ["/usr/local/bin/vmcp-gen", "synth", "/in", "--output-dir", "/out"],
          mounts: { "/in": path.join(REPO_ROOT, "fixtures/quickstart") },
        });
        expect(write.status).toBe(2);
        expect(existsSync(path.join(root, "out"))).toBe(false);
      });

      if (name === "cli") {
        it.skipIf(skip)(
          "is a KRM function when run without arguments (kpt's image: functions) and renders mounted inputs",
          () => {
            const krm = runImage(spec, arch, root, { stdin: RESOURCE_LIST });
            expect(krm.stderr).toBe("");
            expect(krm.status).toBe(0);
            expect(krm.stdout).toBe(npmCli(["krm"], { stdin: RESOURCE_LIST }).stdout);
            const synth = runImage(spec, arch, root, {
              args: ["synth", "."],
              mounts: { "/work": path.join(REPO_ROOT, "fixtures/quickstart") },
            });
            expect(synth.status, synth.stderr).toBe(0);
            expect(synth.stdout).toBe(
              npmCli(["synth", "."], { cwd: path.join(REPO_ROOT, "fixtures/quickstart") }).stdout,
            );
          },
        );
      } else {
        it.skipIf(skip)(
          "runs the plugin's discover and generate commands as argocd-cmp-server does (app folder, uid 999, its own /tmp)",
          () => {
            const plugin = readFileSync(path.join(REPO_ROOT, "deploy/argocd/plugin.yaml"), "utf8");
            const app = createTempDirManual({ team: { "vmcp.yaml": validInputs({ namespace: null }) } });
            // argocd-cmp-server unpacks the Application's files as the sidecar's user; here they are root's, readable by all.
            execFileSync("chmod", ["-R", "a+rX", app.dir]);
            try {
              const env = { ARGOCD_APP_NAMESPACE: "team-a", ARGOCD_APP_NAME: "vmcp" };
              for (const command of [
                ["vmcp-gen", "argocd", "discover"],
                ["vmcp-gen", "argocd", "generate"],
              ]) {
                expect(plugin).toContain(`command: [${command.join(", ")}]`);
                const r = runImage(spec, arch, root, {
                  command,
                  cwd: "/app",
                  env,
                  mounts: { "/app": app.dir },
                  tmpfs: ["/tmp"],
                });
                expect(r.status, r.stderr).toBe(0);
                const expected = npmCli(command.slice(1), { cwd: app.dir, env });
                expect({ stdout: r.stdout, stderr: r.stderr }).toEqual({
                  stdout: expected.stdout,
                  stderr: expected.stderr,
                });
              }
            } finally {
              app.cleanup();
            }
          },
        );

        it.skipIf(skip)(
          "keeps the CMP server as its command (from the shared volume) and HOME on the writable /tmp",
          () => {
            expect(spec.cmd).toEqual(["/var/run/argocd/argocd-cmp-server"]);
            expect(spec.env.HOME).toBe("/tmp");
            expect(spec.user).toBe("999:999");
          },
        );
      }
    },
  );
});
