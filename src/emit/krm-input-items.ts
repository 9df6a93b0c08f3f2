import { membersByGroup, relatedObjects } from "../inspect/related-objects.js";
import type { KrmInputs } from "../load/function-config.js";
import type { KrmItem } from "../load/read-resource-list.js";
import { isToolhiveItem, itemAnnotations, LOCAL_CONFIG_ANNOTATION } from "../load/read-resource-list.js";
import type { RenderedVmcp } from "../render/types.js";
import { resourceKey, type ValidatedModel } from "../validate/validate-resources.js";

/**
 * What `vmcp-gen krm` does with the package's ToolHive items (functionConfig `inputs`):
 * - `auto` (the default): keep every one; mark those only static-mode VirtualMCPServers use
 *   `config.kubernetes.io/local-config: "true"` (the cluster never needs them: the static-mode pod
 *   has no Kubernetes access), and leave those a discovered-mode vMCP reads at run time as they are;
 * - `keep`: keep every one as it is;
 * - `local-config`: keep every one, marked local-config;
 * - `consume`: leave them out (in place, kpt deletes their files).
 * Items already marked local-config stay as they are in every mode.
 */

/** The item index behind each input resource of the pipeline (`items[i]`, resource-list sources). */
function itemIndexOf(file: string): number | undefined {
  const m = /^items\[(\d+)\]$/.exec(file);
  return m ? Number(m[1]) : undefined;
}

/**
 * The ToolHive items the cluster does not need: every object related to a rendered static-mode
 * VirtualMCPServer (itself, its group, the members and what they reference), unless a rendered
 * discovered-mode one, whose vMCP reads them through the API, is related to it too.
 */
export function staticOnlyItems(model: ValidatedModel, rendered: readonly RenderedVmcp[]): Set<number> {
  const members = membersByGroup(model);
  const staticKeys = new Set<string>();
  const runtimeKeys = new Set<string>();
  for (const r of rendered) {
    const vmcp = model.index.get("VirtualMCPServer", r.namespace, r.name);
    if (!vmcp) continue;
    const keys = vmcp.spec.outgoingAuth?.source === "inline" ? staticKeys : runtimeKeys;
    for (const key of relatedObjects(vmcp.resource, members).keys()) keys.add(key);
  }
  const out = new Set<number>();
  for (const resource of model.resources) {
    const index = itemIndexOf(resource.source.file);
    const key = resourceKey(resource);
    if (index !== undefined && staticKeys.has(key) && !runtimeKeys.has(key)) out.add(index);
  }
  return out;
}

function markLocalConfig(item: KrmItem): KrmItem {
  if (itemAnnotations(item)[LOCAL_CONFIG_ANNOTATION] === "true") return item;
  const meta =
    typeof item.metadata === "object" && item.metadata !== null ? (item.metadata as Record<string, unknown>) : {};
  return {
    ...item,
    metadata: { ...meta, annotations: { ...itemAnnotations(item), [LOCAL_CONFIG_ANNOTATION]: "true" } },
  };
}

/** The package's ToolHive items after a successful render, as `inputs` asks; other items are not touched here. */
export function disposeInputItems(
  items: readonly KrmItem[],
  mode: KrmInputs,
  staticOnly: ReadonlySet<number>,
): (KrmItem | undefined)[] {
  return items.map((item, i) => {
    if (!isToolhiveItem(item)) return item;
    if (itemAnnotations(item)[LOCAL_CONFIG_ANNOTATION] === "true") return item;
    switch (mode) {
      case "consume":
        return undefined;
      case "keep":
        return item;
      case "local-config":
        return markLocalConfig(item);
      case "auto":
        return staticOnly.has(i) ? markLocalConfig(item) : item;
    }
  });
}
