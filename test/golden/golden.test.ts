import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "../helpers/run-in-process.js";

/**
 * Golden cases: `fixtures/golden/<case>/input/` is rendered with the command in `<case>/command`
 * (default `synth input`), and stdout, stderr and the exit code are compared with `expected/`.
 * Adding a case is adding a folder. Expected files are only written by `npm run golden:update`.
 */
const ROOT = path.resolve(import.meta.dirname, "../../fixtures/golden");
const UPDATE = process.env.UPDATE_GOLDENS === "1";

const cases = existsSync(ROOT)
  ? readdirSync(ROOT, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort()
  : [];

function compare(file: string, actual: string): void {
  if (UPDATE) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(
      `missing golden ${path.relative(ROOT, file)}; create it with \`npm run golden:update\` and review it`,
    );
  expect(
    actual,
    `${path.relative(ROOT, file)} differs; if the change is intended, run \`npm run golden:update\` and review the diff`,
  ).toBe(readFileSync(file, "utf8"));
}

describe("golden fixtures", () => {
  it("has cases", () => expect(cases.length).toBeGreaterThan(0));
  for (const name of cases) {
    it(name, async () => {
      const dir = path.join(ROOT, name);
      const commandFile = path.join(dir, "command");
      const argv = existsSync(commandFile) ? readFileSync(commandFile, "utf8").trim().split(/\s+/) : ["synth", "input"];
      const result = await runInProcess(argv, { cwd: dir });
      compare(path.join(dir, "expected", "stdout"), result.stdout);
      compare(path.join(dir, "expected", "stderr"), result.stderr);
      compare(path.join(dir, "expected", "exit-code"), `${result.code}\n`);
    });
  }
});
