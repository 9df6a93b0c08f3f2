import { Option, type Command } from "./commander.js";
import { UsageError } from "../diagnostics/errors.js";
import { parseImageValue, parseNamespaceValue, type Parsed } from "../kube/option-values.js";
import type { DiagnosticsFormat } from "./report.js";

/** Options every input-reading command shares. */
export interface InputOptions {
  readonly namespace?: string;
  readonly diagnostics: DiagnosticsFormat;
  readonly strictRefs: boolean;
  readonly maxFileSize?: number;
}

const SIZE = /^(\d+)(Ki|Mi|Gi)?$/;

export function parseSize(value: string): number {
  const m = SIZE.exec(value.trim());
  if (!m) throw new UsageError(`--max-file-size: ${JSON.stringify(value)} is not a size (e.g. 16Mi, 500Ki, 1048576)`);
  const unit = m[2] === "Ki" ? 1024 : m[2] === "Mi" ? 1024 ** 2 : m[2] === "Gi" ? 1024 ** 3 : 1;
  return Number(m[1]) * unit;
}

/** A flag value checked as the Argo CD and KRM paths check theirs: a bad one is a usage error (exit 2). */
function checked<T>(parse: (what: string, value: string) => Parsed<T>, what: string): (value: string) => T {
  return (value) => {
    const parsed = parse(what, value);
    if (!parsed.ok) throw new UsageError(parsed.message);
    return parsed.value;
  };
}

/** `--namespace`: a namespace name; an empty or malformed one would be written into every object. */
export const parseNamespaceFlag = checked(parseNamespaceValue, "--namespace");
/** `--image`: a container image reference, never empty, never with spaces or line breaks (not even around it). */
export const parseImageFlag = checked((what, value) => parseImageValue(what, value, { exact: true }), "--image");

export function addInputOptions(cmd: Command): Command {
  return cmd
    .option("-n, --namespace <ns>", "namespace for inputs that have none (default: \"default\")", parseNamespaceFlag)
    .addOption(new Option("--diagnostics <format>", "how to print problems on stderr").choices(["text", "json", "github"]).default("text"))
    .option("--strict-refs", "treat referenced ConfigMaps and Secrets that are not among the inputs as errors", false)
    .option("--max-file-size <size>", "largest input file accepted (default 16Mi)", parseSize);
}

/** The flags `synth` and `diff` share, beyond the input options. */
export interface RenderFlags extends InputOptions {
  readonly vmcp: string[];
  readonly image?: string;
  readonly skipInvalidBackends: boolean;
}

/** Pipeline options from the flags (the pipeline's option types live with the pipeline). */
export function toSynthOptions(opts: RenderFlags): { namespace?: string; strictRefs: boolean; skipInvalidBackends: boolean; maxFileSize?: number; only?: string[]; image?: string } {
  return {
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    strictRefs: opts.strictRefs,
    skipInvalidBackends: opts.skipInvalidBackends,
    ...(opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}),
    ...(opts.vmcp.length > 0 ? { only: opts.vmcp } : {}),
    ...(opts.image !== undefined ? { image: opts.image } : {}),
  };
}
