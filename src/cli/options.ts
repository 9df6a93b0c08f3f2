import { Option, type Command } from "./commander.js";
import { UsageError } from "../diagnostics/errors.js";
import type { NetworkPolicyOptions } from "../render/network-policy/types.js";
import { parseImageValue, parseNamespaceValue, type Parsed } from "../kube/option-values.js";
import type { DiagnosticsFormat } from "./report.js";
import { DEFAULT_IMAGE } from "../toolhive/version.js";

/** Options every input-reading command shares. */
export interface InputOptions {
  readonly namespace?: string;
  readonly diagnostics: DiagnosticsFormat;
  readonly strictRefs: boolean;
  readonly maxFileSize?: number;
  readonly exclude: string[];
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
    .option("-n, --namespace <ns>", 'namespace for inputs that have none (default: "default")', parseNamespaceFlag)
    .addOption(
      new Option("--diagnostics <format>", "how to print problems on stderr")
        .choices(["text", "json", "github"])
        .default("text"),
    )
    .option("--strict-refs", "treat referenced ConfigMaps and Secrets that are not among the inputs as errors", false)
    .option("--max-file-size <size>", "largest input file accepted (default 16Mi)", parseSize)
    .option(
      "--exclude <pattern>",
      "skip files and folders that match this gitignore-style pattern, relative to each input folder (repeatable; a .vmcpgenignore file in a folder does the same)",
      collectPatterns,
      [],
    );
}

const collectPatterns = (value: string, previous: string[]) => [...previous, value];

/** Load and validate options from the input flags (what `inspect` and `probe` check with). */
export function toCheckOptions(opts: InputOptions & { readonly skipInvalidBackends: boolean }): {
  namespace?: string;
  strictRefs: boolean;
  skipInvalidBackends: boolean;
  maxFileSize?: number;
  exclude: string[];
} {
  return {
    exclude: opts.exclude,
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    strictRefs: opts.strictRefs,
    skipInvalidBackends: opts.skipInvalidBackends,
    ...(opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}),
  };
}

/** The flags `synth`, `diff` and `validate` share, beyond the input options. */
export interface RenderFlags extends InputOptions {
  readonly vmcp: string[];
  readonly image?: string;
  readonly skipInvalidBackends: boolean;
  /** `true` for a bare `--network-policy`. */
  readonly networkPolicy?: string | true;
  readonly ingressNamespaces?: Record<string, string>;
}

const LABEL = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?\/)?[a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?$/;
const LABEL_VALUE = /^([a-zA-Z0-9]([-a-zA-Z0-9_.]{0,61}[a-zA-Z0-9])?)?$/;

/** `--ingress-namespaces team=a,env=prod`: the labels a namespace needs to reach the vMCP port. */
export function parseNamespaceLabels(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of value.split(",")) {
    const eq = pair.indexOf("=");
    const key = pair.slice(0, eq).trim();
    const label = pair.slice(eq + 1).trim();
    if (eq < 0 || !LABEL.test(key) || !LABEL_VALUE.test(label))
      throw new UsageError(
        `--ingress-namespaces: "${pair}" is not a label KEY=VALUE (e.g. kubernetes.io/metadata.name=clients)`,
      );
    out[key] = label;
  }
  return out;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * `-o, --output <format>`: kubectl's spelling of the output format, the same as `--format`, on
 * every command that has one. Anything but a format is refused: `-o deploy/vmcp` never writes a
 * folder (that is `--output-dir`), and `-o json` never creates one named `json`.
 */
export function addOutputOption(cmd: Command, formats: readonly string[], folder?: string): Command {
  const parse = (value: string): string => {
    if (formats.includes(value)) return value;
    throw new UsageError(
      `-o ${value}: -o is the output format (${formats.join(", ")}), as kubectl's -o is${folder ? `; to write files into a folder use ${folder} ${value}` : ""}`,
    );
  };
  // choices() first, for the help and shell completion; argParser() after it replaces only the check.
  return cmd.addOption(
    new Option("-o, --output <format>", "the same as --format").choices(formats).argParser(parse).conflicts("format"),
  );
}

/** `-o` on a command that has no output format: refused with what to write instead, never "unknown option". */
export function refuseOutputFlag(cmd: Command, instead: (value: string) => string): Command {
  const refuse = (value: string): never => {
    throw new UsageError(`-o ${value}: ${instead(value)}`);
  };
  return cmd.addOption(new Option("-o, --output <value>").argParser(refuse).hideHelp());
}

/** The flags that change what is rendered, on every command that runs the render (`synth`, `diff`, `validate`). */
export function addRenderOptions(cmd: Command, verb: string): Command {
  return addNetworkPolicyOptions(
    cmd
      .option("--vmcp <name>", `${verb} only this VirtualMCPServer (name or namespace/name; repeatable)`, collect, [])
      .option("--image <ref>", `vMCP container image (default ${DEFAULT_IMAGE})`, parseImageFlag)
      .option("--skip-invalid-backends", "leave out invalid group members with a warning instead of failing", false),
  );
}

/** `--network-policy[=cilium]` and its ingress selector, on every command that renders. */
export function addNetworkPolicyOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        "--network-policy [flavor]",
        "also render the vMCP pod's network policy: a NetworkPolicy, or with =cilium a CiliumNetworkPolicy naming each external host (docs/network-policy.md in the package)",
      ).choices(["kubernetes", "cilium"]),
    )
    .option(
      "--ingress-namespaces <labels>",
      "with --network-policy: only namespaces with these labels (KEY=VALUE,...) may reach the vMCP port (default: every namespace)",
      parseNamespaceLabels,
    );
}

/** Pipeline options from the flags (the pipeline's option types live with the pipeline). */
export function toSynthOptions(opts: RenderFlags): {
  namespace?: string;
  strictRefs: boolean;
  skipInvalidBackends: boolean;
  maxFileSize?: number;
  exclude: string[];
  only?: string[];
  image?: string;
  networkPolicy?: NetworkPolicyOptions;
} {
  if (opts.ingressNamespaces !== undefined && opts.networkPolicy === undefined)
    throw new UsageError("--ingress-namespaces needs --network-policy");
  const flavor = opts.networkPolicy === "cilium" ? "cilium" : "kubernetes";
  return {
    ...(opts.networkPolicy !== undefined
      ? {
          networkPolicy: {
            flavor,
            ...(opts.ingressNamespaces ? { ingressNamespaceLabels: opts.ingressNamespaces } : {}),
          },
        }
      : {}),
    ...(opts.namespace !== undefined ? { namespace: opts.namespace } : {}),
    strictRefs: opts.strictRefs,
    skipInvalidBackends: opts.skipInvalidBackends,
    ...(opts.maxFileSize !== undefined ? { maxFileSize: opts.maxFileSize } : {}),
    exclude: opts.exclude,
    ...(opts.vmcp.length > 0 ? { only: opts.vmcp } : {}),
    ...(opts.image !== undefined ? { image: opts.image } : {}),
  };
}
