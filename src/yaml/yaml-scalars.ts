/**
 * How vmcp-gen writes YAML scalars for strings (serialize-yaml.ts writes everything else).
 *
 * Scalars:
 * - Strings are plain only when no YAML 1.1 or 1.2 reader could take them for anything but that string (see
 *   `PLAIN_UNSAFE`); otherwise single-quoted, or double-quoted with JSON-style escapes when they hold characters
 *   a single-quoted scalar cannot carry (control characters, line breaks, non-printables, lone surrogates).
 * - Multi-line values use a literal block scalar (`|`, `|-`, `|+`) when that round-trips exactly.
 */

/**
 * A string that must not be written plain. Every alternative is conservative: quoting a string that could have
 * been plain costs two characters, while a missed case changes the data Go tooling reads.
 */
const PLAIN_UNSAFE = new RegExp(
  [
    // The empty string (plain, it would read as null).
    "^$",
    // Leading or trailing whitespace (JS `\s`, a superset of YAML's space and tab), and any tab.
    "^\\s",
    "\\s$",
    "\\t",
    // Indicators that would start another kind of node, a tag, an anchor, a comment, a directive or a reserved
    // character. A leading `-` is fine unless it makes a sequence entry or a document marker (`--port=80` stays plain).
    "^[?:,\\[\\]{}#&*!|>'\"%@`]",
    "^-(?:\\s|$)",
    "^---",
    "^\\.\\.\\.",
    // A mapping value indicator or a comment inside the scalar.
    ":(?:\\s|$)",
    "\\s#",
    // YAML 1.1 and 1.2 booleans and nulls in any case, the merge key `<<`, the 1.1 value key `=`, infinities and NaN.
    "^(?:y|n|yes|no|true|false|on|off|null|~|<<|=|[-+]?\\.(?:inf|nan))$",
    // Anything number-like: optional sign, then a digit or a dot, then only digits, hex digits, `_`, `.`, `:`,
    // radix letters and signs. Covers 1.1 and 1.2 ints (`0x1F`, `0o17`, `017`, `0b1`, `1_000`), floats (`.5`, `1e3`,
    // `.`, which 1.1 reads as null), sexagesimals (`12:30`) and dates (`2024-01-01`). Quantities like `500m` or
    // `1Gi` stay plain.
    "^[-+]?[0-9.][0-9a-f_.:xob+-]*$",
    // The `yaml` package's YAML 1.1 float also accepts an exponent with no digits before it (`e0`, `.E5`).
    "^[-+]?(?:\\.[0-9_]*)?e[-+]?[0-9]+$",
    // YAML 1.1 timestamps (`2024-01-01T00:00:00Z`, `2001-12-14 21:59:43.10 -5`).
    "^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}",
  ].join("|"),
  "i",
);

/** Lone UTF-16 surrogates: not encodable as UTF-8, so they are written as `\uXXXX` escapes. */
const LONE_SURROGATE = "[\\uD800-\\uDBFF](?![\\uDC00-\\uDFFF])|(?<![\\uD800-\\uDBFF])[\\uDC00-\\uDFFF]";

/**
 * Characters neither a plain nor a single-quoted scalar can carry: C0 controls but tab (so also `\n` and `\r`), DEL,
 * C1 controls (including NEL, a line break in YAML 1.1), the YAML 1.1 line/paragraph separators, the BOM, the
 * non-characters U+FFFE/U+FFFF, and lone surrogates.
 */
const NEEDS_DOUBLE = new RegExp(
  `[\\x00-\\x08\\x0A-\\x1F\\x7F-\\x9F\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF]|${LONE_SURROGATE}`,
);

/**
 * A multi-line string that a literal block scalar cannot carry exactly or visibly: any character of
 * `NEEDS_DOUBLE` but `\n` and tab, or whitespace at the end of a line (editors strip it, and a whitespace-only
 * line would confuse indentation detection).
 */
const BLOCK_UNSAFE = new RegExp(
  `[\\x00-\\x08\\x0B-\\x1F\\x7F-\\x9F\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF]|${LONE_SURROGATE}|[ \\t](?:\\n|$)`,
);

/** What `JSON.stringify` leaves raw but YAML requires escaped in a double-quoted scalar. */
const DOUBLE_EXTRA = /[\x7F-\x9F\u2028\u2029\uFEFF\uFFFE\uFFFF]/;
const DOUBLE_EXTRA_ALL = new RegExp(DOUBLE_EXTRA.source, "g");

const SINGLE_QUOTE = /'/g;

function doubleQuoted(s: string): string {
  const json = JSON.stringify(s);
  return DOUBLE_EXTRA.test(json) ? json.replace(DOUBLE_EXTRA_ALL, escapeChar) : json;
}

function escapeChar(c: string): string {
  return "\\u" + c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0");
}

/** Plain or single-quoted, for a string without `NEEDS_DOUBLE` characters. */
function plainOrSingle(s: string): string {
  if (!PLAIN_UNSAFE.test(s)) return s;
  return s.indexOf("'") === -1 ? "'" + s + "'" : "'" + s.replace(SINGLE_QUOTE, "''") + "'";
}

/** A single-line scalar for a string: plain, single-quoted or double-quoted. Used for keys. */
export function inlineString(s: string): string {
  return NEEDS_DOUBLE.test(s) ? doubleQuoted(s) : plainOrSingle(s);
}

/**
 * Writes a string value into `parts` after `key:`, `-` or `:` (with no trailing space yet), or at the top (`col` = -1).
 * Block scalar content is indented two columns past the key or dash at column `col`.
 */
export function writeStringScalar(parts: string[], s: string, col: number): void {
  const lead = col < 0 ? "" : " ";
  if (!NEEDS_DOUBLE.test(s)) {
    parts.push(lead + plainOrSingle(s) + "\n");
    return;
  }
  if (s.indexOf("\n") === -1 || BLOCK_UNSAFE.test(s)) {
    parts.push(lead + doubleQuoted(s) + "\n");
    return;
  }
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  if (end === 0) {
    parts.push(lead + doubleQuoted(s) + "\n");
    return;
  }
  const trailing = s.length - end;
  let first = 0;
  while (s.charCodeAt(first) === 10) first++;
  // Indentation is detected from the first non-empty line, so a leading space needs an explicit indicator. At
  // the top level the indicator's base differs between the spec (-1) and libyaml/`yaml` (0): quote instead.
  const indicator = s.charCodeAt(first) === 32 ? "2" : "";
  if (indicator !== "" && col < 0) {
    parts.push(doubleQuoted(s) + "\n");
    return;
  }
  parts.push(lead + "|" + indicator + (trailing === 0 ? "-" : trailing === 1 ? "" : "+") + "\n");
  const p = " ".repeat(col < 0 ? 2 : col + 2);
  let start = 0;
  while (start < end) {
    let nl = s.indexOf("\n", start);
    if (nl === -1 || nl > end) nl = end;
    parts.push(nl === start ? "\n" : p + s.slice(start, nl) + "\n");
    start = nl + 1;
  }
  for (let i = 1; i < trailing; i++) parts.push("\n");
}
