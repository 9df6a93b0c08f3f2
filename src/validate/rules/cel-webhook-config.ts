import { listAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/** MCPWebhookConfig `spec`: `size(validating) + size(mutating) > 0` (absent lists count as empty). */
export const checkWebhookConfigNotEmpty: KindRule<"MCPWebhookConfig"> = ({ resource, spec }) => {
  if (listAt(spec, "validating").length + listAt(spec, "mutating").length > 0) return [];
  return [
    fieldError(
      resource,
      "VMCP317",
      "MCPWebhookConfig defines no webhook: spec.validating and spec.mutating are both empty or missing",
      ["spec"],
      "add at least one webhook (name and url) under spec.validating or spec.mutating",
    ),
  ];
};
