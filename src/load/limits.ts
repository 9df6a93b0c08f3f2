import type { LoadLimits } from "./types.js";

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: LoadLimits = {
  maxFileBytes: 16 * MiB,
  // The API server refuses request bodies over 3 MiB; nothing larger can be a real object.
  maxDocumentBytes: 3 * MiB,
  maxExpandedNodes: 1_000_000,
  // Kubernetes objects nest far less than this; deeper input is an attack or a mistake.
  maxDepth: 100,
};

export function resolveLimits(overrides: Partial<LoadLimits> | undefined): LoadLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}
