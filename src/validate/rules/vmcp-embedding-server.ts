import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * `spec.embeddingServerRef` to an EmbeddingServer that is among the inputs but failed its own
 * validation: the operator would see it Failed and stop (`EmbeddingServer … has failed`). A
 * missing one is VMCP408.
 */
export const checkEmbeddingServerUsable: KindRule<"VirtualMCPServer"> = ({ resource, spec }, ctx) => {
  const name = spec.embeddingServerRef?.name;
  if (!name || !ctx.index.has("EmbeddingServer", resource.namespace, name)) return [];
  if (ctx.index.get("EmbeddingServer", resource.namespace, name)) return [];
  return [
    fieldError(
      resource,
      "VMCP616",
      `EmbeddingServer "${name}" is invalid, so the optimizer has no embedding service`,
      ["spec", "embeddingServerRef", "name"],
      `fix the problems reported for EmbeddingServer "${name}"`,
    ),
  ];
};
