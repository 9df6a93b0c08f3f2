import type { Diagnostic } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import type { ResourceIndex } from "../resource-index.js";
import { checkPemBundle, type PemProblem } from "../rules/pem-bundle.js";
import { fieldError, fieldWarning, resourceId } from "../../diagnostics/rule-diagnostic.js";
import { collectAt, type PathPattern } from "./collect-at.js";

const p = (s: string): PathPattern => s.split(".");

/** Fields holding a `{name, key}` reference to a CA bundle ConfigMap, per kind. */
const CA_BUNDLE_REFERENCES: Readonly<Record<string, readonly PathPattern[]>> = {
  MCPServerEntry: [p("spec.caBundleRef.configMapRef")],
  MCPOIDCConfig: [p("spec.inline.caBundleRef.configMapRef")],
  MCPTelemetryConfig: [p("spec.openTelemetry.caBundleRef.configMapRef")],
};

export const DEFAULT_CA_KEY = "ca.crt";

/** The text of a ConfigMap key from `data`, or decoded from `binaryData`. */
export function configMapValue(cm: Resource, key: string): string | undefined {
  const data = cm.body.data as Record<string, unknown> | undefined;
  if (data && typeof data[key] === "string") return data[key];
  const bin = cm.body.binaryData as Record<string, unknown> | undefined;
  if (bin && typeof bin[key] === "string") return Buffer.from(bin[key], "base64").toString("utf8");
  return undefined;
}

/** Which of `data` and `binaryData` the value of `key` comes from (as `configMapValue` reads it). */
function configMapField(cm: Resource, key: string): "data" | "binaryData" {
  const data = cm.body.data as Record<string, unknown> | undefined;
  return data && typeof data[key] === "string" ? "data" : "binaryData";
}

function configMapKeys(cm: Resource): string[] {
  const keys = new Set<string>();
  for (const f of ["data", "binaryData"]) {
    const m = cm.body[f];
    if (m && typeof m === "object") for (const k of Object.keys(m)) keys.add(k);
  }
  return [...keys].sort();
}

/**
 * A CA bundle ConfigMap among the inputs must hold the key and at least one PEM certificate; one
 * that is not among the inputs is assumed to be managed elsewhere (a warning, an error with
 * `--strict-refs`).
 */
export function checkCaBundleReferences(
  resources: readonly Resource[],
  index: ResourceIndex,
  strictRefs: boolean,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const pemVerdicts = new Map<string, PemProblem | undefined>();
  for (const r of resources) {
    for (const pattern of CA_BUNDLE_REFERENCES[r.kind] ?? []) {
      for (const found of collectAt(r.body, pattern)) {
        const ref = found.value as { name?: unknown; key?: unknown } | null;
        if (!ref || typeof ref.name !== "string" || ref.name === "") continue;
        const key = typeof ref.key === "string" && ref.key !== "" ? ref.key : DEFAULT_CA_KEY;
        const cm = index.resource("ConfigMap", r.namespace, ref.name);
        if (!cm) {
          const make = strictRefs ? fieldError : fieldWarning;
          out.push(
            make(
              r,
              "VMCP409",
              `CA bundle ConfigMap "${ref.name}" is not among the inputs (namespace "${r.namespace}"); its key "${key}" cannot be checked`,
              [...found.path, "name"],
              "add the ConfigMap to the inputs to have it checked, or ignore this if it is managed elsewhere (--strict-refs makes this an error)",
            ),
          );
          continue;
        }
        const text = configMapValue(cm, key);
        if (text === undefined) {
          const keys = configMapKeys(cm);
          out.push(
            fieldError(
              r,
              "VMCP410",
              `ConfigMap "${ref.name}" has no key "${key}"`,
              [...found.path, typeof ref.key === "string" ? "key" : "name"],
              keys.length
                ? `it has ${keys.map((k) => `"${k}"`).join(", ")}; set configMapRef.key to the key that holds the PEM bundle`
                : "the ConfigMap has no data; add the PEM bundle under this key",
            ),
          );
          continue;
        }
        // Many entries share one bundle; parsing X.509 is the costly part, and the verdict depends only on the text.
        if (!pemVerdicts.has(text)) pemVerdicts.set(text, checkPemBundle(text));
        const problem = pemVerdicts.get(text);
        if (problem) {
          const code = problem.kind === "empty" ? "VMCP412" : "VMCP411";
          const d = fieldError(
            cm,
            code,
            `ConfigMap "${ref.name}" key "${key}" (CA bundle of ${r.kind} "${r.name}"): ${problem.message}`,
            [configMapField(cm, key), key],
            problem.hint,
          );
          out.push({ ...d, subject: resourceId(r) });
        }
      }
    }
  }
  return out;
}
