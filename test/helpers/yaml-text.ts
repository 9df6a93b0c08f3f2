/** Joins lines into a file's text (with a final newline), so line N of the file is argument N. */
export function lines(...textLines: string[]): string {
  return `${textLines.join("\n")}\n`;
}

/**
 * The 1-based line of the `nth` (1-based) line of `text` that contains `needle`. Throws when there
 * is none, so a typo in a test fails loudly instead of comparing with `undefined`.
 */
export function lineOf(text: string, needle: string, nth = 1): number {
  let seen = 0;
  const all = text.split("\n");
  for (let i = 0; i < all.length; i++) {
    if (all[i]!.includes(needle) && ++seen === nth) return i + 1;
  }
  throw new Error(`no line ${nth > 1 ? `#${nth} ` : ""}contains ${JSON.stringify(needle)}`);
}

/** The 1-based column where `needle` starts on its line (see `lineOf`). */
export function columnOf(text: string, needle: string, nth = 1): number {
  const line = text.split("\n")[lineOf(text, needle, nth) - 1]!;
  return line.indexOf(needle) + 1;
}

const TOOLHIVE = "toolhive.stacklok.dev/v1beta1";

/** A ToolHive object as YAML lines: header plus `spec:` with the given (already indented) lines. */
export function toolhive(kind: string, name: string, spec: string[], namespace?: string): string {
  return lines(
    `apiVersion: ${TOOLHIVE}`,
    `kind: ${kind}`,
    "metadata:",
    `  name: ${name}`,
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    ...(spec.length > 0 ? ["spec:", ...spec] : []),
  );
}
