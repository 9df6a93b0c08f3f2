import type { Diagnostic } from "../../diagnostics/types.js";
import { NANOS_PER_SECOND, parseGoDuration } from "./cel-duration.js";
import { has, objAt, strAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/** VirtualMCPServer CEL on incoming auth, the optimizer and the circuit breaker. */

const INCOMING = ["spec", "incomingAuth"];
const OPTIMIZER = ["spec", "config", "optimizer"];
const BREAKER_TIMEOUT = ["spec", "config", "operational", "failureHandling", "circuitBreaker", "timeout"];

/** `spec.incomingAuth`: `self.type == 'oidc' ? has(self.oidcConfigRef) : true`. */
export const checkIncomingOidcRef: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  if (spec.incomingAuth.type !== "oidc" || has(spec.incomingAuth, "oidcConfigRef")) return [];
  return [
    fieldError(
      resource,
      "VMCP304",
      'spec.incomingAuth.type is "oidc" but spec.incomingAuth.oidcConfigRef is not set',
      INCOMING,
      "add spec.incomingAuth.oidcConfigRef with the name of an MCPOIDCConfig and the audience, or set type: anonymous",
    ),
  ];
};

/**
 * `spec`: `!(has(self.embeddingServerRef) && ... self.config.optimizer.embeddingProvider == 'openai')`.
 * `embeddingProvider` defaults to `tei` once `optimizer` is present.
 */
export const checkEmbeddingServerVsOpenai: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  if (!has(spec, "embeddingServerRef") || strAt(objAt(spec.config, "optimizer"), "embeddingProvider") !== "openai")
    return [];
  return [
    fieldError(
      resource,
      "VMCP303",
      'spec.embeddingServerRef provisions a managed TEI embedding server, which cannot be combined with spec.config.optimizer.embeddingProvider "openai"',
      [...OPTIMIZER, "embeddingProvider"],
      "for an OpenAI-compatible API, remove spec.embeddingServerRef and set spec.config.optimizer.embeddingService; for the managed server, remove embeddingProvider (it defaults to tei)",
    ),
  ];
};

// CEL: k.matches('^[!#$%&\x27*+.^_\x60|~0-9A-Za-z-]+$'), the RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const RESERVED_HEADERS = new Set(["authorization", "content-type"]);

/** `spec.config.optimizer.embeddingHeaders`: only with `openai`, and only valid, unreserved header names. */
export const checkOptimizerEmbeddingHeaders: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const optimizer = objAt(spec.config, "optimizer");
  const headers = objAt(optimizer, "embeddingHeaders");
  if (!headers) return [];
  const out: Diagnostic[] = [];
  const path = [...OPTIMIZER, "embeddingHeaders"];
  // !has(self.embeddingHeaders) || (has(self.embeddingProvider) && self.embeddingProvider == 'openai')
  const provider = strAt(optimizer, "embeddingProvider");
  if (provider !== "openai") {
    out.push(
      fieldError(
        resource,
        "VMCP309",
        `spec.config.optimizer.embeddingHeaders is only used with embeddingProvider "openai", but the provider is "${provider ?? ""}"`,
        path,
        "set spec.config.optimizer.embeddingProvider: openai, or remove embeddingHeaders",
      ),
    );
  }
  // self.embeddingHeaders.all(k, k.matches(...) && !(k.lowerAscii() in ['authorization', 'content-type']))
  for (const name of Object.keys(headers)) {
    if (!HEADER_NAME.test(name)) {
      out.push(
        fieldError(
          resource,
          "VMCP309",
          `spec.config.optimizer.embeddingHeaders has the key ${JSON.stringify(name)}, which is not a valid HTTP header name`,
          [...path, name],
          "use only letters, digits and !#$%&'*+-.^_`|~ in header names (no spaces or colons)",
        ),
      );
    } else if (RESERVED_HEADERS.has(name.toLowerCase())) {
      out.push(
        fieldError(
          resource,
          "VMCP309",
          `spec.config.optimizer.embeddingHeaders sets ${name}, which vMCP sets itself`,
          [...path, name],
          "remove it: the Authorization header carries the API key from the OPENAI_API_KEY environment variable, and vMCP sets Content-Type itself",
        ),
      );
    }
  }
  return out;
};

/**
 * `...circuitBreaker.timeout`: `self == '' || duration(self) >= duration('1s')`. The CEL sits on
 * the field, so admission checks it whether or not the breaker is enabled (the vMCP runtime only
 * checks it when enabled). The schema pattern already rejects what Go cannot parse.
 */
export const checkCircuitBreakerTimeout: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const breaker = objAt(objAt(objAt(spec.config, "operational"), "failureHandling"), "circuitBreaker");
  const timeout = strAt(breaker, "timeout");
  if (timeout === undefined || timeout === "") return [];
  const nanos = parseGoDuration(timeout);
  if (nanos === undefined || nanos >= NANOS_PER_SECOND) return [];
  return [
    fieldError(
      resource,
      "VMCP308",
      `spec.config.operational.failureHandling.circuitBreaker.timeout is "${timeout}", below the 1s minimum`,
      BREAKER_TIMEOUT,
      "set the timeout to 1s or more (for example 30s or 1m); it is how long the breaker stays open before it retries the backend",
    ),
  ];
};
