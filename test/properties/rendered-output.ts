import { parse, parseAllDocuments } from "yaml";
import { validateKubeObject } from "../helpers/kube-models.js";
import { checkRestrictedPod } from "../../src/render/pod-security.js";
import { runtimeSchemaErrors } from "../helpers/runtime-schema.js";

export interface RenderedObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Record<string, string>;
    readonly annotations?: Record<string, string>;
  };
  readonly [k: string]: unknown;
}

/** The objects of `synth` output: multi-document YAML, or (`--format json`) one v1 List. */
export function parseRendered(stdout: string): RenderedObject[] {
  const docs = parseAllDocuments(stdout);
  if (!Array.isArray(docs)) throw new Error("stdout is not a YAML stream");
  const out: RenderedObject[] = [];
  for (const d of docs) {
    if (d.errors.length > 0) throw new Error(`stdout is not valid YAML: ${d.errors[0]!.message}`);
    const value = d.toJS() as RenderedObject | null;
    if (value === null) continue;
    if (value.kind === "List" && Array.isArray(value.items)) out.push(...(value.items as RenderedObject[]));
    else out.push(value);
  }
  return out;
}

export interface OutputReport {
  /** Objects the Kubernetes API schemas refuse, config.yaml the vMCP runtime schema refuses, unparsable output. */
  readonly problems: string[];
  /** Pods below Pod Security Standards `restricted`: a problem unless the user's podTemplateSpec asked for it (VMCP610). */
  readonly podSecurity: string[];
}

/** Every conformance problem of rendered output; both lists are empty when the output is fine. */
export function checkRenderedOutput(stdout: string): OutputReport {
  const problems: string[] = [];
  const podSecurity: string[] = [];
  let objects: RenderedObject[];
  try {
    objects = parseRendered(stdout);
  } catch (e) {
    return { problems: [String(e)], podSecurity };
  }
  if (objects.length === 0) problems.push("exit 0 with no objects on stdout");
  // A value stringified by accident (String(object)) is never meant to be output.
  if (stdout.includes("[object Object]")) problems.push("stdout holds a stringified object ([object Object])");
  for (const o of objects) {
    const id = `${o?.kind}/${o?.metadata?.namespace}/${o?.metadata?.name}`;
    try {
      validateKubeObject(o);
    } catch (e) {
      problems.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
    for (const pod of podTemplatesOf(o))
      for (const violation of checkRestrictedPod(pod))
        podSecurity.push(`${id}: PSS ${violation.check} at ${violation.path.join(".")}: ${violation.message}`);
    if (o.kind === "ConfigMap" && o.metadata.name.endsWith("-vmcp-config")) {
      const text = (o.data as Record<string, string> | undefined)?.["config.yaml"];
      if (text === undefined) {
        problems.push(`${id}: no config.yaml`);
        continue;
      }
      const config = parse(text) as { outgoingAuth?: { source?: string } };
      const errors = runtimeSchemaErrors(config, config.outgoingAuth?.source === "inline" ? "static" : "any");
      for (const e of errors) problems.push(`${id}: config.yaml ${e}`);
    }
  }
  return { problems, podSecurity };
}

const POD_TEMPLATE_KINDS = new Set([
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
]);

/** The pod templates an object carries: a Pod itself, a workload's template, a CronJob's job template. */
export function podTemplatesOf(object: unknown): unknown[] {
  const o = (object ?? {}) as {
    kind?: unknown;
    spec?: { template?: unknown; jobTemplate?: { spec?: { template?: unknown } } };
  };
  if (o.kind === "Pod") return [o];
  if (typeof o.kind === "string" && POD_TEMPLATE_KINDS.has(o.kind)) return [o.spec?.template ?? {}];
  if (o.kind === "CronJob") return [o.spec?.jobTemplate?.spec?.template ?? {}];
  return [];
}
