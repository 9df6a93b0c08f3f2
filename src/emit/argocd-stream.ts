import { createWarning } from "../diagnostics/create.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { isSecretKind } from "../kube/sensitive-values.js";
import type { Resource } from "../load/types.js";
import type { RenderedVmcp } from "../render/types.js";
import { orderManifests } from "./order-manifests.js";

const TOOLHIVE_GROUP = "toolhive.stacklok.dev";

function annotation(body: Record<string, unknown>, key: string): unknown {
  const meta = body.metadata as { annotations?: Record<string, unknown> } | undefined;
  return meta?.annotations?.[key];
}

function label(body: Record<string, unknown>, key: string): unknown {
  const meta = body.metadata as { labels?: Record<string, unknown> } | undefined;
  return meta?.labels?.[key];
}

/**
 * What `argocd generate` prints: the plugin replaces Argo CD's own handling of the folder, so the
 * plain Kubernetes objects beside the ToolHive inputs (a CA bundle ConfigMap the vMCP pod mounts)
 * are passed through, then the rendered objects follow. Not passed through: ToolHive kinds (the
 * cluster has no ToolHive CRDs), tooling config marked local-config, objects an earlier render left
 * in the folder (they are rendered again), and Secrets, which vmcp-gen never echoes: wherever
 * nested (the loader expands lists of any kind, so a SecretList's items arrive here one by one),
 * and objects that embed one.
 */
export function argocdObjects(inputs: readonly Resource[], rendered: readonly RenderedVmcp[]): { objects: unknown[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const passThrough: unknown[] = [];
  for (const r of inputs) {
    if (r.group === TOOLHIVE_GROUP) continue;
    if (annotation(r.body, "config.kubernetes.io/local-config") === "true") continue;
    if (label(r.body, "app.kubernetes.io/managed-by") === "vmcp-gen") continue;
    if (isSecretKind(r.kind) || r.embedsSecret) {
      const resource = { kind: r.kind, namespace: r.namespace, name: r.name };
      const what = r.embedsSecret ? `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${r.name} holds a Secret and` : `Secret ${r.namespace}/${r.name}`;
      diagnostics.push(
        createWarning("VMCP705", `${what} is not part of the output: vmcp-gen never echoes Secret values`, {
          source: r.source,
          resource,
          hint: "deliver Secrets another way (Sealed Secrets, External Secrets, a separate Application); the rendered pods reference them by name",
        }),
      );
      continue;
    }
    passThrough.push(r.body);
  }
  return { objects: [...passThrough, ...orderManifests(rendered).map((m) => m.object)], diagnostics };
}
