import { describe, expect, it } from "vitest";
import { ExitCode } from "../../src/cli/exit-codes.js";
import { DIAGNOSTIC_CODES } from "../../src/diagnostics/codes.js";
import { runInProcess } from "../helpers/run-in-process.js";
import { documentationFiles, readRepoFile, REPO_ROOT } from "./markdown.js";

/**
 * docs/cli.md and the CLI must agree: every command of `vmcp-gen --help` (and of its
 * subcommands' help) has a `## vmcp-gen <command>` section that mentions each of its flags, no
 * section documents a command or a flag (in its options table) that does not exist, every
 * diagnostic code is listed with its title, and every exit code is in the exit-code table.
 */

const CLI_DOC = "docs/cli.md";

async function help(path: readonly string[]): Promise<string> {
  const r = await runInProcess([...path, "--help"], { cwd: REPO_ROOT });
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

/** The lines of one `Title:` section of commander's help. */
function helpSection(text: string, title: string): string[] {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => l === `${title}:`);
  if (start < 0) return [];
  const out: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === "" || !l.startsWith(" ")) break;
    out.push(l);
  }
  return out;
}

function subcommands(text: string): string[] {
  return helpSection(text, "Commands")
    .map((l) => /^ {2}([a-z][\w-]*)/.exec(l)?.[1])
    .filter((c): c is string => c !== undefined && c !== "help");
}

/** Long flags (and their short forms) of the Options section, without --help. */
function flags(text: string): string[] {
  const out: string[] = [];
  for (const l of helpSection(text, "Options")) {
    const m = /^ {2}(?:(-\w), )?(--[\w-]+)/.exec(l);
    if (!m || m[2] === "--help") continue;
    if (m[1]) out.push(m[1]);
    out.push(m[2]!);
  }
  return out;
}

interface CommandInfo {
  readonly path: string[];
  readonly flags: string[];
}

async function allCommands(): Promise<{ root: string[]; commands: CommandInfo[] }> {
  const rootHelp = await help([]);
  const commands: CommandInfo[] = [];
  const walk = async (path: string[]) => {
    const text = await help(path);
    const subs = subcommands(text);
    if (subs.length === 0) commands.push({ path, flags: flags(text) });
    for (const s of subs) await walk([...path, s]);
  };
  for (const c of subcommands(rootHelp)) await walk([c]);
  return { root: flags(rootHelp), commands };
}

/** `## vmcp-gen <command>` sections of docs/cli.md: heading → body. */
function docSections(markdown: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = markdown.split(/^## /m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf("\n");
    out.set(p.slice(0, nl).trim(), p.slice(nl + 1));
  }
  return out;
}

/** Flags named in the first cell of the options table rows of a section. */
function tableFlags(body: string): string[] {
  const out: string[] = [];
  for (const line of body.split("\n")) {
    const cell = /^\|([^|]*)\|/.exec(line)?.[1];
    if (!cell) continue;
    for (const m of cell.matchAll(/(?<![\w-])(--?[a-zA-Z][\w-]*)/g)) out.push(m[1]!);
  }
  return out;
}

describe("docs/cli.md is in sync with the CLI", async () => {
  const doc = readRepoFile(CLI_DOC);
  const sections = docSections(doc);
  const { root, commands } = await allCommands();

  it("finds commands in vmcp-gen --help", () => {
    expect(commands.map((c) => c.path.join(" "))).toEqual(expect.arrayContaining(["synth", "validate"]));
  });

  it("documents every global option", () => {
    const body = sections.get("Global options") ?? "";
    expect(root.filter((f) => !body.includes(`\`${f}`))).toEqual([]);
  });

  for (const c of commands) {
    const heading = `vmcp-gen ${c.path.join(" ")}`;
    it(`documents ${heading} and each of its flags`, () => {
      const body = sections.get(heading);
      expect(body, `docs/cli.md has no "## ${heading}" section`).toBeDefined();
      expect(
        c.flags.filter((f) => !body!.includes(`\`${f}`)),
        `flags of ${heading} missing from its section`,
      ).toEqual([]);
    });
    it(`documents no flag that ${heading} does not have`, () => {
      const known = new Set([...c.flags, "-h", "--help"]);
      expect(tableFlags(sections.get(heading) ?? "").filter((f) => !known.has(f))).toEqual([]);
    });
  }

  it("documents no command that does not exist", () => {
    const real = new Set(commands.map((c) => `vmcp-gen ${c.path.join(" ")}`));
    const documented = [...sections.keys()].filter((h) => h.startsWith("vmcp-gen "));
    expect(documented.filter((h) => !real.has(h))).toEqual([]);
  });

  it("lists every diagnostic code with its title", () => {
    const missing = Object.entries(DIAGNOSTIC_CODES)
      .filter(([code, title]) => !doc.includes(`| ${code} | ${title.replace(/\|/g, "\\|")} |`))
      .map(([code, title]) => `| ${code} | ${title} |`);
    expect(missing).toEqual([]);
  });

  it("mentions no diagnostic code that does not exist, in any documentation file", () => {
    const unknown: string[] = [];
    for (const file of documentationFiles()) {
      for (const m of readRepoFile(file).matchAll(/\bVMCP\d{3}\b/g))
        if (!(m[0] in DIAGNOSTIC_CODES)) unknown.push(`${file}: ${m[0]}`);
    }
    expect([...new Set(unknown)]).toEqual([]);
  });

  it("lists every exit code", () => {
    const rows = doc
      .split("\n")
      .filter((l) => /^\| `?\d+`? \|/.test(l))
      .map((l) => Number(/^\| `?(\d+)/.exec(l)![1]));
    expect(Object.values(ExitCode).filter((code) => !rows.includes(code))).toEqual([]);
  });
});
