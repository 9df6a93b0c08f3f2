import { formatFieldPath } from "../../diagnostics/create.js";
import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { parseGoDuration } from "./cel-duration.js";
import { has, isNonEmpty, isObj, isTrue, listAt, objAt, strAt, type Obj } from "./cel-fields.js";
import { fieldError } from "./rule-diagnostic.js";

/**
 * CEL on each `trustedIssuers[]` entry of the embedded auth server (RFC 8693 token exchange and
 * RFC 7523 JWT bearer grants from other issuers), and on its `jwtBearerGrant`.
 */

// Claims the auth server reserves or reads for other purposes; CEL lists them verbatim.
const RESERVED_ACTOR_CLAIMS = new Set(["sub", "iss", "aud", "exp", "iat", "nbf", "jti", "name", "email", "scope", "scp", "may_act"]);

/** The fields that make an entry an actor/delegation trust, each as CEL tests it. */
function actorFields(ti: unknown, withAllowedActors: boolean): string[] {
  const set: string[] = [];
  if (isNonEmpty(ti, "actorClaim")) set.push("actorClaim");
  if (isNonEmpty(ti, "actorMatcher")) set.push("actorMatcher");
  if (isTrue(ti, "allowMayAct")) set.push("allowMayAct");
  if (withAllowedActors && isNonEmpty(ti, "allowedActors")) set.push("allowedActors");
  return set;
}

function checkIssuer(r: Resource, ti: Obj, path: FieldPath): Diagnostic[] {
  const out: Diagnostic[] = [];
  const p = formatFieldPath(path);
  const delegates = listAt(ti, "allowedDelegateClients");
  const wildcard = delegates.includes("*");
  // !has(adc) || !('*' in adc) || size(adc) == 1
  if (wildcard && delegates.length > 1) {
    out.push(fieldError(r, "VMCP311", `${p}.allowedDelegateClients combines the wildcard "*" with specific client IDs`, [...path, "allowedDelegateClients"], 'use either ["*"] alone or a list of client IDs'));
  }
  // !(allowMayAct && '*' in allowedDelegateClients)
  if (isTrue(ti, "allowMayAct") && wildcard) {
    out.push(fieldError(r, "VMCP311", `${p}.allowMayAct is true while allowedDelegateClients contains the wildcard "*"`, [...path, "allowMayAct"], "list the delegate client IDs explicitly, or set allowMayAct: false"));
  }
  // !has(self.actorClaim) || !(self.actorClaim in [reserved])
  const actorClaim = strAt(ti, "actorClaim");
  if (actorClaim !== undefined && RESERVED_ACTOR_CLAIMS.has(actorClaim)) {
    out.push(fieldError(r, "VMCP311", `${p}.actorClaim is "${actorClaim}", a reserved claim that cannot identify the actor`, [...path, "actorClaim"], "use client_id or a non-reserved claim such as azp, appid or cid"));
  }
  // !(allowPrivateIPs) || (has(self.jwksUrl) && self.jwksUrl != "")
  if (isTrue(ti, "allowPrivateIPs") && !isNonEmpty(ti, "jwksUrl")) {
    out.push(fieldError(r, "VMCP311", `${p}.allowPrivateIPs is true but ${p}.jwksUrl is not set`, [...path, "allowPrivateIPs"], "set jwksUrl explicitly when the issuer's keys live on a private address, or set allowPrivateIPs: false"));
  }
  // (has(jwtBearerGrant) && no actor fields) || expectedAudience non-empty
  const actors = actorFields(ti, true);
  if (!isNonEmpty(ti, "expectedAudience") && !(has(ti, "jwtBearerGrant") && actors.length === 0)) {
    const why = actors.length > 0 ? `because ${actors.join(", ")} ${actors.length === 1 ? "is" : "are"} set` : "unless the entry only configures jwtBearerGrant";
    out.push(fieldError(r, "VMCP311", `${p}.expectedAudience is required ${why}`, path, "set expectedAudience to the audience the trusted issuer puts in its tokens for this server"));
  }
  // !(expectedAudience || actorClaim || actorMatcher || allowMayAct) || allowedDelegateClients non-empty
  const needsDelegates = [...(isNonEmpty(ti, "expectedAudience") ? ["expectedAudience"] : []), ...actorFields(ti, false)];
  if (needsDelegates.length > 0 && delegates.length === 0) {
    out.push(fieldError(r, "VMCP311", `${p}.allowedDelegateClients is required because ${needsDelegates.join(", ")} ${needsDelegates.length === 1 ? "is" : "are"} set`, path, 'list the client IDs allowed to exchange tokens from this issuer, or ["*"] for any'));
  }
  return [...out, ...checkJwtBearerGrant(r, objAt(ti, "jwtBearerGrant"), [...path, "jwtBearerGrant"])];
}

function checkJwtBearerGrant(r: Resource, grant: Obj | undefined, path: FieldPath): Diagnostic[] {
  if (!grant) return [];
  const out: Diagnostic[] = [];
  const p = formatFieldPath(path);
  // duration(self.maxAssertionAge) > duration('0s'); an unparsable value makes CEL fail too.
  const age = strAt(grant, "maxAssertionAge");
  if (age !== undefined) {
    const nanos = parseGoDuration(age);
    if (nanos === undefined || nanos <= 0) {
      out.push(fieldError(r, "VMCP311", nanos === undefined ? `${p}.maxAssertionAge "${age}" is not a duration` : `${p}.maxAssertionAge is "${age}"; it must be greater than zero`, [...path, "maxAssertionAge"], "set a positive Go duration such as 5m or 300s"));
    }
  }
  // subjectBindings: no two entries with the same subject
  const seen = new Map<string, number>();
  listAt(grant, "subjectBindings").forEach((binding, i) => {
    const subject = strAt(binding, "subject");
    if (subject === undefined) return;
    const first = seen.get(subject);
    if (first === undefined) {
      seen.set(subject, i);
      return;
    }
    out.push(fieldError(r, "VMCP311", `${p}.subjectBindings[${i}].subject "${subject}" repeats subjectBindings[${first}]`, [...path, "subjectBindings", i, "subject"], "merge the allowedResources of both entries into one binding per subject"));
  });
  return out;
}

export function checkTrustedIssuers(r: Resource, cfg: Obj, base: FieldPath): Diagnostic[] {
  return listAt(cfg, "trustedIssuers").flatMap((ti, i) => (isObj(ti) ? checkIssuer(r, ti, [...base, "trustedIssuers", i]) : []));
}
