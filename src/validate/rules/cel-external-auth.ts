import type { Diagnostic } from "../../diagnostics/types.js";
import type { ExternalAuthType } from "../spec-types.js";
import { has } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/** Every type that has a configuration block of the same name; `unauthenticated` has none. */
const BLOCK_TYPES = [
  "tokenExchange",
  "headerInjection",
  "bearerToken",
  "embeddedAuthServer",
  "awsSts",
  "upstreamInject",
  "obo",
  "xaa",
] as const satisfies readonly ExternalAuthType[];

/**
 * MCPExternalAuthConfig `spec`: `self.type == 'X' ? has(self.X) : !has(self.X)` for each block X,
 * and `type == 'unauthenticated'` allows no block at all. The latter is implied by the eight
 * others; it only changes the wording here, so it produces no second finding.
 */
export const checkExternalAuthTypeBlock: KindRule<"MCPExternalAuthConfig"> = ({ resource, spec }) => {
  const out: Diagnostic[] = [];
  for (const block of BLOCK_TYPES) {
    if (spec.type === block && !has(spec, block)) {
      out.push(
        fieldError(
          resource,
          "VMCP312",
          `spec.type is "${block}" but spec.${block} is not set`,
          ["spec", "type"],
          `add the spec.${block} block with its settings, or change spec.type to the block you configured`,
        ),
      );
    } else if (spec.type !== block && has(spec, block)) {
      const why =
        spec.type === "unauthenticated"
          ? 'spec.type is "unauthenticated", which takes no configuration block'
          : `spec.type is "${spec.type}"`;
      out.push(
        fieldError(
          resource,
          "VMCP312",
          `spec.${block} is set but ${why}`,
          ["spec", block],
          `remove spec.${block}, or set spec.type: ${block}`,
        ),
      );
    }
  }
  return out;
};
