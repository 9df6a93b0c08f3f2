import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { UsageError } from "../diagnostics/errors.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { KUSTOMIZATION_FILE, parseOwnedFiles } from "../emit/output-layout.js";
import { loadSources } from "./load-inputs.js";
import { resolveLimits } from "./limits.js";
import { readInputs } from "./read-inputs.js";
import type { SourceFile } from "./types.js";

/** One object of a previous render, as it was written. */
export interface PreviousObject {
  readonly object: Record<string, unknown>;
  /** The file it was read from, as diagnostics show it. */
  readonly file: string;
}

export interface PreviousRender {
  readonly objects: readonly PreviousObject[];
  readonly diagnostics: readonly Diagnostic[];
}

const KUSTOMIZATION_NAMES = new Set(["kustomization.yaml", "kustomization.yml", "Kustomization"]);

function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  return (rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join("/");
}

/** The files of an output directory: exactly those vmcp-gen recorded, or every YAML file but the kustomization. */
async function readRenderDir(cwd: string, dir: string): Promise<SourceFile[]> {
  const kustomization = await readFile(path.join(dir, KUSTOMIZATION_FILE), "utf8").catch(() => undefined);
  const owned = kustomization === undefined ? undefined : parseOwnedFiles(kustomization);
  if (owned) {
    const files: SourceFile[] = [];
    for (const rel of owned) {
      const abs = path.join(dir, ...rel.split("/"));
      // A recorded file deleted by hand is simply no longer part of the previous render.
      const text = await readFile(abs, "utf8").catch(() => undefined);
      if (text !== undefined) files.push({ path: displayPath(cwd, abs), text: text.replace(/\r\n/g, "\n") });
    }
    return files;
  }
  const read = await readInputs([dir], { cwd }, resolveLimits(undefined));
  if (read.diagnostics.length > 0) throw new UsageError(`--against ${displayPath(cwd, dir)}: ${read.diagnostics[0]!.file ?? ""}: ${read.diagnostics[0]!.message}`);
  return read.files.filter((f) => !KUSTOMIZATION_NAMES.has(path.posix.basename(f.path)));
}

/**
 * Reads a previous render for `vmcp-gen diff --against`: a folder written by `synth --output-dir`
 * (or any folder of manifests), or one multi-document YAML / JSON `List` file. Objects are kept as
 * written: no namespace is filled in, nothing is validated beyond being Kubernetes objects.
 */
export async function readPreviousRender(cwd: string, against: string): Promise<PreviousRender> {
  const abs = path.resolve(cwd, against);
  const st = await stat(abs).catch(() => undefined);
  if (!st) throw new UsageError(`--against ${against} does not exist`);
  let files: SourceFile[];
  if (st.isDirectory()) files = await readRenderDir(cwd, abs);
  else {
    const read = await readInputs([abs], { cwd }, resolveLimits(undefined));
    if (read.diagnostics.length > 0) return { objects: [], diagnostics: read.diagnostics };
    files = read.files;
  }
  // An empty namespace default keeps objects exactly as written; an empty previous render is valid.
  const loaded = loadSources(files, { namespace: "" });
  return {
    objects: loaded.resources.map((r) => ({ object: r.body, file: r.source.file })),
    diagnostics: loaded.diagnostics.filter((d) => d.code !== "VMCP112"),
  };
}
