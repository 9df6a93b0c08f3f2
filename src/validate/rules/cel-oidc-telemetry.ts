import type { Diagnostic } from "../../diagnostics/types.js";
import { has, listAt, objAt, strAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * MCPOIDCConfig `spec`: `self.type == 'X' ? has(self.X) : !has(self.X)` for `kubernetesServiceAccount`
 * and `inline`. The schema already limits `type` to those two values.
 */
export const checkOidcConfigTypeBlock: KindRule<"MCPOIDCConfig"> = ({ resource, spec }) => {
  const out: Diagnostic[] = [];
  const type = strAt(spec, "type") ?? "";
  for (const block of ["kubernetesServiceAccount", "inline"] as const) {
    if (type === block && !has(spec, block)) {
      out.push(
        fieldError(
          resource,
          "VMCP315",
          `spec.type is "${block}" but spec.${block} is not set`,
          ["spec", "type"],
          `add the spec.${block} block, or change spec.type to the block you configured`,
        ),
      );
    } else if (type !== block && has(spec, block)) {
      out.push(
        fieldError(
          resource,
          "VMCP315",
          `spec.${block} is set but spec.type is "${type}"`,
          ["spec", block],
          `remove spec.${block}, or set spec.type: ${block}`,
        ),
      );
    }
  }
  return out;
};

/**
 * MCPTelemetryConfig `spec.openTelemetry`: `self.sensitiveHeaders.all(sh, !(sh.name in self.headers))`.
 * CEL's `in` on a map is an exact, case-sensitive key match; so is this.
 */
export const checkTelemetryHeaderOverlap: KindRule<"MCPTelemetryConfig"> = ({ resource, spec }) => {
  const otel = objAt(spec, "openTelemetry");
  const headers = objAt(otel, "headers");
  if (!headers) return [];
  const out: Diagnostic[] = [];
  listAt(otel, "sensitiveHeaders").forEach((sh, i) => {
    const name = strAt(sh, "name");
    if (name === undefined || !Object.hasOwn(headers, name)) return;
    out.push(
      fieldError(
        resource,
        "VMCP316",
        `header "${name}" is set both in spec.openTelemetry.headers and in spec.openTelemetry.sensitiveHeaders[${i}]`,
        ["spec", "openTelemetry", "sensitiveHeaders", i, "name"],
        `keep "${name}" only in sensitiveHeaders (its value comes from a Secret) and remove it from headers`,
      ),
    );
  });
  return out;
};
