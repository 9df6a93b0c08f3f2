import { formatFieldPath } from "../../diagnostics/create.js";
import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { isNonEmpty, isObj, isTrue, listAt, strAt, type Obj } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";

/**
 * CEL on each `trustedIssuers[]` entry of the embedded auth server (RFC 8693 token exchange
 * with subject tokens from other issuers), as the v0.44.0 CRDs state it. That `issuerUrl`,
 * `expectedAudience` and `allowedDelegateClients` are present is the schema's `required`.
 */

// Claims the auth server reserves or reads for other purposes; CEL lists them verbatim.
const RESERVED_ACTOR_CLAIMS = new Set([
  "sub",
  "iss",
  "aud",
  "exp",
  "iat",
  "nbf",
  "jti",
  "name",
  "email",
  "scope",
  "scp",
  "may_act",
]);

function checkIssuer(r: Resource, ti: Obj, path: FieldPath): Diagnostic[] {
  const out: Diagnostic[] = [];
  const p = formatFieldPath(path);
  const delegates = listAt(ti, "allowedDelegateClients");
  const wildcard = delegates.includes("*");
  // !('*' in self.allowedDelegateClients) || size(self.allowedDelegateClients) == 1
  if (wildcard && delegates.length > 1) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.allowedDelegateClients combines the wildcard "*" with specific client IDs`,
        [...path, "allowedDelegateClients"],
        'use either ["*"] alone or a list of client IDs',
      ),
    );
  }
  // !(has(self.allowMayAct) && self.allowMayAct && '*' in self.allowedDelegateClients)
  if (isTrue(ti, "allowMayAct") && wildcard) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.allowMayAct is true while allowedDelegateClients contains the wildcard "*"`,
        [...path, "allowMayAct"],
        "list the delegate client IDs explicitly, or set allowMayAct: false",
      ),
    );
  }
  // !has(self.actorClaim) || !(self.actorClaim in [reserved])
  const actorClaim = strAt(ti, "actorClaim");
  if (actorClaim !== undefined && RESERVED_ACTOR_CLAIMS.has(actorClaim)) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.actorClaim is "${actorClaim}", a reserved claim that cannot identify the actor`,
        [...path, "actorClaim"],
        "use client_id or a non-reserved claim such as azp, appid or cid",
      ),
    );
  }
  // !(has(self.allowPrivateIPs) && self.allowPrivateIPs) || (has(self.jwksUrl) && self.jwksUrl != "")
  if (isTrue(ti, "allowPrivateIPs") && !isNonEmpty(ti, "jwksUrl")) {
    out.push(
      fieldError(
        r,
        "VMCP311",
        `${p}.allowPrivateIPs is true but ${p}.jwksUrl is not set`,
        [...path, "allowPrivateIPs"],
        "set jwksUrl explicitly when the issuer's keys live on a private address, or set allowPrivateIPs: false",
      ),
    );
  }
  return out;
}

export function checkTrustedIssuers(r: Resource, cfg: Obj, base: FieldPath): Diagnostic[] {
  return listAt(cfg, "trustedIssuers").flatMap((ti, i) =>
    isObj(ti) ? checkIssuer(r, ti, [...base, "trustedIssuers", i]) : [],
  );
}
