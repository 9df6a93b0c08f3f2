/**
 * Text from the inputs (names, values, file names, source lines) shown on a terminal: control
 * characters are written as escapes, so an input cannot move the cursor, recolour or clear the
 * screen (ANSI sequences), rewrite a line (CR), forge another diagnostic (LF), or reorder what is
 * shown (bidirectional overrides). Tabs stay: they only move to the next column.
 */
// C0 controls but tab, DEL, C1 controls, and the bidirectional marks, embeddings, overrides and isolates.
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\u001b": "\\e" };

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (c) => NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
