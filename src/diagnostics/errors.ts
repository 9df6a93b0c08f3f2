import type { Diagnostic } from "./types.js";

/** Bad flags or unusable input paths: exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A bug in vmcp-gen, never the user's input: exit 70. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}

/** Inputs with errors, for callers of the library that throw instead of reporting: the diagnostics say which. */
export class InputError extends Error {
  override readonly name = "InputError";
  readonly diagnostics: readonly Diagnostic[];

  constructor(message: string, diagnostics: readonly Diagnostic[]) {
    super(message);
    this.diagnostics = diagnostics;
  }
}
