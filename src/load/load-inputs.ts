import { createError } from "../diagnostics/create.js";
import { holdsSecret } from "../kube/sensitive-values.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { resolveLimits } from "./limits.js";
import { locateDiagnostics } from "./locate-diagnostics.js";
import { parseChunks } from "./parse-yaml.js";
import { readInputs, type InputContext } from "./read-inputs.js";
import { SourceIndex } from "./source-index.js";
import { splitDocuments } from "./split-documents.js";
import { dropDuplicates, toResources } from "./to-resources.js";
import type { LoadOptions, LoadResult, Resource, SourceFile } from "./types.js";

/** Parses already-read files into resources. Pure: no I/O. */
export function loadSources(files: readonly SourceFile[], options: LoadOptions = {}): LoadResult {
  const limits = resolveLimits(options.limits);
  const sources = new SourceIndex();
  const diagnostics: Diagnostic[] = [];
  const resources: Resource[] = [];
  const defaultNamespace = options.namespace ?? "default";
  for (const file of files) {
    const chunks = splitDocuments(file.text);
    const parsed = parseChunks(file.path, chunks, limits);
    diagnostics.push(...parsed.diagnostics);
    const secretChunks = new Set(parsed.documents.filter((d) => holdsSecret(d.value)).map((d) => d.chunk));
    sources.addFile(file.path, file.text, chunks, parsed.documents.map((d) => ({ chunk: d.chunk, indexInChunk: d.indexInChunk })), secretChunks);
    parsed.documents.forEach((doc, index) => {
      resources.push(...toResources(doc.value, { file: file.path, doc: index }, defaultNamespace, diagnostics));
    });
  }
  const unique = dropDuplicates(resources, diagnostics, (r) => {
    const pos = sources.locate(r.source);
    return pos ? `${r.source.file}:${pos.line}` : r.source.file;
  });
  if (unique.length === 0 && diagnostics.length === 0) {
    diagnostics.push(
      createError("VMCP112", "the inputs hold no Kubernetes objects", {
        ...(files[0] ? { file: files[0].path, line: 1, column: 1 } : {}),
        hint: "point vmcp-gen at YAML files or folders that hold ToolHive manifests",
      }),
    );
  }
  return { resources: unique, sources, diagnostics: locateDiagnostics(diagnostics, sources) };
}

/**
 * Reads the input paths (files, folders, `-`) and parses them. The only stage that touches the
 * filesystem. `beforeParse` sees the texts first (the pipeline primes object shapes for large inputs).
 */
export async function loadInputs(paths: readonly string[], ctx: InputContext, options: LoadOptions = {}, beforeParse?: (files: readonly SourceFile[]) => Promise<void>): Promise<LoadResult> {
  const limits = resolveLimits(options.limits);
  const read = await readInputs(paths, ctx, limits);
  if (beforeParse) await beforeParse(read.files);
  const loaded = loadSources(read.files, { ...options, limits });
  // "No objects" says nothing new when every input was refused already (too large, not text).
  const parsed = read.diagnostics.length > 0 ? loaded.diagnostics.filter((d) => d.code !== "VMCP112") : loaded.diagnostics;
  return { ...loaded, diagnostics: [...locateDiagnostics(read.diagnostics, loaded.sources), ...parsed] };
}
