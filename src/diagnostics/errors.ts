/** Bad flags or unusable input paths: exit 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A bug in vmcp-gen, never the user's input: exit 70. */
export class InternalError extends Error {
  override readonly name = "InternalError";
}
