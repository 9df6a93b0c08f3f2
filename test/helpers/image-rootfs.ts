import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { cacheDir } from "../../scripts/node-runtime.mjs";
import type { ImageSpec } from "./dockerfile.js";

/**
 * Image filesystems without a container engine: the Debian packages a distroless base is made
 * of (apt-get download, dpkg -x), the files a Dockerfile copies, and a run of the image's
 * command in that filesystem (chroot, as the image's user, read-only root) through a private
 * mount namespace. Needs Linux, root, apt-get and dpkg; `imageToolsMissing()` says what is
 * missing, for a skip reason.
 */

interface BaseImage {
  /** Debian suite the packages come from. */
  readonly suite: string;
  readonly packages: readonly string[];
  readonly env: Readonly<Record<string, string>>;
}

// GoogleContainerTools/distroless: static/static.bzl (base-files, netbase, tzdata, media-types,
// CA certificates, passwd, group, /tmp, /home/nonroot), base/config.bzl (libc6, libssl3) and
// cc/config.bzl (libgomp1, libstdc++6, libgcc-s1, gcc-12-base), for Debian 12.
const CC_DEBIAN12: BaseImage = {
  suite: "bookworm",
  packages: [
    "base-files",
    "netbase",
    "tzdata",
    "media-types",
    "ca-certificates",
    "libc6",
    "libssl3",
    "libgomp1",
    "libstdc++6",
    "libgcc-s1",
    "gcc-12-base",
  ],
  env: {
    PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    SSL_CERT_FILE: "/etc/ssl/certs/ca-certificates.crt",
  },
};

/** The bases this helper can build, by image name (a digest after `@` is ignored). */
export const DISTROLESS_BASES: Readonly<Record<string, BaseImage>> = {
  "gcr.io/distroless/cc-debian12": CC_DEBIAN12,
  "gcr.io/distroless/cc-debian12:latest": CC_DEBIAN12,
  "gcr.io/distroless/cc-debian12:nonroot": CC_DEBIAN12,
};

// distroless common/BUILD: root, nobody and nonroot, with no login shell.
const PASSWD =
  "root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\n";
const GROUP = "root:x:0:\nnobody:x:65534:\ntty:x:5:\nstaff:x:50:\nnonroot:x:65532:\n";
const NSSWITCH =
  "passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\nethers: files\nrpc: files\n";

export type Arch = "amd64" | "arm64";
export const HOST_ARCH: Arch | undefined =
  process.arch === "x64" ? "amd64" : process.arch === "arm64" ? "arm64" : undefined;
const QEMU: Readonly<Record<Arch, string>> = { amd64: "qemu-x86_64-static", arm64: "qemu-aarch64-static" };
const KEYRING = "/usr/share/keyrings/debian-archive-keyring.gpg";

function onPath(tool: string): string | undefined {
  const r = spawnSync("sh", ["-c", 'command -v "$1"', "sh", tool], { encoding: "utf8" });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Why image filesystems cannot be built and run here (for `arch`), or undefined. */
export function imageToolsMissing(arch: Arch): string | undefined {
  if (process.platform !== "linux" || HOST_ARCH === undefined) return "needs Linux on amd64 or arm64";
  if (process.getuid?.() !== 0) return "needs root (chroot and mount namespaces)";
  for (const tool of ["apt-get", "dpkg", "unshare", "mount"]) if (!onPath(tool)) return `${tool} is not installed`;
  if (!existsSync(KEYRING)) return `the Debian archive keyring is missing (${KEYRING}, package debian-archive-keyring)`;
  if (spawnSync("unshare", ["-m", "true"]).status !== 0) return "cannot create a mount namespace (unshare -m)";
  if (arch !== HOST_ARCH && !onPath(QEMU[arch]))
    return `${QEMU[arch]} is not installed (apt-get install qemu-user-static)`;
  return undefined;
}

/** apt-get with a private state and sources for `suite`/`arch`: the machine's own apt setup is neither used nor changed. */
function apt(suite: string, arch: Arch, args: string[], cwd?: string): void {
  const state = path.join(cacheDir(), "debian", `${suite}-${arch}`);
  for (const d of ["lists/partial", "cache/archives/partial", "sources.list.d"])
    mkdirSync(path.join(state, d), { recursive: true });
  const sources = path.join(state, "sources.list");
  const signed = `[signed-by=${KEYRING}]`;
  writeFileSync(
    sources,
    [
      `deb ${signed} http://deb.debian.org/debian ${suite} main`,
      `deb ${signed} http://deb.debian.org/debian ${suite}-updates main`,
      `deb ${signed} http://deb.debian.org/debian-security ${suite}-security main`,
      "",
    ].join("\n"),
  );
  const options = {
    "Dir::State::Lists": path.join(state, "lists"),
    "Dir::Cache": path.join(state, "cache"),
    "Dir::Etc::SourceList": sources,
    "Dir::Etc::SourceParts": path.join(state, "sources.list.d"),
    "APT::Architecture": arch,
    "APT::Architectures::": arch,
    "Debug::NoLocking": "1",
    "APT::Sandbox::User": "root",
  };
  execFileSync("apt-get", ["-qq", ...Object.entries(options).flatMap(([k, v]) => ["-o", `${k}=${v}`]), ...args], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** The .deb files of `packages` for `suite`/`arch`, downloaded once into the cache. */
function debs(suite: string, arch: Arch, packages: readonly string[]): string[] {
  const dir = path.join(cacheDir(), "debian", `${suite}-${arch}`, "debs");
  mkdirSync(dir, { recursive: true });
  const find = (pkg: string) => readdirSync(dir).find((f) => f.startsWith(`${pkg}_`) && f.endsWith(".deb"));
  const missing = packages.filter((p) => !find(p));
  if (missing.length > 0) {
    const lists = path.join(cacheDir(), "debian", `${suite}-${arch}`, "lists");
    if (!existsSync(lists) || readdirSync(lists).length <= 1) apt(suite, arch, ["update"]);
    try {
      apt(suite, arch, ["download", ...missing], dir);
    } catch {
      apt(suite, arch, ["update"]); // the lists were older than the archive
      apt(suite, arch, ["download", ...missing], dir);
    }
  }
  return packages.map((p) => path.join(dir, find(p)!));
}

function baseOf(spec: ImageSpec): BaseImage {
  const base = DISTROLESS_BASES[spec.base.split("@")[0]!];
  if (!base)
    throw new Error(`no model of the base image ${spec.base} (known: ${Object.keys(DISTROLESS_BASES).join(", ")})`);
  return base;
}

/**
 * Builds in `root` the filesystem the Dockerfile `spec` describes for `arch`: the base's
 * packages, its users and folders, then each COPY from `context` and the WORKDIR. For an
 * architecture the machine cannot run, the qemu user-mode emulator is added at
 * /.qemu-<arch>-static, as binfmt_misc's F flag would provide it.
 */
export function buildImageRootfs(spec: ImageSpec, arch: Arch, context: string, root: string): void {
  const base = baseOf(spec);
  for (const deb of debs(base.suite, arch, base.packages)) execFileSync("dpkg", ["-x", deb, root]);
  mkdirSync(path.join(root, "etc"), { recursive: true });
  writeFileSync(path.join(root, "etc/passwd"), PASSWD);
  writeFileSync(path.join(root, "etc/group"), GROUP);
  writeFileSync(path.join(root, "etc/nsswitch.conf"), NSSWITCH);
  for (const [dir, mode, owner] of [
    ["tmp", 0o1777, 0],
    ["root", 0o700, 0],
    ["home/nonroot", 0o700, 65532],
    ["proc", 0o555, 0],
    ["dev", 0o755, 0],
  ] as const) {
    mkdirSync(path.join(root, dir), { recursive: true });
    chmodSync(path.join(root, dir), mode);
    chownSync(path.join(root, dir), owner, owner);
  }
  for (const copy of spec.copies) {
    const target = path.join(root, copy.to);
    mkdirSync(path.dirname(target), { recursive: true });
    copyFileSync(path.join(context, copy.from), target);
    if (copy.chmod !== undefined) chmodSync(target, copy.chmod);
  }
  if (spec.workdir) mkdirSync(path.join(root, spec.workdir), { recursive: true });
  if (arch !== HOST_ARCH) copyFileSync(onPath(QEMU[arch])!, path.join(root, `.${QEMU[arch]}`));
}

export interface ImageRun {
  /** Replaces the image's CMD. */
  readonly args?: readonly string[];
  /** Replaces the ENTRYPOINT and CMD (a Kubernetes `command:`). */
  readonly command?: readonly string[];
  /** Working directory in the image (default: its WORKDIR). */
  readonly cwd?: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly stdin?: string;
  /** Host folders mounted read-only, at absolute paths in the image. */
  readonly mounts?: Readonly<Record<string, string>>;
  /** Empty writable folders (emptyDir), at absolute paths in the image. */
  readonly tmpfs?: readonly string[];
  /** Mount the root filesystem read-only (readOnlyRootFilesystem). Default true. */
  readonly readOnlyRoot?: boolean;
}

const quote = (s: string) => `'${s.replaceAll("'", "'\\''")}'`;

function idsOf(root: string, user: string | undefined): { uid: number; gid: number; home: string } {
  const [u = "0", g] = (user ?? "0").split(":");
  const entries = readFileSync(path.join(root, "etc/passwd"), "utf8")
    .split("\n")
    .map((l) => l.split(":"));
  const entry = entries.find((e) => e[0] === u || e[2] === u);
  const uid = /^\d+$/.test(u) ? Number(u) : Number(entry?.[2]);
  if (Number.isNaN(uid)) throw new Error(`user ${u} is not in the image's /etc/passwd`);
  return { uid, gid: g !== undefined ? Number(g) : Number(entry?.[3] ?? uid), home: entry?.[5] ?? "/" };
}

/** Runs the image's command in `root` as a container runtime would (its user, environment, working directory). */
export function runImage(spec: ImageSpec, arch: Arch, root: string, run: ImageRun = {}): SpawnSyncReturns<string> {
  const { uid, gid, home } = idsOf(root, spec.user);
  const env: Record<string, string> = { HOME: home, ...baseOf(spec).env, ...spec.env, ...run.env };
  const argv = run.command ? [...run.command] : [...spec.entrypoint, ...(run.args ?? spec.cmd)];
  if (argv.length === 0) throw new Error("the image has no command");
  // As execvp in the container would, so that the emulator gets the program's path.
  if (!argv[0]!.includes("/"))
    argv[0] =
      (env.PATH ?? "")
        .split(":")
        .map((d) => path.posix.join(d, argv[0]!))
        .find((p) => existsSync(path.join(root, p))) ?? argv[0]!;
  if (arch !== HOST_ARCH) argv.unshift(`/.${QEMU[arch]}`);
  const lines = [
    "set -e",
    `R=${quote(root)}`,
    'mount --bind "$R" "$R"',
    'mount -t proc proc "$R/proc"',
    'mount -t tmpfs -o mode=0755,size=1m tmpfs "$R/dev"',
    'for n in null zero random urandom; do : > "$R/dev/$n"; mount --bind "/dev/$n" "$R/dev/$n"; done',
  ];
  for (const [at, host] of Object.entries(run.mounts ?? {})) {
    lines.push(
      `mkdir -p "$R"${quote(at)}`,
      `mount --bind ${quote(host)} "$R"${quote(at)}`,
      `mount -o remount,bind,ro "$R"${quote(at)}`,
    );
  }
  for (const at of run.tmpfs ?? [])
    lines.push(`mkdir -p "$R"${quote(at)}`, `mount -t tmpfs -o mode=1777 tmpfs "$R"${quote(at)}`);
  if (run.readOnlyRoot !== false) lines.push('mount -o remount,bind,ro "$R"');
  lines.push(`exec unshare -R "$R" -w ${quote(run.cwd ?? spec.workdir ?? "/")} -G ${gid} -S ${uid} -- "$@"`);
  return spawnSync("unshare", ["-m", "--propagation", "private", "sh", "-c", lines.join("\n"), "sh", ...argv], {
    env,
    input: run.stdin ?? "",
    encoding: "utf8",
    timeout: 180_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}
