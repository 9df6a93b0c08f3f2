import type { ExitCode } from "./exit-codes.js";
import type { CliIo } from "./io.js";

export interface CommandContext {
  readonly io: CliIo;
  setExitCode(code: ExitCode): void;
}
