import { isDns1123Subdomain } from "./names.js";

/**
 * Kubernetes' syntax for label and annotation keys (qualified names: an optional DNS subdomain
 * prefix and `/`, then at most 63 characters) and label values (at most 63 characters), from
 * apimachinery's validation.IsQualifiedName and IsValidLabelValue.
 */
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

export function isQualifiedName(key: string): boolean {
  const parts = key.split("/");
  if (parts.length > 2) return false;
  const name = parts.at(-1)!;
  if (name.length === 0 || name.length > 63 || !NAME_PART.test(name)) return false;
  return parts.length === 1 || (parts[0]!.length > 0 && isDns1123Subdomain(parts[0]!));
}

export function isLabelValue(value: string): boolean {
  return value === "" || (value.length <= 63 && NAME_PART.test(value));
}
