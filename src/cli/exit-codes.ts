export const ExitCode = {
  Ok: 0,
  /** Invalid input; for `diff`, differences found. */
  Findings: 1,
  /** Bad flags or paths; for `diff`, any error. */
  Usage: 2,
  /** A bug in vmcp-gen. */
  Internal: 70,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
