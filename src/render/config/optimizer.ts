import { canonicalGoDuration, parseGoDuration } from "../../go/go-duration.js";
import type { OrderedObject } from "../../resolve/types.js";
import { goMap } from "./go-map-order.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);
const int = (v: unknown): number | undefined => (typeof v === "number" && v !== 0 ? v : undefined);
const duration = (v: unknown): string | undefined =>
  typeof v === "string" && parseGoDuration(v) ? canonicalGoDuration(v) : undefined;

/**
 * `optimizer`: the spec's block, with `embeddingService` replaced by the EmbeddingServer's URL
 * when `embeddingServerRef` is set. A ref without a block gives `{embeddingService: <url>}`:
 * the operator's `Validate()` creates an empty optimizer in memory, past CRD defaulting.
 */
export function buildOptimizer(spec: unknown, embeddingServiceUrl: string | undefined): OrderedObject | undefined {
  const o = obj(spec);
  if (!o && embeddingServiceUrl === undefined) return undefined;
  const out: OrderedObject = {};
  const service = embeddingServiceUrl ?? str(o?.embeddingService);
  if (service) out.embeddingService = service;
  const timeout = duration(o?.embeddingServiceTimeout);
  if (timeout) out.embeddingServiceTimeout = timeout;
  const provider = str(o?.embeddingProvider);
  if (provider) out.embeddingProvider = provider;
  const model = str(o?.embeddingModel);
  if (model) out.embeddingModel = model;
  const headers = goMap(obj(o?.embeddingHeaders), (v) => (typeof v === "string" ? v : undefined));
  if (Object.keys(headers).length > 0) out.embeddingHeaders = headers;
  const maxTools = int(o?.maxToolsToReturn);
  if (maxTools !== undefined) out.maxToolsToReturn = maxTools;
  const ratio = str(o?.hybridSearchSemanticRatio);
  if (ratio) out.hybridSearchSemanticRatio = ratio;
  const threshold = str(o?.semanticDistanceThreshold);
  if (threshold) out.semanticDistanceThreshold = threshold;
  return out;
}

/** `codeMode`, passed through in the Go struct's order (zero values left out). */
export function buildCodeMode(spec: unknown): OrderedObject | undefined {
  const c = obj(spec);
  if (!c) return undefined;
  const out: OrderedObject = {};
  if (c.enabled === true) out.enabled = true;
  const stepLimit = int(c.stepLimit);
  if (stepLimit !== undefined) out.stepLimit = stepLimit;
  const parallel = int(c.parallelMaxConcurrency);
  if (parallel !== undefined) out.parallelMaxConcurrency = parallel;
  const timeout = duration(c.toolCallTimeout);
  if (timeout) out.toolCallTimeout = timeout;
  return out;
}
