import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { documentationFiles, readRepoFile, REPO_ROOT } from "./markdown.js";

/**
 * What the documentation points at must exist: relative links, the tests named as guards
 * (`file` › "name" › "name"), and the golden cases named as guards.
 */

const files = documentationFiles();

/** Markdown with code blocks removed: links and references inside examples are not claims. */
function prose(text: string): string {
  return text.replace(/^(\s*)(`{3,}|~{3,})[\s\S]*?^\1\2\s*$/gm, "");
}

describe("documentation references", () => {
  for (const file of files) {
    const text = prose(readRepoFile(file));

    it(`${file}: relative links resolve`, () => {
      const broken: string[] = [];
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1]!;
        if (/^[a-z]+:/.test(target) || target.startsWith("#")) continue;
        const rel = target.split("#")[0]!;
        if (!existsSync(path.resolve(REPO_ROOT, path.dirname(file), rel))) broken.push(target);
      }
      expect(broken).toEqual([]);
    });

    it(`${file}: named tests exist`, () => {
      const missing: string[] = [];
      const flat = text.replace(/\s*\n\s*/g, " ");
      for (const m of flat.matchAll(/`(test\/[\w./-]+\.test\.ts)`((?:\s*›\s*"[^"]+")+)/g)) {
        const testFile = m[1]!;
        if (!existsSync(path.join(REPO_ROOT, testFile))) {
          missing.push(testFile);
          continue;
        }
        const source = readRepoFile(testFile).replace(/\s*\n\s*/g, " ");
        for (const name of [...m[2]!.matchAll(/"([^"]+)"/g)].map((n) => n[1]!)) {
          if (testFile === "test/golden/golden.test.ts" && name !== "golden fixtures") continue;
          if (!source.includes(name)) missing.push(`${testFile} › "${name}"`);
        }
      }
      expect(missing).toEqual([]);
    });

    it(`${file}: named golden cases exist`, () => {
      const flat = text.replace(/\s*\n\s*/g, " ");
      const missing: string[] = [];
      for (const m of flat.matchAll(/goldens? ((?:`[\w-]+`(?:,| and| or)?\s*)+)/g)) {
        for (const name of [...m[1]!.matchAll(/`([\w-]+)`/g)].map((n) => n[1]!)) {
          if (!existsSync(path.join(REPO_ROOT, "fixtures", "golden", name, "input"))) missing.push(name);
        }
      }
      expect(missing).toEqual([]);
    });
  }
});
