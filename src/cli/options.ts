import { Option, type Command } from "commander";
import { UsageError } from "../diagnostics/errors.js";
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
  if (!m) throw new UsageError(`--max-file-size: "${value}" is not a size (e.g. 16Mi, 500Ki, 1048576)`);
  const unit = m[2] === "Ki" ? 1024 : m[2] === "Mi" ? 1024 ** 2 : m[2] === "Gi" ? 1024 ** 3 : 1;
  return Number(m[1]) * unit;
}

export function addInputOptions(cmd: Command): Command {
  return cmd
    .option("-n, --namespace <ns>", "namespace for inputs that have none (default: \"default\")")
    .addOption(new Option("--diagnostics <format>", "how to print problems on stderr").choices(["text", "json", "github"]).default("text"))
    .option("--strict-refs", "treat referenced ConfigMaps and Secrets that are not among the inputs as errors", false)
    .option("--max-file-size <size>", "largest input file accepted (default 16Mi)", parseSize);
}
