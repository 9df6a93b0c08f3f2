import { statSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { createError } from "../diagnostics/create.js";
import { UsageError } from "../diagnostics/errors.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { KUSTOMIZATION_FILE, parseOwnedFiles } from "../layout/output-layout.js";
import { loadSources } from "./load-inputs.js";
import { resolveLimits } from "./limits.js";
import { readCapped } from "./read-capped.js";
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

/** A file of the previous render, read with the input size limit (it may be a FIFO or a device); `undefined` when it is gone. */
function readBounded(abs: string, shown: string, diagnostics: Diagnostic[]): string | undefined {
  let read: Buffer | "too-large";
  try {
    // Only regular files: opening a FIFO nobody writes to would wait forever.
    if (!statSync(abs).isFile()) {
      diagnostics.push(
        createError("VMCP117", "not a regular file: a previous render holds only files", {
          file: shown,
          hint: "remove it from the folder, or compare with another folder",
        }),
      );
      return undefined;
    }
    read = readCapped(abs, resolveLimits(undefined).maxFileBytes);
  } catch {
    return undefined;
  }
  if (read !== "too-large") return read.toString("utf8");
  diagnostics.push(
    createError("VMCP102", `input is larger than ${resolveLimits(undefined).maxFileBytes} bytes`, {
      file: shown,
      line: 1,
      column: 1,
      hint: "--against names a previous render; no file vmcp-gen writes is this large",
    }),
  );
  return undefined;
}

/** The files of an output directory: exactly those vmcp-gen recorded, or every YAML file but the kustomization. */
async function readRenderDir(cwd: string, dir: string, diagnostics: Diagnostic[]): Promise<SourceFile[]> {
  const kustomization = readBounded(
    path.join(dir, KUSTOMIZATION_FILE),
    displayPath(cwd, path.join(dir, KUSTOMIZATION_FILE)),
    diagnostics,
  );
  const owned = kustomization === undefined ? undefined : parseOwnedFiles(kustomization);
  if (owned) {
    const files: SourceFile[] = [];
    for (const rel of owned) {
      const abs = path.join(dir, ...rel.split("/"));
      // A recorded file deleted by hand is simply no longer part of the previous render.
      const text = readBounded(abs, displayPath(cwd, abs), diagnostics);
      if (text !== undefined) files.push({ path: displayPath(cwd, abs), text: text.replace(/\r\n/g, "\n") });
    }
    return files;
  }
  const read = await readInputs([dir], { cwd }, resolveLimits(undefined));
  if (read.diagnostics.length > 0)
    throw new UsageError(
      `--against ${displayPath(cwd, dir)}: ${read.diagnostics[0]!.file ?? ""}: ${read.diagnostics[0]!.message}`,
    );
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
  const diagnostics: Diagnostic[] = [];
  if (st.isDirectory()) {
    files = await readRenderDir(cwd, abs, diagnostics);
    if (diagnostics.length > 0) return { objects: [], diagnostics };
  } else {
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
