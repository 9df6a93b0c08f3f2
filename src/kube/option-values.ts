import { isImageReference } from "./image-reference.js";
import { isDns1123Label, isDns1123Subdomain } from "./names.js";
import { DEFAULT_IMAGE } from "../toolhive/version.js";

/**
 * Parsers for option values that arrive as strings from outside the command line (Argo CD
 * parameters and `ARGOCD_ENV_*`, a KRM functionConfig): each returns the value or a message that
 * names what was wrong, for the caller to report as a usage error or a KRM result.
 */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string): Parsed<never> => ({ ok: false, message });

/** `true` or `false`, any case: YAML-ish spellings (`yes`, `1`) are refused so a typo cannot flip a default. */
export function parseBooleanValue(what: string, value: string): Parsed<boolean> {
  const v = value.trim().toLowerCase();
  if (v === "true") return ok(true);
  if (v === "false") return ok(false);
  return fail(`${what}: ${JSON.stringify(value)} is not a boolean; use true or false`);
}

/** `exact`: as typed on a command line, where surrounding whitespace is a mistake, not formatting to trim. */
export function parseImageValue(
  what: string,
  value: string,
  options: { readonly exact?: boolean } = {},
): Parsed<string> {
  const v = options.exact ? value : value.trim();
  if (isImageReference(v)) return ok(v);
  return fail(`${what}: ${JSON.stringify(value)} is not a container image reference (e.g. ${DEFAULT_IMAGE})`);
}

export function parseNamespaceValue(what: string, value: string): Parsed<string> {
  const v = value.trim();
  if (isDns1123Label(v)) return ok(v);
  return fail(
    `${what}: ${JSON.stringify(value)} is not a namespace name (at most 63 lower-case letters, digits and '-')`,
  );
}

/** One VirtualMCPServer filter entry: `name` or `namespace/name`. */
export function parseVmcpNameValue(what: string, value: string): Parsed<string> {
  const v = value.trim();
  const parts = v.split("/");
  const valid =
    parts.length === 1
      ? isDns1123Subdomain(v)
      : parts.length === 2 && isDns1123Label(parts[0]!) && isDns1123Subdomain(parts[1]!);
  if (valid) return ok(v);
  return fail(
    `${what}: ${JSON.stringify(value)} is not a VirtualMCPServer name (name or namespace/name, lower-case DNS-1123)`,
  );
}

/** A comma-separated list (or an already split one) of VirtualMCPServer names; empty entries are ignored. */
export function parseVmcpListValue(what: string, value: string | readonly string[]): Parsed<string[]> {
  const items = (typeof value === "string" ? value.split(",") : value).map((s) => s.trim()).filter((s) => s !== "");
  const out: string[] = [];
  for (const item of items) {
    const parsed = parseVmcpNameValue(what, item);
    if (!parsed.ok) return parsed;
    out.push(parsed.value);
  }
  return ok(out);
}

/** How the user spelled the render settings where they came from, for messages that name one. */
export interface SettingNames {
  readonly vmcp: string;
  readonly skipInvalidBackends: string;
}

export const CLI_SETTING_NAMES: SettingNames = { vmcp: "--vmcp", skipInvalidBackends: "--skip-invalid-backends" };
