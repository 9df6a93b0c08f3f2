import { existsSync, readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";
import { createTempDir } from "../helpers/temp-dir.js";
import { validInputs } from "../integration/helpers/inputs.js";

describe("unsafe targets and values are usage errors (exit 2) in every command", () => {
  const run = async (argv: string[], cwd: string) => {
    const r = await runInProcess(argv, { cwd });
    return { ...r, firstLine: r.stderr.split("\n")[0] };
  };

  it("an empty or invalid --namespace", async () => {
    const t = createTempDir({ "in.yaml": validInputs({ namespace: null }) });
    for (const command of [["synth"], ["validate"], ["inspect"], ["diff", "--against", "in.yaml"]]) {
      for (const ns of ["", " ", "Team_A", "a\nb"]) {
        const r = await run([...command, "in.yaml", "-n", ns], t.dir);
        expect(r.code, `${command[0]} -n ${JSON.stringify(ns)}`).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.firstLine).toBe(
          `vmcp-gen: error: --namespace: ${JSON.stringify(ns)} is not a namespace name (at most 63 lower-case letters, digits and '-')`,
        );
      }
    }
  });

  it("an --image that is empty, has spaces or line breaks", async () => {
    const t = createTempDir({ "in.yaml": validInputs() });
    for (const command of [["synth"], ["diff", "--against", "in.yaml"]]) {
      for (const image of ["", "a b", "ghcr.io/x:1\nevil: true", "ghcr.io/x:1\r"]) {
        const r = await run([...command, "in.yaml", "--image", image], t.dir);
        expect(r.code, `${command[0]} --image ${JSON.stringify(image)}`).toBe(2);
        expect(r.stderr).toContain(`--image: ${JSON.stringify(image)} is not a container image reference`);
        // One line: the value's own line breaks are escaped.
        expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
      }
    }
  });

  it("an --output-dir that is, or contains, the current folder or an input folder: nothing rendered, nothing moved", async () => {
    const t = createTempDir({ repo: { manifests: { "in.yaml": validInputs() }, "README.md": "x\n" } });
    const cwd = t.path("repo");
    const cases: [string[], string][] = [
      [["manifests", "--output-dir", "."], "--output-dir . is the current folder or contains it"],
      [["manifests", "--output-dir", ".."], "--output-dir .. is the current folder or contains it"],
      [
        ["manifests", "--output-dir", "manifests"],
        "--output-dir manifests is the input folder manifests or contains it",
      ],
      [["manifests/", "--output-dir", "./manifests/../manifests"], "is the input folder manifests/ or contains it"],
      [["manifests", "--output-dir", ""], "--output-dir must not be empty"],
    ];
    for (const [args, message] of cases) {
      const r = await run(["synth", ...args], cwd);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
    const inside = await run(
      ["synth", t.path("repo", "manifests"), "--output-dir", t.dir],
      t.path("repo", "manifests"),
    );
    expect(inside.code).toBe(2);
    expect(readdirSync(t.dir)).toEqual(["repo"]);
    expect(readdirSync(cwd).sort()).toEqual(["README.md", "manifests"]);
    // A folder beside the inputs, or inside them, is fine.
    expect((await run(["synth", "manifests", "--output-dir", "rendered"], cwd)).code).toBe(0);
    expect((await run(["synth", "manifests", "--output-dir", "manifests/rendered"], cwd)).code).toBe(0);
    expect(existsSync(t.path("repo", "manifests", "rendered", "kustomization.yaml"))).toBe(true);
  });
});
