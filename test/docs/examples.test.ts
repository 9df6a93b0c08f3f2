import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parse, parseAllDocuments } from "yaml";
import { serializeYaml, type JsonValue } from "../../src/yaml/serialize-yaml.js";
import { afterAll, describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";
import { unifiedDiff } from "./line-diff.js";
import {
  documentationFiles,
  extractBlocks,
  readRepoFile,
  replaceBlocks,
  REPO_ROOT,
  splitArgs,
  type CodeBlock,
} from "./markdown.js";

/**
 * Every example in README.md and docs/*.md is checked, so the documentation cannot rot.
 *
 * A fenced block is checked according to the HTML comment on the line before its fence:
 *
 * - none, on a `yaml` block: the block must hold Kubernetes manifests; it is run through
 *   `vmcp-gen synth` when it holds a VirtualMCPServer (a complete example), else checked without
 *   rendering (`vmcp-gen inspect`), and must pass with no diagnostics at all.
 * - `<!-- check: with=NAME allow=VMCP409 expect=VMCP410 -->`: as above, but blocks of one file
 *   that share `with=NAME` are checked together; `allow` lists diagnostics that may appear;
 *   `expect` lists the error codes the example must fail with (exit 1).
 * - `<!-- output-of: ARGS @kind=K @grep=RE @config[=KEY] @env @stderr @exit=N @cwd=DIR -->`: the
 *   block is what `vmcp-gen ARGS` prints, run from the repository root (or DIR), filtered: only
 *   the config.yaml of the ConfigMap (or one top-level KEY of it), only the vMCP container's env,
 *   only documents of kind K, only lines matching RE; or stderr instead of stdout.
 * - `<!-- output-diff: ARGS1 ;; ARGS2 @… -->`: the block is the unified diff between the two
 *   outputs (after the same filters), with `@context=N` lines of context (default 3).
 * - `<!-- file: PATH -->`: the block is the content of that repository file.
 * - `<!-- not-checked: REASON -->`: skipped; keep these few.
 *
 * `UPDATE_DOCS=1 npx vitest run test/docs/examples.test.ts` rewrites the output-of, output-diff
 * and file blocks from what vmcp-gen prints now; review the diff before committing it.
 *
 * `sh` blocks: each line that runs `vmcp-gen synth|validate|diff` on paths that all exist in this
 * repository (and writes no output folder) is run, and must exit 0 (or the N of a trailing
 * `# exit N` comment).
 */

interface RunSpec {
  readonly argv: string[];
  readonly cwd: string;
  readonly kinds?: string[];
  readonly grep?: string;
  /** `true` for the whole config.yaml, or the name of one of its top-level keys. */
  readonly config: boolean | string;
  readonly env: boolean;
  readonly stderr: boolean;
  readonly exit: number;
  readonly context: number;
}

function parseRunSpec(text: string): RunSpec {
  const argv: string[] = [];
  let spec: Omit<RunSpec, "argv"> = { cwd: REPO_ROOT, config: false, env: false, stderr: false, exit: 0, context: 3 };
  for (const tok of splitArgs(text)) {
    if (!tok.startsWith("@")) {
      argv.push(tok);
      continue;
    }
    const [key, value = ""] = tok.slice(1).split(/=(.*)/s);
    if (key === "kind") spec = { ...spec, kinds: value.split(",") };
    else if (key === "grep") spec = { ...spec, grep: value };
    else if (key === "config") spec = { ...spec, config: value === "" ? true : value };
    else if (key === "env") spec = { ...spec, env: true };
    else if (key === "stderr") spec = { ...spec, stderr: true };
    else if (key === "exit") spec = { ...spec, exit: Number(value) };
    else if (key === "cwd") spec = { ...spec, cwd: path.join(REPO_ROOT, value) };
    else if (key === "context") spec = { ...spec, context: Number(value) };
    else throw new Error(`unknown output filter @${key}`);
  }
  return { argv, ...spec };
}

function filterOutput(text: string, spec: RunSpec): string {
  let out = text;
  if (spec.config) {
    out = parseAllDocuments(out)
      .map((d) => d.toJS() as { kind?: string; data?: Record<string, string> })
      .filter((o) => o?.kind === "ConfigMap" && typeof o.data?.["config.yaml"] === "string")
      .map((o) => o.data!["config.yaml"]!)
      .map((text) =>
        typeof spec.config === "string"
          ? serializeYaml({ [spec.config]: (parse(text) as Record<string, JsonValue>)[spec.config]! })
          : text,
      )
      .join("---\n");
  }
  if (spec.env) {
    out = parseAllDocuments(out)
      .map((d) => d.toJS() as { kind?: string; spec?: { template: { spec: { containers: { env?: JsonValue[] }[] } } } })
      .filter((o) => o?.kind === "Deployment")
      .map((o) => serializeYaml({ env: o.spec!.template.spec.containers[0]!.env ?? [] }))
      .join("---\n");
  }
  if (spec.kinds) {
    out = out
      .split(/^---\n/m)
      .filter((doc) => spec.kinds!.some((k) => new RegExp(`^kind: ${k}$`, "m").test(doc)))
      .join("---\n");
  }
  if (spec.grep !== undefined) {
    out = out
      .split("\n")
      .filter((l) => new RegExp(spec.grep!).test(l))
      .map((l) => `${l}\n`)
      .join("");
  }
  return out;
}

async function runSpec(spec: RunSpec): Promise<string> {
  const r = await runInProcess(spec.argv, { cwd: spec.cwd });
  expect(r.code, `vmcp-gen ${spec.argv.join(" ")} exited ${r.code}:\n${r.stderr}`).toBe(spec.exit);
  return filterOutput(spec.stderr ? r.stderr : r.stdout, spec);
}

interface Diagnostics {
  diagnostics: { severity: string; code: string; message: string }[];
}

function attributes(value: string): Record<string, string> {
  return Object.fromEntries(splitArgs(value).map((t) => t.split(/=(.*)/s) as [string, string]));
}

function isManifests(text: string): boolean {
  const docs = parseAllDocuments(text);
  return (
    docs.length > 0 &&
    docs.every((d) => d.errors.length === 0) &&
    docs
      .map((d) => d.toJS() as unknown)
      .every((o) => typeof o === "object" && o !== null && "apiVersion" in o && "kind" in o)
  );
}

async function checkManifests(blocks: readonly CodeBlock[], attrs: Record<string, string>): Promise<void> {
  const where = `${blocks[0]!.file}:${blocks[0]!.line}`;
  for (const b of blocks)
    expect(
      isManifests(b.text),
      `${b.file}:${b.line}: a yaml block must hold Kubernetes manifests, or be marked (<!-- not-checked: … -->, <!-- output-of: … -->)`,
    ).toBe(true);
  const text = blocks.map((b) => b.text).join("---\n");
  const dir = mkdtempSync(path.join(tmpdir(), "vmcp-gen-docs-"));
  try {
    writeFileSync(path.join(dir, "example.yaml"), text);
    const complete = /^kind: VirtualMCPServer$/m.test(text);
    // A fragment without a VirtualMCPServer cannot render, so validate (which renders) refuses it
    // with VMCP701; inspect checks the inputs without rendering, and its VMCP701 is expected.
    const r = await runInProcess([complete ? "synth" : "inspect", "example.yaml", "--diagnostics", "json"], {
      cwd: dir,
    });
    const found = (JSON.parse(r.stderr) as Diagnostics).diagnostics.filter((d) => complete || d.code !== "VMCP701");
    const expected = (attrs.expect ?? "").split(",").filter(Boolean);
    const allowed = new Set([...(attrs.allow ?? "").split(",").filter(Boolean), ...expected]);
    const summary = found.map((d) => `${d.severity} ${d.code}: ${d.message}`).join("\n");
    if (expected.length > 0) {
      expect(r.code, `${where}: expected to fail with ${expected.join(", ")}\n${summary}`).toBe(1);
      expect([...new Set(found.filter((d) => d.severity === "error").map((d) => d.code))].sort(), where).toEqual(
        [...new Set(expected)].sort(),
      );
    } else {
      expect(
        complete ? r.code : found.filter((d) => d.severity === "error").length,
        `${where}: ${complete ? "synth" : "inspect"} failed\n${summary}`,
      ).toBe(0);
    }
    expect(
      found.filter((d) => !allowed.has(d.code)).map((d) => `${d.severity} ${d.code}: ${d.message}`),
      `${where}: unexpected diagnostics`,
    ).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const VALUE_FLAGS = new Set([
  "-n",
  "--namespace",
  "--vmcp",
  "--image",
  "--format",
  "--diagnostics",
  "--max-file-size",
  "--against",
]);

/** `vmcp-gen synth|validate|diff …` lines of a sh block that only name repository paths, with their expected exit code. */
function runnableShellLines(block: CodeBlock): { line: string; argv: string[]; exit: number }[] {
  const out: { line: string; argv: string[]; exit: number }[] = [];
  for (const raw of block.text.split("\n")) {
    const line = raw.replace(/^\$\s+/, "").trim();
    const m = /^(?:npx\s+)?vmcp-gen\s+(synth|validate|diff)\b(.*)$/.exec(line);
    if (!m) continue;
    const exitComment = /#\s*exit\s+(\d+)\s*$/.exec(line);
    const rest = m[2]!.split(/\s(?:\||>|&&|;|#)|^\s*#/)[0]!;
    const args = splitArgs(rest);
    if (args.some((a) => a === "-o" || a.startsWith("--output"))) continue;
    const positional = args.filter((a, i) => !a.startsWith("-") && !VALUE_FLAGS.has(args[i - 1] ?? ""));
    const against = args.findIndex((a) => a === "--against");
    if (against >= 0) positional.push(args[against + 1] ?? "");
    if (positional.length === 0 || !positional.every((p) => existsSync(path.join(REPO_ROOT, p)))) continue;
    out.push({ line, argv: [m[1]!, ...args], exit: exitComment ? Number(exitComment[1]) : 0 });
  }
  return out;
}

/** The path and the folders above it below `docs/examples/<example>/`. */
function ancestors(rel: string): string[] {
  const out: string[] = [];
  for (let p = rel; p.split("/").length > 3; p = path.dirname(p)) out.push(p);
  return out;
}

function listFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? listFiles(full) : [full];
  });
}

const UPDATE = process.env.UPDATE_DOCS === "1";
const updates: { block: CodeBlock; text: string }[] = [];

/** Compares a generated block with the documentation, or (with UPDATE_DOCS=1) records the new text. */
function expectBlock(block: CodeBlock, actual: string): void {
  if (UPDATE) updates.push({ block, text: actual });
  else
    expect(
      block.text,
      `${block.file}:${block.line} is out of date; run UPDATE_DOCS=1 npx vitest run test/docs/examples.test.ts and review the diff`,
    ).toBe(actual);
}

const files = documentationFiles();
const blocks = files.flatMap((f) => extractBlocks(f, readRepoFile(f)));

describe("documentation examples", () => {
  afterAll(() => {
    for (const file of new Set(updates.map((u) => u.block.file))) {
      const own = updates.filter((u) => u.block.file === file);
      writeFileSync(path.join(REPO_ROOT, file), replaceBlocks(readRepoFile(file), own));
    }
  });

  it("finds the documentation", () => {
    expect(files).toContain("docs/modes.md");
    expect(blocks.length).toBeGreaterThan(0);
  });

  it("uses only known markers", () => {
    const known = new Set(["not-checked", "output-of", "output-diff", "file", "check"]);
    const unknown = blocks
      .filter((b) => b.marker && !known.has(b.marker.kind))
      .map((b) => `${b.file}:${b.line}: <!-- ${b.marker!.kind} -->`);
    expect(unknown).toEqual([]);
    const bare = blocks
      .filter((b) => b.marker?.kind === "not-checked" && b.marker.value.trim() === "")
      .map((b) => `${b.file}:${b.line}`);
    expect(bare, "not-checked needs a reason").toEqual([]);
  });

  for (const file of files) {
    const own = blocks.filter((b) => b.file === file);
    const grouped = new Map<string, CodeBlock[]>();
    for (const b of own) {
      const where = `${b.file}:${b.line} (${b.lang || "no language"})`;
      const kind = b.marker?.kind;
      if (kind === "not-checked") continue;
      if (kind === "output-of") {
        it(`${where} is the output of vmcp-gen ${b.marker!.value}`, async () => {
          expectBlock(b, await runSpec(parseRunSpec(b.marker!.value)));
        });
      } else if (kind === "output-diff") {
        it(`${where} is the diff of ${b.marker!.value}`, async () => {
          const [left, right] = b.marker!.value.split(";;");
          const filters = splitArgs(right ?? "")
            .filter((t) => t.startsWith("@"))
            .join(" ");
          const a = parseRunSpec(`${left} ${filters}`);
          const c = parseRunSpec(right ?? "");
          expectBlock(b, unifiedDiff(await runSpec(a), await runSpec(c), c.context));
        });
      } else if (kind === "file") {
        it(`${where} is ${b.marker!.value}`, () => {
          expectBlock(b, readRepoFile(b.marker!.value.trim()));
        });
      } else if (b.lang === "yaml" || b.lang === "yml") {
        const attrs = kind === "check" ? attributes(b.marker!.value) : {};
        const key = attrs.with ? `with=${attrs.with}` : `line=${b.line}`;
        grouped.set(key, [...(grouped.get(key) ?? []), b]);
      } else if (b.lang === "sh" || b.lang === "bash" || b.lang === "console") {
        for (const cmd of runnableShellLines(b)) {
          it(`${where}: ${cmd.line}`, async () => {
            const r = await runInProcess(cmd.argv, { cwd: REPO_ROOT });
            expect(r.code, r.stderr).toBe(cmd.exit);
          });
        }
      }
    }
    for (const [key, group] of grouped) {
      const first = group[0]!;
      const attrs = Object.assign(
        {},
        ...group.map((b) => (b.marker?.kind === "check" ? attributes(b.marker.value) : {})),
      ) as Record<string, string>;
      it(`${first.file}:${first.line} (${key}) passes vmcp-gen`, async () => {
        await checkManifests(group, attrs);
      });
    }
  }

  it("every file under docs/examples is used by the documentation", () => {
    const markers = blocks.map((b) => b.marker?.value ?? "").join("\n") + blocks.map((b) => b.text).join("\n");
    const unused = listFiles(path.join(REPO_ROOT, "docs", "examples"))
      .map((f) => path.relative(REPO_ROOT, f))
      .filter((rel) => !ancestors(rel).some((p) => markers.includes(p)));
    expect(unused).toEqual([]);
  });
});
