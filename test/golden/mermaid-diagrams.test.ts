import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { goldenCases } from "../helpers/golden-cases.js";
import { runInProcess } from "../helpers/run-in-process.js";

/**
 * Every diagram `inspect --format mermaid` prints must be one Mermaid's own parser accepts (the
 * parser GitHub's renderer runs): the mermaid goldens' expected output, and the diagram of every
 * golden case's inputs. Mermaid needs a DOM to load (DOMPurify): jsdom supplies `window` and
 * `document` only (vitest's jsdom environment would also replace `URL`, which Node's own
 * `createRequire` in the CLI rejects).
 */
type Mermaid = (typeof import("mermaid"))["default"];
let mermaid: Mermaid;

beforeAll(async () => {
  const { JSDOM } = await import("jsdom");
  const dom = new JSDOM("<!doctype html><html><body></body></html>");
  Object.assign(globalThis, { window: dom.window, document: dom.window.document });
  mermaid = (await import("mermaid")).default;
  mermaid.initialize({ startOnLoad: false });
});

const isMermaidCase = (argv: readonly string[]) => argv.includes("mermaid");

describe("Mermaid's parser", () => {
  it("rejects a broken diagram (so the checks below can fail)", async () => {
    await expect(mermaid.parse('flowchart LR\n  v0["unterminated] --> v1\n')).rejects.toThrow(/Parse error/);
    await expect(mermaid.parse('flowchart LR\n  v0 -->|"a"| v1["x"]\n  subgraph s["y"]\n')).rejects.toThrow();
  });

  it("accepts a diagram written like vmcp-gen's", async () => {
    await expect(
      mermaid.parse('flowchart LR\n  v0["a<br/>#35;b #34;c#34;"]:::ready -->|"t"| v1\n  classDef ready fill:#fff\n'),
    ).resolves.toMatchObject({ diagramType: "flowchart-v2" });
  });
});

describe("every mermaid golden parses", () => {
  const cases = goldenCases().filter((c) => isMermaidCase(c.argv));
  it("has mermaid goldens", () => expect(cases.length).toBeGreaterThanOrEqual(3));
  for (const c of cases) {
    it(c.name, async () => {
      const diagram = readFileSync(path.join(c.dir, "expected", "stdout"), "utf8");
      expect(diagram.startsWith("flowchart LR\n")).toBe(true);
      await expect(mermaid.parse(diagram)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
    });
  }
});

describe("the diagram of every golden case's inputs parses", () => {
  for (const c of goldenCases().filter((g) => g.argv.includes("input"))) {
    it(c.name, async () => {
      const r = await runInProcess(["inspect", "input", "--format", "mermaid", "--skip-invalid-backends"], {
        cwd: c.dir,
      });
      expect(r.code, r.stderr).toBeLessThan(2);
      await expect(mermaid.parse(r.stdout)).resolves.toMatchObject({ diagramType: "flowchart-v2" });
    });
  }
});
