import { checkEntryRemoteUrl } from "./entry-remote-url.js";
import type { RuleSet } from "./types.js";

/** Every per-kind rule the validate stage runs, after the schema check passed. */
export const RULES: RuleSet = {
  MCPServerEntry: [checkEntryRemoteUrl],
};
