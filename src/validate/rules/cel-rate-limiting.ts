import { formatFieldPath } from "../../diagnostics/create.js";
import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { parseGoDuration } from "./cel-duration.js";
import { has, listAt, objAt, strAt, type Obj } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * CEL on `rateLimiting` (VirtualMCPServer `spec.config.rateLimiting`, MCPServer
 * `spec.rateLimiting`): Redis session storage, authentication for per-user buckets, and "at least
 * one limit" shape rules. The JSON Schema already requires `maxTokens` and `refillPeriod` in each
 * bucket and `name` on each tool entry.
 */

/**
 * Each bucket's `refillPeriod` is a `metav1.Duration`: a string Go cannot parse makes the object
 * undecodable, and the vMCP runtime refuses a period that is not positive.
 */
function checkRefillPeriods(r: Resource, rl: Obj, base: FieldPath): Diagnostic[] {
  const buckets: FieldPath[] = [];
  for (const b of ["shared", "perUser"]) if (has(rl, b)) buckets.push([...base, b]);
  listAt(rl, "tools").forEach((tool, i) => {
    for (const b of ["shared", "perUser"]) if (has(tool, b)) buckets.push([...base, "tools", i, b]);
  });
  const out: Diagnostic[] = [];
  for (const path of buckets) {
    let bucket: unknown = rl;
    for (const seg of path.slice(base.length)) bucket = (bucket as Record<string | number, unknown>)[seg];
    const period = strAt(bucket, "refillPeriod");
    if (period === undefined) continue;
    const nanos = parseGoDuration(period);
    if (nanos !== undefined && nanos > 0) continue;
    out.push(
      fieldError(
        r,
        "VMCP310",
        `${formatFieldPath([...path, "refillPeriod"])} is ${JSON.stringify(period)}, ${nanos === undefined ? "not a duration" : "not a positive duration"}`,
        [...path, "refillPeriod"],
        "set a positive Go duration such as 1s, 1m or 1h: the period in which the bucket refills maxTokens",
      ),
    );
  }
  return out;
}

function checkShape(r: Resource, rl: Obj, base: FieldPath): Diagnostic[] {
  const out: Diagnostic[] = [...checkRefillPeriods(r, rl, base)];
  // has(self.shared) || has(self.perUser) || (has(self.tools) && size(self.tools) > 0)
  if (!has(rl, "shared") && !has(rl, "perUser") && listAt(rl, "tools").length === 0) {
    out.push(
      fieldError(
        r,
        "VMCP310",
        `${formatFieldPath(base)} sets no limit: it needs at least one of shared, perUser, or a non-empty tools list`,
        base,
        "add shared (or perUser) with maxTokens and refillPeriod, or per-tool limits under tools; or remove rateLimiting",
      ),
    );
  }
  // tools[]: has(self.shared) || has(self.perUser)
  listAt(rl, "tools").forEach((tool, i) => {
    if (has(tool, "shared") || has(tool, "perUser")) return;
    const name = strAt(tool, "name");
    out.push(
      fieldError(
        r,
        "VMCP310",
        `${formatFieldPath([...base, "tools", i])}${name ? ` (tool "${name}")` : ""} sets no limit: it needs shared or perUser`,
        [...base, "tools", i],
        "add shared or perUser with maxTokens and refillPeriod to this tool entry, or remove the entry",
      ),
    );
  });
  return out;
}

/** Where `perUser` is set: the top-level bucket and every tool entry that has one. */
function perUserPaths(rl: Obj, base: FieldPath): FieldPath[] {
  const paths: FieldPath[] = [];
  if (has(rl, "perUser")) paths.push([...base, "perUser"]);
  listAt(rl, "tools").forEach((tool, i) => {
    if (has(tool, "perUser")) paths.push([...base, "tools", i, "perUser"]);
  });
  return paths;
}

export const checkVirtualMcpServerRateLimiting: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const rl = objAt(spec.config, "rateLimiting");
  if (!rl) return [];
  const base = ["spec", "config", "rateLimiting"];
  const out = checkShape(resource, rl, base);
  // !has(self.config.rateLimiting) || (has(self.sessionStorage) && self.sessionStorage.provider == 'redis')
  const storage = spec.sessionStorage;
  if (storage?.provider !== "redis") {
    out.push(
      storage
        ? fieldError(
            resource,
            "VMCP301",
            `spec.config.rateLimiting needs spec.sessionStorage.provider "redis", but the provider is "${storage.provider}"`,
            ["spec", "sessionStorage", "provider"],
            "set spec.sessionStorage.provider to redis with an address, so that every replica shares the rate-limit buckets; or remove spec.config.rateLimiting",
          )
        : fieldError(
            resource,
            "VMCP301",
            'spec.config.rateLimiting needs spec.sessionStorage with provider "redis", but spec.sessionStorage is not set',
            base,
            "add spec.sessionStorage with provider: redis and an address, so that every replica shares the rate-limit buckets; or remove spec.config.rateLimiting",
          ),
    );
  }
  // perUser (top level or per tool) requires has(self.incomingAuth) && self.incomingAuth.type == 'oidc'
  if (spec.incomingAuth.type !== "oidc") {
    for (const path of perUserPaths(rl, base)) {
      out.push(
        fieldError(
          resource,
          "VMCP302",
          `${formatFieldPath(path)} limits each user, which needs spec.incomingAuth.type "oidc", but the type is "${spec.incomingAuth.type}"`,
          path,
          "set spec.incomingAuth.type to oidc with an oidcConfigRef, or use a shared limit instead of perUser",
        ),
      );
    }
  }
  return out;
};

export const checkMcpServerRateLimiting: KindRule<"MCPServer"> = ({ resource, spec }) => {
  const rl = objAt(spec, "rateLimiting");
  if (!rl) return [];
  const base = ["spec", "rateLimiting"];
  const out = checkShape(resource, rl, base);
  // !has(self.rateLimiting) || (has(self.sessionStorage) && self.sessionStorage.provider == 'redis')
  const storage = objAt(spec, "sessionStorage");
  const provider = strAt(storage, "provider");
  if (provider !== "redis") {
    out.push(
      storage
        ? fieldError(
            resource,
            "VMCP301",
            `spec.rateLimiting needs spec.sessionStorage.provider "redis", but the provider is "${provider ?? ""}"`,
            ["spec", "sessionStorage", "provider"],
            "set spec.sessionStorage.provider to redis with an address, so that every replica shares the rate-limit buckets; or remove spec.rateLimiting",
          )
        : fieldError(
            resource,
            "VMCP301",
            'spec.rateLimiting needs spec.sessionStorage with provider "redis", but spec.sessionStorage is not set',
            base,
            "add spec.sessionStorage with provider: redis and an address, so that every replica shares the rate-limit buckets; or remove spec.rateLimiting",
          ),
    );
  }
  // perUser (top level or per tool) requires has(self.oidcConfigRef) || has(self.externalAuthConfigRef)
  if (!has(spec, "oidcConfigRef") && !has(spec, "externalAuthConfigRef")) {
    for (const path of perUserPaths(rl, base)) {
      out.push(
        fieldError(
          resource,
          "VMCP314",
          `${formatFieldPath(path)} limits each user, which needs authentication, but the MCPServer sets neither spec.oidcConfigRef nor spec.externalAuthConfigRef`,
          path,
          "add spec.oidcConfigRef (or spec.externalAuthConfigRef), or use a shared limit instead of perUser",
        ),
      );
    }
  }
  return out;
};
