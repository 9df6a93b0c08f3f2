import type { EmbeddingServerSpec } from "../validate/spec-types.js";

const DEFAULT_PORT = 8080;

/**
 * The URL the EmbeddingServer controller writes into `status.url`, computed from the spec: its
 * Service is named after the EmbeddingServer and listens on `spec.port` (default 8080).
 */
export function embeddingServerUrl(name: string, namespace: string, spec: EmbeddingServerSpec): string {
  const port = spec.port !== undefined && spec.port > 0 ? spec.port : DEFAULT_PORT;
  return `http://${name}.${namespace}.svc.cluster.local:${port}`;
}
