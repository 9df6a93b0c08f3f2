import { readdirSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { createError } from "../diagnostics/create.js";
import { UsageError } from "../diagnostics/errors.js";
import type { Diagnostic } from "../diagnostics/types.js";
import { createRequire } from "node:module";
import type { Ignore } from "ignore";
import { helmChart } from "./not-manifests.js";
import { isWithin } from "./path-within.js";
import { readCapped } from "./read-capped.js";
import type { LoadLimits, SourceFile } from "./types.js";

export const STDIN_PATH = "<stdin>";

export interface InputContext {
  readonly cwd: string;
  readonly stdin?: AsyncIterable<string | Buffer>;
}

const YAML_FILE = /\.ya?ml$/i;
const IGNORE_FILE = ".vmcpgenignore";
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
const CHART_FILES = new Set(["Chart.yaml", "Chart.yml"]);

// Loaded only when a run has rules (--exclude or a .vmcpgenignore): most runs have none, and each
// package costs start-up time. CommonJS, so required (as commander is, cli/commander.ts).
let ignoreFactory: (() => Ignore) | undefined;
function createRules(patterns: string | readonly string[]): Ignore {
  ignoreFactory ??= createRequire(import.meta.url)("ignore") as () => Ignore;
  return ignoreFactory().add(typeof patterns === "string" ? patterns : [...patterns]);
}
const STDIN_NAMES = new Set(["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]);

function displayPath(cwd: string, abs: string): string {
  const rel = path.relative(cwd, abs);
  const shown = rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : abs;
  return shown.split(path.sep).join("/");
}

/** A path that cannot be used is the user's to fix (exit 2), never an internal error. */
function unusablePath(shown: string, e: unknown): UsageError {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT" || code === "ENOTDIR") return new UsageError(`input path does not exist: ${shown}`);
  return new UsageError(`cannot read input path ${shown}: ${code ?? (e instanceof Error ? e.message : String(e))}`);
}

/** `fn()`, with a failure reported as the unusable path `shown`. */
function orUnusable<T>(shown: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw unusablePath(shown, e);
  }
}

function statIfUsable(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

// Files are read synchronously: a CLI has nothing else to do meanwhile, and awaiting thousands of
// reads one by one left the process idle for ~15 % of a 1,000-file run (bench/PLAN.md).

/** The gitignore-style rules of one folder (its .vmcpgenignore), for the paths below it. */
interface FolderRules {
  readonly dir: string;
  readonly rules: Ignore;
}

/** A `.vmcpgenignore` in the folder, if there is one: gitignore syntax, for the folder and everything below it. */
function folderRules(dir: string, shown: string): FolderRules | undefined {
  const file = path.join(dir, IGNORE_FILE);
  const st = statIfUsable(file);
  if (!st?.isFile()) return undefined;
  const bytes = orUnusable(`${shown}/${IGNORE_FILE}`, () => readCapped(file, MAX_IGNORE_FILE_BYTES));
  return bytes === "too-large" ? undefined : { dir, rules: createRules(bytes.toString("utf8")) };
}

/** Whether the rules skip `full` (a folder when `isDir`): each folder's rules see the path relative to that folder. */
function isSkipped(full: string, isDir: boolean, rules: readonly FolderRules[]): boolean {
  return rules.some((r) => {
    const rel = path.relative(r.dir, full).split(path.sep).join("/");
    return rel !== "" && !rel.startsWith("..") && r.rules.ignores(isDir ? `${rel}/` : rel);
  });
}

export interface ExpandOptions {
  /** `--exclude`: gitignore patterns, matched against paths relative to each input folder (a named file: to the working directory). */
  readonly exclude?: readonly string[];
}

/**
 * Expands the input paths into YAML files: directories recursively, sorted, hidden entries and
 * node_modules skipped, and what `--exclude` and each folder's `.vmcpgenignore` (gitignore
 * syntax) name. A Helm chart's folder (it has a Chart.yaml) is reported once and not read. A walk
 * never leaves the folder it was given through a symbolic link (a repository could otherwise make
 * vmcp-gen read, and `argocd generate` print, files from anywhere on the machine): a link whose
 * target is inside another named input is skipped (that input is read under its own name), any
 * other is an error.
 */
export function expandPaths(
  inputs: readonly string[],
  cwd: string,
  options: ExpandOptions = {},
): { paths: (string | typeof STDIN_PATH)[]; diagnostics: Diagnostic[] } {
  const out: (string | typeof STDIN_PATH)[] = [];
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  const seenDirs = new Set<string>();
  const excluded = options.exclude !== undefined && options.exclude.length > 0 ? [createRules(options.exclude)] : [];
  const named = inputs
    .filter((i) => i !== "-" && !STDIN_NAMES.has(i))
    .map((i) => realpathIfUsable(path.resolve(cwd, i)));
  // `base`: the input folder as named (the exclusion patterns are relative to it); `root`: its real path (the link rule).
  const walk = (dir: string, root: string, base: string, inherited: readonly FolderRules[]): void => {
    const real = orUnusable(displayPath(cwd, dir), () => realpathSync(dir));
    if (seenDirs.has(real)) return; // a symlink loop, or the same folder given twice
    seenDirs.add(real);
    const entries = orUnusable(displayPath(cwd, dir), () => readdirSync(dir, { withFileTypes: true }));
    const chart = entries.find((e) => CHART_FILES.has(e.name));
    if (chart) {
      diagnostics.push(helmChart(displayPath(cwd, path.join(dir, chart.name))));
      return;
    }
    const own = folderRules(dir, displayPath(cwd, dir));
    const rules = own ? [...inherited, own] : inherited;
    const names = entries.filter((e) => !e.name.startsWith(".") && e.name !== "node_modules");
    names.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of names) {
      const full = path.join(dir, entry.name);
      const st = statIfUsable(full);
      if (!st) continue; // a dangling symlink or a link loop inside a folder is not an input
      if (isSkipped(full, st.isDirectory(), [...excluded.map((r) => ({ dir: base, rules: r })), ...rules])) continue;
      if (entry.isSymbolicLink() && (st.isDirectory() || (st.isFile() && YAML_FILE.test(entry.name)))) {
        const target = realpathIfUsable(full);
        if (target === undefined) continue;
        if (!isWithin(target, root)) {
          if (!named.some((n) => n !== undefined && isWithin(target, n))) {
            diagnostics.push(
              createError(
                "VMCP116",
                `${displayPath(cwd, full)} is a symbolic link to ${displayPath(cwd, target)}, outside the input folder ${displayPath(cwd, root)}; it was not read`,
                {
                  file: displayPath(cwd, full),
                  hint: "name the target as an input of its own, or replace the link with a copy; vmcp-gen never follows a link out of a folder it walks",
                },
              ),
            );
          }
          continue;
        }
      }
      if (st.isDirectory()) walk(full, root, base, rules);
      else if (st.isFile() && YAML_FILE.test(entry.name) && !seen.has(full)) {
        seen.add(full);
        out.push(full);
      }
    }
  };
  for (const input of inputs) {
    // The process's own standard input by name reads as `-` does: with the same cap, and also when it is a socket (which cannot be opened by path).
    if (input === "-" || STDIN_NAMES.has(input)) {
      // Standard input can be read once; a second `-` would read nothing.
      if (!out.includes(STDIN_PATH)) out.push(STDIN_PATH);
      continue;
    }
    const abs = path.resolve(cwd, input);
    const st = orUnusable(input, () => statSync(abs));
    if (st.isDirectory())
      walk(
        abs,
        orUnusable(input, () => realpathSync(abs)),
        abs,
        [],
      );
    else if (
      isSkipped(
        abs,
        false,
        excluded.map((r) => ({ dir: cwd, rules: r })),
      )
    )
      continue;
    else if (!seen.has(abs)) {
      seen.add(abs);
      out.push(abs);
    }
  }
  return { paths: out, diagnostics };
}

function realpathIfUsable(p: string): string | undefined {
  try {
    return realpathSync(p);
  } catch {
    return undefined;
  }
}

async function readStdin(
  stdin: AsyncIterable<string | Buffer> | undefined,
  limit: number,
): Promise<Buffer | "too-large"> {
  if (!stdin) throw new UsageError("'-' reads standard input, but none is available");
  const parts: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    size += buf.length;
    if (size > limit) return "too-large";
    parts.push(buf);
  }
  return Buffer.concat(parts);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes a file as UTF-8 text, or explains why it is not text. */
function decodeText(file: string, bytes: Buffer): { text: string } | { diagnostic: Diagnostic } {
  const nul = bytes.indexOf(0);
  let text = nul === -1 ? utf8Text(bytes) : undefined;
  if (text === undefined) {
    const at = nul !== -1 ? nul : firstInvalidUtf8(bytes);
    const before = bytes.subarray(0, at).toString("latin1");
    const line = before.split("\n").length;
    return {
      diagnostic: createError(
        "VMCP105",
        nul !== -1 ? "input holds binary data (a NUL byte)" : "input is not valid UTF-8",
        {
          file,
          line,
          // Columns count characters, as editors do, not bytes.
          column: bytes.subarray(before.lastIndexOf("\n") + 1, at).toString("utf8").length + 1,
          hint: "YAML inputs must be UTF-8 text; re-save the file as UTF-8 or remove it from the inputs",
        },
      ),
    };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text: text.replace(/\r\n/g, "\n") };
}

function utf8Text(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Binary search on the longest valid prefix; decoding stops at the first bad sequence.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    const prefix = bytes.subarray(0, mid);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(prefix, { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // Streaming accepts an unfinished sequence, so the byte at `lo` may only reveal that a sequence
  // started earlier is cut short (`caf\xe9\n`): report the start of that sequence.
  let k = lo - 1;
  while (k >= 0 && lo - k <= 3 && ((bytes[k] ?? 0) & 0xc0) === 0x80) k--;
  const lead = k >= 0 ? (bytes[k] ?? 0) : 0;
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return k >= 0 && length > lo - k ? k : lo;
}

/**
 * Reads every input as text. Unusable paths are usage errors (exit 2); a file too large or not
 * text is an input diagnostic, and the other files still load.
 */
export async function readInputs(
  inputs: readonly string[],
  ctx: InputContext,
  limits: LoadLimits,
  options: ExpandOptions = {},
): Promise<{ files: SourceFile[]; diagnostics: Diagnostic[] }> {
  const files: SourceFile[] = [];
  const expanded = expandPaths(inputs, ctx.cwd, options);
  const diagnostics: Diagnostic[] = [...expanded.diagnostics];
  for (const p of expanded.paths) {
    const shown = p === STDIN_PATH ? STDIN_PATH : displayPath(ctx.cwd, p);
    const tooLarge = () =>
      createError("VMCP102", `input is larger than ${limits.maxFileBytes} bytes`, {
        file: shown,
        line: 1,
        column: 1,
        hint: "split the file, or raise the limit with --max-file-size if the input is trusted",
      });
    let bytes: Buffer;
    if (p === STDIN_PATH) {
      const read = await readStdin(ctx.stdin, limits.maxFileBytes);
      if (read === "too-large") {
        diagnostics.push(tooLarge());
        continue;
      }
      bytes = read;
    } else {
      // Devices, FIFOs and /dev/stdin included: the cap counts bytes read, not what stat says.
      const read = orUnusable(shown, () => readCapped(p, limits.maxFileBytes));
      if (read === "too-large") {
        diagnostics.push(tooLarge());
        continue;
      }
      bytes = read;
    }
    const decoded = decodeText(shown, bytes);
    if ("diagnostic" in decoded) diagnostics.push(decoded.diagnostic);
    else files.push({ path: shown, text: decoded.text });
  }
  return { files, diagnostics };
}
