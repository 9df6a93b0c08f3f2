import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  holdsSecret,
  isCredentialKey,
  isCredentialPath,
  isCredentialText,
  mentionsSecretKind,
} from "../../../src/kube/sensitive-values.js";

const SCHEMAS = path.resolve(import.meta.dirname, "../../../schemas/toolhive.stacklok.dev");

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  additionalProperties?: Schema | boolean;
  anyOf?: Schema[];
  allOf?: Schema[];
  oneOf?: Schema[];
}

/** Every field of every ToolHive schema: its path (`*` for a map value, `0` for a list item) and schema. */
function fields(): { file: string; path: (string | number)[]; schema: Schema }[] {
  const out: { file: string; path: (string | number)[]; schema: Schema }[] = [];
  const walk = (file: string, s: Schema, p: (string | number)[]) => {
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      out.push({ file, path: [...p, k], schema: v });
      walk(file, v, [...p, k]);
    }
    if (s.items) walk(file, s.items, [...p, 0]);
    if (typeof s.additionalProperties === "object") {
      out.push({ file, path: [...p, "X-Any-Header"], schema: s.additionalProperties });
      walk(file, s.additionalProperties, [...p, "X-Any-Header"]);
    }
    for (const sub of [...(s.anyOf ?? []), ...(s.allOf ?? []), ...(s.oneOf ?? [])]) walk(file, sub, p);
  };
  for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith("_v1beta1.json")))
    walk(file, JSON.parse(readFileSync(path.join(SCHEMAS, file), "utf8")) as Schema, []);
  return out;
}

describe("credential-like values, decided from the CRD schemas", () => {
  const all = fields();
  const isString = (s: Schema) => s.type === "string" || (Array.isArray(s.type) && s.type.includes("string"));

  it("covers every literal credential field the schemas define (secret, password, header value)", () => {
    const literal = all.filter(
      (f) =>
        isString(f.schema) &&
        typeof f.path.at(-1) === "string" &&
        /secret|password|headervalue/i.test(String(f.path.at(-1))) &&
        !/(Env|Ref|Name)$/.test(String(f.path.at(-1))),
    );
    expect(literal.map((f) => f.path.at(-1))).toEqual(
      expect.arrayContaining(["headerValue", "clientSecret", "idpClientSecret", "targetClientSecret"]),
    );
    for (const f of literal) expect(isCredentialPath(f.path), `${f.file} ${f.path.join(".")}`).toBe(true);
  });

  it("covers the values of every header map", () => {
    const headerMaps = all.filter((f) => f.path.at(-1) === "X-Any-Header" && /headers$/i.test(String(f.path.at(-2))));
    expect(headerMaps.map((f) => f.path.at(-2))).toEqual(
      expect.arrayContaining(["headers", "embeddingHeaders", "additionalHeaders", "addPlaintextHeaders"]),
    );
    for (const f of headerMaps) expect(isCredentialPath(f.path), `${f.file} ${f.path.join(".")}`).toBe(true);
  });

  it("shows the fields that name or locate a credential without holding one", () => {
    const about = all.filter(
      (f) => isString(f.schema) && /(Env|Url|Endpoint|Path|Type|Lifespan|Name)$/.test(String(f.path.at(-1))),
    );
    expect(about.length).toBeGreaterThan(20);
    for (const f of about) expect(isCredentialPath(f.path), `${f.file} ${f.path.join(".")}`).toBe(false);
    for (const key of [
      "clientSecretEnv",
      "tokenUrl",
      "subjectTokenType",
      "accessTokenLifespan",
      "headerName",
      "secretKeyRef",
      "key",
      "name",
    ])
      expect(isCredentialKey(key), key).toBe(false);
    for (const key of [
      "token",
      "password",
      "apiKey",
      "api_key",
      "privateKey",
      "clientSecret",
      "headerValue",
      "Authorization",
      "bearerToken",
      "cookie",
    ])
      expect(isCredentialKey(key), key).toBe(true);
  });

  it("recognises HTTP credentials by their text, and Secrets by kind wherever nested", () => {
    expect(isCredentialText("Bearer abc")).toBe(true);
    expect(isCredentialText("basic dXNlcjpwdw==")).toBe(true);
    expect(isCredentialText("Bearer")).toBe(false);
    expect(holdsSecret({ kind: "List", items: [{ kind: "List", items: [{ kind: "secret", data: {} }] }] })).toBe(true);
    expect(holdsSecret({ kind: "ConfigMap", data: { kind: "Secret" } })).toBe(false);
    expect(holdsSecret({ kind: "SecretList", items: [{ metadata: {} }] })).toBe(true);
    expect(holdsSecret({ kind: "ConfigMap", data: { kind: "Secret value in a string" } })).toBe(false);
    expect(mentionsSecretKind('{"kind" : "Secret"')).toBe(true);
    expect(mentionsSecretKind("kind: 'SecretList'")).toBe(true);
    expect(mentionsSecretKind("kind: SealedSecret")).toBe(false);
  });
});
