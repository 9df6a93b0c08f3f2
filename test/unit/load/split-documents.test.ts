import { describe, expect, it } from "vitest";
import { splitDocuments } from "../../../src/load/split-documents.js";

describe("splitDocuments", () => {
  it("splits at --- lines and keeps each chunk's first line", () => {
    const chunks = splitDocuments("a: 1\n---\nb: 2\n---\n# only a comment\n---\nc: 3\n");
    expect(chunks.map((c) => c.startLine)).toEqual([0, 1, 3]);
    expect(chunks[1]?.text).toBe("---\nb: 2");
  });

  it("keeps directives and a leading marker with the document that follows", () => {
    const chunks = splitDocuments("%YAML 1.2\n---\na: 1\n");
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.startLine).toBe(0);
  });

  it("treats content on the marker line as part of the document", () => {
    const chunks = splitDocuments("--- {a: 1}\n--- {b: 2}\n");
    expect(chunks.map((c) => c.text)).toEqual(["--- {a: 1}", "--- {b: 2}\n"]);
  });

  it("does not split on --- inside an indented block scalar", () => {
    const chunks = splitDocuments("a: |\n  ---\n  x\nb: 2\n");
    expect(chunks).toHaveLength(1);
  });

  it("returns nothing for an empty or comment-only file", () => {
    expect(splitDocuments("")).toEqual([]);
    expect(splitDocuments("# nothing\n\n---\n")).toEqual([]);
  });
});
