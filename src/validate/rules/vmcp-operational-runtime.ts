import type { Diagnostic } from "../../diagnostics/types.js";
import { parseGoDuration } from "../../go/go-duration.js";
import { objAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

const DEFAULT_HEALTH_CHECK_INTERVAL_NS = 30e9;

const nanos = (v: unknown): number | undefined => (typeof v === "string" ? parseGoDuration(v) : undefined);

/**
 * `spec.config.operational` values the operator writes as given and the vMCP runtime's validator
 * refuses (after its defaults fill zero values): a health-check timeout not below the interval, a
 * zero per-workload timeout, a negative unhealthy threshold.
 */
export const checkOperationalForRuntime: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const op = objAt(spec.config, "operational");
  if (!op) return [];
  const out: Diagnostic[] = [];
  const base = ["spec", "config", "operational"];
  const fh = objAt(op, "failureHandling");
  const interval = nanos(fh?.healthCheckInterval) || DEFAULT_HEALTH_CHECK_INTERVAL_NS;
  const timeout = nanos(fh?.healthCheckTimeout) ?? 0;
  if (timeout > 0 && timeout >= interval) {
    out.push(
      fieldError(
        resource,
        "VMCP619",
        `spec.config.operational.failureHandling.healthCheckTimeout (${String(fh?.healthCheckTimeout)}) must be shorter than healthCheckInterval (${interval / 1e9}s); vMCP refuses to start`,
        [...base, "failureHandling", "healthCheckTimeout"],
        "lower healthCheckTimeout (the CRD defaults it to 10s) or raise healthCheckInterval",
      ),
    );
  }
  if (typeof fh?.unhealthyThreshold === "number" && fh.unhealthyThreshold < 0) {
    out.push(
      fieldError(
        resource,
        "VMCP619",
        "spec.config.operational.failureHandling.unhealthyThreshold cannot be negative",
        [...base, "failureHandling", "unhealthyThreshold"],
        "use a positive number of failed checks (default 3)",
      ),
    );
  }
  for (const [workload, value] of Object.entries(objAt(objAt(op, "timeouts"), "perWorkload") ?? {})) {
    if (nanos(value) === 0) {
      out.push(
        fieldError(
          resource,
          "VMCP619",
          `spec.config.operational.timeouts.perWorkload.${workload} is zero; vMCP requires a positive timeout`,
          [...base, "timeouts", "perWorkload", workload],
          "use a positive duration such as 30s, or remove the entry to use timeouts.default",
        ),
      );
    }
  }
  return out;
};
