import { createError, hasErrors } from "../diagnostics/create.js";
import { holdsSecret } from "../kube/sensitive-values.js";
import { plainScalarType } from "./kubectl-scalars.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { resolveLimits } from "./limits.js";
import { locateDiagnostics } from "./locate-diagnostics.js";
import { notAManifestByName, notAManifestByText, notAManifestDocument } from "./not-manifests.js";
import { parseChunks } from "./parse-yaml.js";
import { readInputs, type InputContext } from "./read-inputs.js";
import { SourceIndex } from "./source-index.js";
import { splitDocuments } from "./split-documents.js";
import { dropDuplicates, toResources } from "./to-resources.js";
import type { LoadOptions, LoadResult, Resource, SourceFile } from "./types.js";

const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

/** A parsed key that may have been a plain non-string scalar (`on` arrives as "true", `010` as "8", `.inf` as "Infinity"). */
function hasSuspiciousKey(value: unknown): boolean {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (typeof v === "object" && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (plainScalarType(k) !== undefined || /^-?Infinity$|^NaN$/.test(k)) return true;
        stack.push(child);
      }
    }
  }
  return false;
}

/**
 * Map keys of a ToolHive object that YAML reads as something other than a string: kubectl would
 * send `on:` as "true", `010:` as "8", and refuses `~:`; vmcp-gen refuses them all, at the key.
 */
function nonStringKeys(r: Resource, sources: SourceIndex): Diagnostic[] {
  return sources.plainNonStringKeys(r.source).map((k) =>
    createError(
      "VMCP118",
      `map key \`${k.key}\` is not a string: YAML, as kubectl reads it, makes it ${k.type === "null" ? "null" : k.type === "integer" ? "an integer" : `a ${k.type}`}`,
      {
        file: r.source.file,
        line: k.line,
        column: k.column,
        resource: { kind: r.kind, namespace: r.namespace, name: r.name },
        path: k.path,
        hint: `quote the key ("${k.key}": …) so that it stays the string you wrote`,
      },
    ),
  );
}

/** A `\uD800`-style escape: the only way a lone surrogate gets into text that decoded as UTF-8. */
const SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}|\\U0000[dD][89a-fA-F]/;

// ES2024's String.prototype.isWellFormed (Node 20+), not in the ES2023 library types.
const isWellFormed = (s: string) => (s as unknown as { isWellFormed(): boolean }).isWellFormed();

/**
 * Strings holding half of a surrogate pair (written as an escape): no UTF-8 encodes them, so the
 * API server and the runtime would see U+FFFD instead of what was written. Refused, at the field.
 */
function loneSurrogates(r: Resource): Diagnostic[] {
  const out: Diagnostic[] = [];
  const stack: [unknown, (string | number)[]][] = [[r.body, []]];
  while (stack.length > 0 && out.length < 20) {
    const [v, path] = stack.pop()!;
    const report = (at: (string | number)[], what: string) =>
      out.push(
        createError(
          "VMCP119",
          `${what} holds a lone surrogate (an escape such as \\uD800 without its pair), which is not Unicode text`,
          {
            source: r.source,
            resource: { kind: r.kind, namespace: r.namespace, name: r.name },
            path: at,
            hint: "write the character itself, or both halves of the surrogate pair (\\uD83D\\uDE00)",
          },
        ),
      );
    if (typeof v === "string") {
      if (!isWellFormed(v)) report(path, "the value");
    } else if (Array.isArray(v)) v.forEach((item, i) => stack.push([item, [...path, i]]));
    else if (typeof v === "object" && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (!isWellFormed(k)) report([...path, k], "the key");
        stack.push([child, [...path, k]]);
      }
    }
  }
  return out;
}

/** Parses already-read files into resources. Pure: no I/O. */
export function loadSources(files: readonly SourceFile[], options: LoadOptions = {}): LoadResult {
  const limits = resolveLimits(options.limits);
  const sources = new SourceIndex();
  const diagnostics: Diagnostic[] = [];
  const resources: Resource[] = [];
  const defaultNamespace = options.namespace ?? "default";
  for (const file of files) {
    const refused = notAManifestByName(file.path);
    if (refused) {
      diagnostics.push(refused);
      continue;
    }
    const chunks = splitDocuments(file.text);
    const parsed = parseChunks(file.path, chunks, limits);
    const found: Diagnostic[] = [...parsed.diagnostics];
    const fileResources: Resource[] = [];
    const secretChunks = new Set(parsed.documents.filter((d) => holdsSecret(d.value)).map((d) => d.chunk));
    sources.addFile(
      file.path,
      file.text,
      chunks,
      parsed.documents.map((d) => ({ chunk: d.chunk, indexInChunk: d.indexInChunk })),
      secretChunks,
    );
    parsed.documents.forEach((doc, index) => {
      const notManifest = notAManifestDocument(file.path, doc.startLine + 1, doc.value);
      if (notManifest) found.push(notManifest);
      else fileResources.push(...toResources(doc.value, { file: file.path, doc: index }, defaultNamespace, found));
    });
    // A Helm template fails as YAML or as an object (`name: {{ .Release.Name }}` reads as a
    // mapping); a file that loads cleanly is a manifest, whatever `{{` its strings hold.
    const helm = hasErrors(found) ? notAManifestByText(file.path, file.text) : undefined;
    if (helm) diagnostics.push(helm);
    else {
      diagnostics.push(...found);
      resources.push(...fileResources);
    }
  }
  const unique = dropDuplicates(resources, diagnostics, (r) => {
    const pos = sources.locate(r.source);
    return pos ? `${r.source.file}:${pos.line}` : r.source.file;
  });
  for (const r of unique)
    if (r.group === TOOLHIVE_GROUP && hasSuspiciousKey(r.body)) diagnostics.push(...nonStringKeys(r, sources));
  const escaped = new Set(files.filter((f) => SURROGATE_ESCAPE.test(f.text)).map((f) => f.path));
  for (const r of unique) if (escaped.has(r.source.file)) diagnostics.push(...loneSurrogates(r));
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

/** Reads the input paths (files, folders, `-`) and parses them. The only stage that touches the filesystem. */
export async function loadInputs(
  paths: readonly string[],
  ctx: InputContext,
  options: LoadOptions = {},
): Promise<LoadResult> {
  const limits = resolveLimits(options.limits);
  const read = await readInputs(paths, ctx, limits, options.exclude ? { exclude: options.exclude } : {});
  const loaded = loadSources(read.files, { ...options, limits });
  // "No objects" says nothing new when every input was refused already (too large, not text).
  const parsed =
    read.diagnostics.length > 0 ? loaded.diagnostics.filter((d) => d.code !== "VMCP112") : loaded.diagnostics;
  return { ...loaded, diagnostics: [...locateDiagnostics(read.diagnostics, loaded.sources), ...parsed] };
}
