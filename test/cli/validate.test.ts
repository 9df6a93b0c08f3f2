import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, it, type ExpectStatic } from "vitest";
import { BIN, ensureBuilt, REPO_ROOT, runCli, type RunResult } from "../helpers/run-cli.js";
import { createTempDirManual, type FileTree, type TempDir } from "../helpers/temp-dir.js";
import { lineOf, lines, toolhive } from "../helpers/yaml-text.js";

const VERSION = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;
const STACK_TRACE = /\n\s+at /;

beforeAll(() => ensureBuilt(), 120_000);

/** The commands (and nested subcommands) the built CLI lists in its help, read at collection time. */
function listCommands(prefix: string[] = []): string[][] {
  ensureBuilt();
  const help = execFileSync(process.execPath, [BIN, ...prefix, "--help"], { encoding: "utf8" });
  const section = help.split("\nCommands:\n")[1] ?? "";
  const names = [...section.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1]!).filter((c) => c !== "help");
  return names.flatMap((name) => [[...prefix, name], ...listCommands([...prefix, name])]);
}
const COMMANDS = listCommands();

// Each spawn costs about a second (Node start plus Ajv compiling the CRD schemas it needs), so the
// tests run concurrently; they use their context's `expect` and share one temp-dir cleanup.
const temps: (TempDir & { cleanup(): void })[] = [];
afterAll(() => {
  for (const t of temps) t.cleanup();
});

function createTempDir(tree: FileTree = {}): TempDir {
  const t = createTempDirManual(tree);
  temps.push(t);
  return t;
}

const GROUP = toolhive("MCPGroup", "tools", []);
// Discovered mode: the group needs no members for the render to succeed.
const VMCP = toolhive("VirtualMCPServer", "demo", [
  "  groupRef:",
  "    name: tools",
  "  incomingAuth:",
  "    type: anonymous",
  "  outgoingAuth:",
  "    source: discovered",
]);

async function validateTree(
  tree: FileTree,
  args: string[] = ["."],
  env?: Record<string, string | undefined>,
): Promise<RunResult> {
  const t = createTempDir(tree);
  return runCli(["validate", ...args], { cwd: t.dir, replace: { "<TMP>": t.dir }, ...(env ? { env } : {}) });
}

/** The shape every failing input must produce: exit 1, a located coded error, a hint, no trace, empty stdout. */
function expectLocatedFailure(expect: ExpectStatic, r: RunResult, file: string, code: string, line: number): void {
  expect.soft(r.stdout).toBe("");
  expect.soft(r.stderr).not.toMatch(STACK_TRACE);
  expect.soft(r.stderr).toMatch(new RegExp(`^${file.replace(/\./g, "\\.")}:${line}:\\d+: error ${code}: .+$`, "m"));
  expect.soft(r.stderr).toMatch(/^ {2}hint: \S.*$/m);
  expect.soft(r.stderr).toMatch(/^Found [1-9]\d* errors? and \d+ warnings?\.$/m);
  expect(r.code).toBe(1);
}

describe.concurrent("vmcp-gen validate: success", { timeout: 90_000 }, () => {
  it("exits 0 on fixtures/quickstart, printing only the one-line summary (on stderr)", async ({ expect }) => {
    const r = await runCli(["validate", "fixtures/quickstart"]);
    expect(r.stderr).toBe("vmcp-gen: valid: 5 resources, 1 VirtualMCPServer rendered, 0 warnings\n");
    expect(r.stdout).toBe("");
    expect(r.code).toBe(0);
    const json = await runCli(["validate", "fixtures/quickstart", "--diagnostics", "json"]);
    expect(JSON.parse(json.stderr)).toMatchObject({ diagnostics: [] });
  });

  it("exits 0 with warnings only, and prints them", async ({ expect }) => {
    const r = await validateTree({ "a.yaml": GROUP.replace("v1beta1", "v1alpha1"), "v.yaml": VMCP });
    expect(r.stderr).toMatch(/^a\.yaml:1:\d+: warning VMCP209: /m);
    expect(r.stderr).toContain("Found 0 errors and 1 warning.");
    expect(r.stderr).toContain("vmcp-gen: valid: 2 resources, 1 VirtualMCPServer rendered, 1 warning\n");
    expect(r.code).toBe(0);
  });

  it("refuses what synth refuses at render time (an over-long name), as synth does", async ({ expect }) => {
    const long = VMCP.replace("name: demo", `name: ${"a".repeat(60)}`);
    const r = await validateTree({ "g.yaml": GROUP, "v.yaml": long });
    expect(r.stderr).toMatch(/error VMCP601: /);
    expect(r.code).toBe(1);
  });

  it("validates the current directory when given no path", async ({ expect }) => {
    const t = createTempDir({ "group.yaml": GROUP, "vmcp.yaml": VMCP });
    const r = await runCli(["validate"], { cwd: t.dir });
    expect(r.code).toBe(0);
  });
});

describe.concurrent(
  "vmcp-gen validate: every bad input gives exit 1, a code, file:line:col and a hint, never a stack trace",
  { timeout: 90_000 },
  () => {
    it("malformed YAML", async ({ expect }) => {
      const text = lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: x", "   namespace: y");
      const r = await validateTree({ "bad.yaml": text });
      expectLocatedFailure(expect, r, "bad.yaml", "VMCP101", 5);
      expect(r.stderr).toContain("  5 |    namespace: y");
    });

    it("an alias bomb", async ({ expect }) => {
      const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
      for (let i = 1; i < 12; i++)
        levels.push(
          `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
            .fill(`*${String.fromCharCode(96 + i)}`)
            .join(", ")}]`,
        );
      const r = await validateTree({
        "bomb.yaml": lines(
          "apiVersion: v1",
          "kind: ConfigMap",
          "metadata:",
          "  name: bomb",
          "data:",
          ...levels.map((l) => `  ${l}`),
        ),
      });
      expectLocatedFailure(expect, r, "bomb.yaml", "VMCP103", 1);
    });

    it("a 20 MB file", async ({ expect }) => {
      const t = createTempDir();
      const big = `${lines("apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: big", "data:")}${Array.from({ length: 20 * 1024 }, (_, i) => `  k${i}: ${"x".repeat(1030)}`).join("\n")}\n`;
      writeFileSync(t.path("big.yaml"), big);
      expect(big.length).toBeGreaterThan(20 * 1024 * 1024);
      const r = await runCli(["validate", "big.yaml"], { cwd: t.dir });
      expectLocatedFailure(expect, r, "big.yaml", "VMCP102", 1);
      expect(r.stderr).not.toContain("VMCP112");
    });

    it("a document that is a list", async ({ expect }) => {
      const r = await validateTree({ "list.yaml": `${GROUP}---\n- ${GROUP.trimEnd().split("\n").join("\n  ")}\n` });
      expectLocatedFailure(expect, r, "list.yaml", "VMCP106", GROUP.split("\n").length + 1);
    });

    it("a wrong type", async ({ expect }) => {
      const text = `${GROUP}---\n${VMCP}  replicas: two\n`;
      const r = await validateTree({ "type.yaml": text });
      expectLocatedFailure(expect, r, "type.yaml", "VMCP204", lineOf(text, "replicas: two"));
      expect(r.stderr).toContain("in VirtualMCPServer/default/demo spec.replicas");
    });

    it("an unknown field", async ({ expect }) => {
      const text = `${GROUP}---\n${VMCP}  replica: 2\n`;
      const r = await validateTree({ "field.yaml": text });
      expectLocatedFailure(expect, r, "field.yaml", "VMCP203", lineOf(text, "replica: 2"));
      expect(r.stderr).toContain("hint: did you mean `replicas`?");
    });

    it("a missing reference", async ({ expect }) => {
      const text = VMCP;
      const r = await validateTree({ "ref.yaml": text });
      expectLocatedFailure(expect, r, "ref.yaml", "VMCP401", lineOf(text, "name: tools"));
      expect(r.stderr).toContain('MCPGroup "tools" does not exist in namespace "default"');
    });

    it("an SSRF URL", async ({ expect }) => {
      const entry = toolhive("MCPServerEntry", "metadata-server", [
        "  remoteUrl: http://169.254.169.254/latest/meta-data",
        "  transport: streamable-http",
        "  groupRef:",
        "    name: tools",
      ]);
      const text = `${GROUP}---\n${entry}`;
      const r = await validateTree({ "ssrf.yaml": text });
      expectLocatedFailure(expect, r, "ssrf.yaml", "VMCP502", lineOf(text, "remoteUrl:"));
    });

    it("a NUL byte and a BOM-prefixed CRLF file side by side", async ({ expect }) => {
      const r = await validateTree({
        "bin.yaml": Buffer.from("apiVersion: v1\n\u0000\n"),
        "win.yaml": `\ufeff${GROUP.replace(/\n/g, "\r\n")}`,
      });
      expectLocatedFailure(expect, r, "bin.yaml", "VMCP105", 2);
      expect(r.stderr).not.toContain("win.yaml");
    });

    it("reports the problems of several files, sorted by file and line", async ({ expect }) => {
      const r = await validateTree({
        "b.yaml": `${VMCP}  extra: 1\n`,
        "a.yaml": "- not an object\n",
        sub: { "c.yml": "key: [\n" },
      });
      const heads = r.stderr
        .split("\n")
        .filter((l) => /^\S+:\d+:\d+: /.test(l))
        .map((l) => l.split(": ")[0]);
      expect(heads).toEqual(["a.yaml:1:1", "b.yaml:7:11", "b.yaml:12:3", "sub/c.yml:2:1"]);
      expect(r.code).toBe(1);
    });
  },
);

describe.concurrent("vmcp-gen validate: diagnostics formats", { timeout: 90_000 }, () => {
  const TREE = { "vmcp.yaml": `${VMCP}  replica: 2\n` };

  it("--diagnostics json prints one JSON document on stderr with located diagnostics", async ({ expect }) => {
    const r = await validateTree(TREE, [".", "--diagnostics", "json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const parsed = JSON.parse(r.stderr) as {
      diagnostics: Record<string, unknown>[];
      summary: { errors: number; warnings: number };
    };
    expect(parsed.summary).toEqual({ errors: 2, warnings: 0 });
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(["VMCP401", "VMCP203"]);
    for (const d of parsed.diagnostics) {
      expect(d).toMatchObject({
        severity: "error",
        file: "vmcp.yaml",
        resource: { kind: "VirtualMCPServer", namespace: "default", name: "demo", id: "VirtualMCPServer/default/demo" },
      });
      expect(typeof d.line).toBe("number");
      expect(typeof d.column).toBe("number");
      expect(typeof d.message).toBe("string");
      expect(typeof d.hint).toBe("string");
      expect(typeof d.path).toBe("string");
      expect(d).not.toHaveProperty("source");
      expect(d).not.toHaveProperty("subject");
      expect(d).not.toHaveProperty("excerpt");
    }
  });

  it("--diagnostics json prints an empty list on success", async ({ expect }) => {
    const r = await runCli(["validate", "fixtures/quickstart", "--diagnostics", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stderr)).toEqual({ diagnostics: [], summary: { errors: 0, warnings: 0 } });
  });

  it("--diagnostics github prints one workflow command per line", async ({ expect }) => {
    const r = await validateTree(
      { ...TREE, "old.yaml": GROUP.replace("v1beta1", "v1alpha1").replace("tools", "other") },
      [".", "--diagnostics", "github"],
    );
    expect(r.code).toBe(1);
    const out = r.stderr.trimEnd().split("\n");
    expect(out).toHaveLength(3);
    expect(out.filter((l) => l.startsWith("::error file=vmcp.yaml,line="))).toHaveLength(2);
    expect(out.filter((l) => l.startsWith("::warning file=old.yaml,line=1,"))).toHaveLength(1);
    for (const l of out) expect(l).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=VMCP\d{3} [^:]+::.+/);
  });

  it("rejects an unknown --diagnostics format with exit 2", async ({ expect }) => {
    const r = await runCli(["validate", "fixtures/quickstart", "--diagnostics", "xml"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xml/);
  });
});

describe.concurrent("vmcp-gen validate: inputs and flags", { timeout: 90_000 }, () => {
  it("reads stdin with -", async ({ expect }) => {
    const ok = await runCli(["validate", "-"], { stdin: `${GROUP}---\n${VMCP}` });
    expect(ok.code).toBe(0);
    const bad = await runCli(["validate", "-"], { stdin: VMCP });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(new RegExp(`^<stdin>:${lineOf(VMCP, "name: tools")}:11: error VMCP401: `, "m"));
  });

  it("combines stdin with files", async ({ expect }) => {
    const t = createTempDir({ "group.yaml": GROUP });
    const r = await runCli(["validate", "group.yaml", "-"], { cwd: t.dir, stdin: VMCP });
    expect(r.code).toBe(0);
  });

  it("reports empty stdin as VMCP112", async ({ expect }) => {
    const r = await runCli(["validate", "-"], { stdin: "" });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>:1:1: error VMCP112: /m);
  });

  it("-n fills the namespace of inputs that have none", async ({ expect }) => {
    const group = toolhive("MCPGroup", "tools", [], "team-a");
    const r = await validateTree({ "g.yaml": group, "v.yaml": VMCP }, [".", "-n", "team-a"]);
    expect(r.code).toBe(0);
    const without = await validateTree({ "g.yaml": group, "v.yaml": VMCP });
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('exists in namespace "team-a"');
  });

  it("--strict-refs turns a CA bundle ConfigMap that is not among the inputs into an error", async ({ expect }) => {
    const entry = toolhive("MCPServerEntry", "e", [
      "  remoteUrl: https://mcp.example.com",
      "  transport: sse",
      "  groupRef:",
      "    name: tools",
      "  caBundleRef:",
      "    configMapRef:",
      "      name: elsewhere",
      "      key: ca.crt",
    ]);
    const tree = { "a.yaml": `${GROUP}---\n${entry}`, "v.yaml": VMCP };
    const lenient = await validateTree(tree);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/warning VMCP409/);
    const strict = await validateTree(tree, [".", "--strict-refs"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/error VMCP409/);
  });

  it("--max-file-size lowers the size limit, and a bad size is a usage error", async ({ expect }) => {
    const r = await runCli(["validate", "fixtures/quickstart", "--max-file-size", "100"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^fixtures\/quickstart\/ca-bundle\.yaml:1:1: error VMCP102: /m);
    const bad = await runCli(["validate", "fixtures/quickstart", "--max-file-size", "lots"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(STACK_TRACE);
  });

  it("shows absolute paths for inputs outside the working directory", async ({ expect }) => {
    const t = createTempDir();
    const r = await runCli(["validate", path.join(REPO_ROOT, "fixtures", "quickstart"), "--max-file-size", "100"], {
      cwd: t.dir,
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<ROOT>\/fixtures\/quickstart\/ca-bundle\.yaml:1:1: error VMCP102: /m);
  });

  it("a path that does not exist is a usage error: exit 2, one line", async ({ expect }) => {
    const r = await runCli(["validate", "no/such/dir"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("vmcp-gen: error: input path does not exist: no/such/dir\n");
  });

  it("a path that cannot be read is a usage error: exit 2, one line", async ({ expect }) => {
    const t = createTempDir({ "a.yaml": { symlink: "b.yaml" }, "b.yaml": { symlink: "a.yaml" } });
    const r = await runCli(["validate", "a.yaml"], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("vmcp-gen: error: cannot read input path a.yaml: ELOOP\n");
  });

  it("an unknown flag is a usage error: exit 2", async ({ expect }) => {
    const r = await runCli(["validate", "--no-such-flag", "fixtures/quickstart"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/unknown option '--no-such-flag'/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("an unknown command is a usage error: exit 2", async ({ expect }) => {
    const r = await runCli(["frobnicate"]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it("no arguments print the usage on stderr and exit 2", async ({ expect }) => {
    const r = await runCli([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^Usage: vmcp-gen/);
  });
});

describe.concurrent("vmcp-gen: help, version, colour", { timeout: 90_000 }, () => {
  it("--version prints the package version", async ({ expect }) => {
    for (const flag of ["--version", "-V"]) {
      const r = await runCli([flag]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`${VERSION}\n`);
    }
  });

  it("--help lists the commands, on stdout, exit 0", async ({ expect }) => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: vmcp-gen/);
    expect(r.stdout).toMatch(/^ {2}validate /m);
    expect(COMMANDS).toContainEqual(["validate"]);
  });

  const helpShowsExamples = async (command: string, { expect }: { expect: ExpectStatic }) => {
    const words = command.split(" ");
    // `help X` is commander's help command of X's parent (`vmcp-gen argocd help generate`), and
    // `vmcp-gen help argocd generate` works too.
    for (const argv of [
      [...words, "--help"],
      [...words.slice(0, -1), "help", ...words.slice(-1)],
      ["help", ...words],
    ]) {
      const r = await runCli(argv);
      expect.soft(r.code, argv.join(" ")).toBe(0);
      expect.soft(r.stdout, argv.join(" ")).toMatch(new RegExp(`^Usage: vmcp-gen ${command} `));
      expect.soft(r.stdout, argv.join(" ")).toMatch(/\nExamples:\n {2}\$ /);
    }
  };
  // Known gap, reported to the CLI's owner: `argocd` and `argocd generate` print their settings
  // but no Examples section. `it.fails` turns red once they do: then drop them from this list.
  const MISSING_EXAMPLES = new Set<string>([]);
  const commandNames = COMMANDS.map((c) => c.join(" "));
  it.for(commandNames.filter((c) => !MISSING_EXAMPLES.has(c)))(
    "%s --help shows examples and exits 0",
    helpShowsExamples,
  );
  it.fails.for(commandNames.filter((c) => MISSING_EXAMPLES.has(c)))(
    "%s --help shows examples and exits 0 (known gap)",
    helpShowsExamples,
  );

  const BAD = { "bad.yaml": `${VMCP}  replica: 2\n` };
  const ESC = "\u001b[";

  it("prints no colour when stderr is not a terminal", async ({ expect }) => {
    const r = await validateTree(BAD);
    expect(r.rawStderr).not.toContain(ESC);
    expect(r.code).toBe(1);
  });

  it("prints colour with FORCE_COLOR, and none with FORCE_COLOR=0", async ({ expect }) => {
    const forced = await validateTree(BAD, ["."], { FORCE_COLOR: "1" });
    expect(forced.rawStderr).toContain(`${ESC}31merror`);
    // Stripped of colour, it is the same text.
    const plain = await validateTree(BAD);
    expect(forced.stderr).toBe(plain.stderr);
    const zero = await validateTree(BAD, ["."], { FORCE_COLOR: "0" });
    expect(zero.rawStderr).not.toContain(ESC);
  });

  it("NO_COLOR wins over FORCE_COLOR", async ({ expect }) => {
    const r = await validateTree(BAD, ["."], { FORCE_COLOR: "1", NO_COLOR: "1" });
    expect(r.rawStderr).not.toContain(ESC);
  });

  it("never colours json or github output", async ({ expect }) => {
    for (const format of ["json", "github"]) {
      const r = await validateTree(BAD, [".", "--diagnostics", format], { FORCE_COLOR: "1" });
      expect(r.rawStderr).not.toContain(ESC);
    }
  });
});
