import fc from "fast-check";
import { parseAllDocuments, stringify } from "yaml";
import type { FuzzSeed } from "./seeds.js";

/**
 * Mutations of valid inputs, as data (so fast-check can generate, print and shrink them): first
 * at the parsed-object level (keys dropped, renamed or added, values replaced by other types,
 * extra nesting), then at the document level (shuffled, duplicated, dropped, wrapped in a List,
 * spread over files), then at the text level (bytes spliced in, ranges deleted, lines duplicated
 * or swapped, YAML tokens inserted).
 */

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const WEIRD_STRINGS = [
  "",
  " ",
  "null",
  "~",
  "yes",
  "on",
  "NO",
  "0x1F",
  "1e3",
  "12:30",
  "-",
  "---",
  "...",
  "*alias",
  "&anchor",
  "!!str",
  "{}",
  "[]",
  "#",
  "'",
  '"',
  "\\",
  "\t",
  "\n",
  "a\nb",
  "\u0000",
  "\u202Eevil\u202C",
  "a\u200Db",
  "\u200B",
  "\uFEFF",
  "\uD800",
  "\uDFFF",
  "👩‍👩‍👧",
  "ümlaut",
  "ТЕСТ",
  "עברית",
  "${VAR}",
  "$(whoami)",
  "../../etc/passwd",
  "http://127.0.0.1/mcp",
  "https://[::1]/",
  "http://169.254.169.254/",
  "https://mcp.example.com/mcp",
  "https://mcp.example.com:99999/mcp",
  "ca.crt",
  "streamable-http",
  "sse",
  "stdio",
  "inline",
  "discovered",
  "oidc",
  "anonymous",
  "externalAuthConfigRef",
  "tokenExchange",
  "headerInjection",
  "bearerToken",
  "unauthenticated",
  "embeddedAuthServer",
  "obo",
  "ClusterIP",
  "redis",
  "30s",
  "0s",
  "-1s",
  "a".repeat(64),
  "b".repeat(254),
  "x".repeat(5000),
  "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n",
];

const WEIRD_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e308,
  -1e308,
  5e-324,
  2 ** 31,
  2 ** 31 - 1,
  -(2 ** 31),
  2 ** 53,
  2 ** 53 + 2,
  2 ** 63,
  65535,
  65536,
  99999999999,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

/** DNS-1123 names, so some mutations stay valid and reach rendering. */
const dnsName = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,20}[a-z0-9])?$/);

const keyArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "name",
    "spec",
    "metadata",
    "kind",
    "apiVersion",
    "namespace",
    "groupRef",
    "remoteUrl",
    "transport",
    "type",
    "source",
    "backends",
    "default",
    "key",
    "data",
    "items",
    "<<",
    "",
    " ",
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
    "x-unknown",
  ),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: "grapheme", maxLength: 6 }),
  dnsName,
);

const scalarArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(...WEIRD_NUMBERS),
  fc.integer(),
  fc.double(),
  fc.constantFrom(...WEIRD_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
  dnsName,
);

const { value: valueArb } = fc.letrec<{ value: Json }>((tie) => ({
  value: fc.oneof(
    { maxDepth: 3, depthIdentifier: "value" },
    scalarArb,
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(keyArb, tie("value"), { maxKeys: 3 }),
  ),
}));

export type ObjectOp =
  | { readonly op: "drop"; readonly doc: number; readonly node: number }
  | { readonly op: "rename"; readonly doc: number; readonly node: number; readonly key: string }
  | { readonly op: "replace"; readonly doc: number; readonly node: number; readonly value: Json }
  | {
      readonly op: "nest";
      readonly doc: number;
      readonly node: number;
      readonly wrap: "list" | "map";
      readonly key: string;
      readonly depth: number;
    }
  | { readonly op: "copy"; readonly doc: number; readonly node: number; readonly from: number }
  | { readonly op: "add"; readonly doc: number; readonly node: number; readonly key: string; readonly value: Json }
  /** A scalar replaced by another of the same type: the mutation most likely to stay valid and reach rendering. */
  | {
      readonly op: "tweak";
      readonly doc: number;
      readonly node: number;
      readonly text: string;
      readonly number: number;
    };

/** The list kinds kubectl reads (any object with `items`): documents are wrapped in one of these. */
const LIST_KINDS = [
  { apiVersion: "v1", kind: "List" },
  { apiVersion: "meta/v1", kind: "List" },
  { apiVersion: "v1", kind: "ConfigMapList" },
  { apiVersion: "example.com/v1", kind: "List" },
] as const;

export type DocOp =
  | { readonly op: "shuffle"; readonly keys: readonly number[] }
  | { readonly op: "duplicate"; readonly doc: number }
  | { readonly op: "drop"; readonly doc: number }
  | { readonly op: "list"; readonly from: number; readonly count: number; readonly kind: number };

/**
 * Secrets added to every case, with values no stream may ever show: a Secret alone, in a list of
 * any kind, a SecretList (items without a kind), a list in a list, embedded in another object;
 * written as block YAML, one-line JSON or flow style; optionally with a problem a diagnostic
 * reports on the value's line (in one-line layouts, the line that holds every value).
 */
export interface SecretsOp {
  readonly form: "secret" | "list" | "secretList" | "nested" | "embedded";
  readonly listKind: number;
  readonly layout: "block" | "json" | "flow";
  readonly problem: boolean;
  readonly file: number;
}

export const SECRET_SENTINEL = "fuzz-s3cr3t-SENTINEL-value";
export const SECRET_SENTINEL_BASE64 = Buffer.from(SECRET_SENTINEL).toString("base64");

export type TextOp =
  | { readonly op: "splice"; readonly file: number; readonly at: number; readonly bytes: readonly number[] }
  | { readonly op: "delete"; readonly file: number; readonly at: number; readonly length: number }
  | { readonly op: "duplicateLine"; readonly file: number; readonly line: number }
  | { readonly op: "swapLines"; readonly file: number; readonly a: number; readonly b: number }
  | { readonly op: "insert"; readonly file: number; readonly at: number; readonly text: string }
  | { readonly op: "truncate"; readonly file: number; readonly at: number };

export interface Mutation {
  readonly seed: number;
  readonly objectOps: readonly ObjectOp[];
  readonly docOps: readonly DocOp[];
  /** File index of each document (cycled); 1–4 files. */
  readonly layout: readonly number[];
  readonly textOps: readonly TextOp[];
  readonly secrets: SecretsOp;
}

const idx = fc.nat({ max: 1000 });

const objectOpArb: fc.Arbitrary<ObjectOp> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), doc: idx, node: idx }),
  fc.record({ op: fc.constant("rename" as const), doc: idx, node: idx, key: keyArb }),
  { weight: 3, arbitrary: fc.record({ op: fc.constant("replace" as const), doc: idx, node: idx, value: valueArb }) },
  fc.record({
    op: fc.constant("nest" as const),
    doc: idx,
    node: idx,
    wrap: fc.constantFrom("list" as const, "map" as const),
    key: keyArb,
    depth: fc.integer({ min: 1, max: 120 }),
  }),
  fc.record({ op: fc.constant("copy" as const), doc: idx, node: idx, from: idx }),
  fc.record({ op: fc.constant("add" as const), doc: idx, node: idx, key: keyArb, value: valueArb }),
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("tweak" as const),
      doc: idx,
      node: idx,
      text: fc.oneof(dnsName, fc.constantFrom(...WEIRD_STRINGS)),
      number: fc.oneof(fc.integer({ min: -2, max: 70000 }), fc.constantFrom(...WEIRD_NUMBERS)),
    }),
  },
);

const docOpArb: fc.Arbitrary<DocOp> = fc.oneof(
  fc.record({ op: fc.constant("shuffle" as const), keys: fc.array(fc.nat(), { minLength: 1, maxLength: 20 }) }),
  fc.record({ op: fc.constant("duplicate" as const), doc: idx }),
  fc.record({ op: fc.constant("drop" as const), doc: idx }),
  fc.record({
    op: fc.constant("list" as const),
    from: idx,
    count: fc.integer({ min: 1, max: 4 }),
    kind: fc.nat({ max: LIST_KINDS.length - 1 }),
  }),
);

const secretsOpArb: fc.Arbitrary<SecretsOp> = fc.record({
  form: fc.constantFrom(
    "secret" as const,
    "list" as const,
    "secretList" as const,
    "nested" as const,
    "embedded" as const,
  ),
  listKind: fc.nat({ max: LIST_KINDS.length - 1 }),
  layout: fc.constantFrom("block" as const, "json" as const, "flow" as const),
  problem: fc.oneof({ weight: 7, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  file: fc.nat({ max: 3 }),
});

const YAML_TOKENS = [
  "---\n",
  "...\n",
  "&a ",
  "*a",
  "<<: *a\n",
  "{",
  "}",
  "[",
  "]",
  '"',
  "'",
  "\t",
  "#",
  ": ",
  "- ",
  "? ",
  "!!binary ",
  "!custom ",
  "%YAML 1.1\n",
  "\uFEFF",
  "\r\n",
  "\r",
  "\u0085",
  "\u2028",
  "|\n",
  ">-\n",
  "\\",
  "\u0000",
  "~",
  "null",
  ".inf",
  ".nan",
  "0o17",
  "  ",
  "\n\n",
];

const textOpArb: fc.Arbitrary<TextOp> = fc.oneof(
  fc.record({
    op: fc.constant("splice" as const),
    file: idx,
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({ op: fc.constant("delete" as const), file: idx, at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ op: fc.constant("duplicateLine" as const), file: idx, line: fc.nat() }),
  fc.record({ op: fc.constant("swapLines" as const), file: idx, a: fc.nat(), b: fc.nat() }),
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("insert" as const),
      file: idx,
      at: fc.nat(),
      text: fc.oneof(fc.constantFrom(...YAML_TOKENS), fc.string({ unit: "grapheme", maxLength: 6 })),
    }),
  },
  fc.record({ op: fc.constant("truncate" as const), file: idx, at: fc.nat() }),
);

/** Most cases mutate objects only, so that many of them still parse and reach the later stages. */
export function mutationArb(seedCount: number): fc.Arbitrary<Mutation> {
  return fc.record({
    seed: fc.nat({ max: seedCount - 1 }),
    objectOps: fc.oneof(
      { weight: 1, arbitrary: fc.constant([]) },
      { weight: 4, arbitrary: fc.array(objectOpArb, { minLength: 1, maxLength: 3 }) },
    ),
    docOps: fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, fc.array(docOpArb, { minLength: 1, maxLength: 3 })),
    layout: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 6 }),
    textOps: fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, fc.array(textOpArb, { minLength: 1, maxLength: 3 })),
    secrets: secretsOpArb,
  });
}

// ---- applying a mutation ----

type Path = (string | number)[];

/** Every path in a document (not the root), in a stable depth-first order. */
function allPaths(root: Json): Path[] {
  const out: Path[] = [];
  const walk = (v: Json, path: Path, depth: number) => {
    if (depth > 40 || v === null || typeof v !== "object") return;
    const entries: [string | number, Json][] = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v);
    for (const [k, child] of entries) {
      out.push([...path, k]);
      walk(child, [...path, k], depth + 1);
    }
  };
  walk(root, [], 0);
  return out;
}

function getAt(root: Json, path: Path): Json {
  let v: Json = root;
  for (const seg of path) v = (v as Record<string | number, Json>)[seg] as Json;
  return v;
}

function parentOf(root: Json, path: Path): { parent: Json[] | { [k: string]: Json }; key: string | number } {
  return { parent: getAt(root, path.slice(0, -1)) as Json[] | { [k: string]: Json }, key: path[path.length - 1]! };
}

/** Sets an own property, even `__proto__`, the way a YAML parser creates keys. */
function defineKey(o: { [k: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(o, key, { value, enumerable: true, configurable: true, writable: true });
}

/** A copy of an object with one key renamed, keeping the key order. */
function renamed(o: { [k: string]: Json }, from: string, to: string, value: Json): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(o)) defineKey(out, k === from ? to : k, k === from ? value : v);
  return out;
}

function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const { parent, key } = parentOf(root, path);
  if (Array.isArray(parent)) parent[key as number] = value;
  else defineKey(parent, String(key), value);
  return root;
}

function wrap(value: Json, how: "list" | "map", key: string, depth: number): Json {
  let out = value;
  for (let i = 0; i < depth; i++) {
    if (how === "list") out = [out];
    else {
      const o: { [k: string]: Json } = {};
      defineKey(o, key, out);
      out = o;
    }
  }
  return out;
}

function applyObjectOp(docs: Json[], op: ObjectOp): void {
  if (docs.length === 0) return;
  const d = op.doc % docs.length;
  let root: Json = docs[d]!;
  const paths = allPaths(root);
  if (op.op === "add") {
    const containers = [[], ...paths].filter((p) => {
      const v = getAt(root, p);
      return v !== null && typeof v === "object" && !Array.isArray(v);
    });
    if (containers.length === 0) return;
    const target = getAt(root, containers[op.node % containers.length]!) as { [k: string]: Json };
    defineKey(target, op.key, op.value);
    return;
  }
  if (op.op === "replace" && paths.length === 0) {
    docs[d] = op.value;
    return;
  }
  if (paths.length === 0) return;
  const path = paths[op.node % paths.length]!;
  const current = getAt(root, path);
  switch (op.op) {
    case "drop": {
      const { parent, key } = parentOf(root, path);
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key as string];
      break;
    }
    case "rename": {
      const { key } = parentOf(root, path);
      if (typeof key === "number") break;
      const parentPath = path.slice(0, -1);
      const parent = getAt(root, parentPath) as { [k: string]: Json };
      root = setAt(root, parentPath, renamed(parent, key, op.key, current));
      break;
    }
    case "replace":
      root = setAt(root, path, op.value);
      break;
    case "nest":
      root = setAt(root, path, wrap(current, op.wrap, op.key, op.depth));
      break;
    case "copy":
      root = setAt(root, path, structuredClone(getAt(root, paths[op.from % paths.length]!)));
      break;
    case "tweak":
      if (typeof current === "string") root = setAt(root, path, op.text);
      else if (typeof current === "number") root = setAt(root, path, op.number);
      else if (typeof current === "boolean") root = setAt(root, path, !current);
      break;
  }
  docs[d] = root;
}

function applyDocOp(docs: Json[], op: DocOp): Json[] {
  if (docs.length === 0) return docs;
  switch (op.op) {
    case "shuffle":
      return docs
        .map((doc, i) => ({ doc, k: op.keys[i % op.keys.length]! * 31 + i }))
        .sort((a, b) => a.k - b.k)
        .map((e) => e.doc);
    case "duplicate": {
      const i = op.doc % docs.length;
      return [...docs.slice(0, i + 1), structuredClone(docs[i]!), ...docs.slice(i + 1)];
    }
    case "drop":
      return docs.filter((_, i) => i !== op.doc % docs.length);
    case "list": {
      const from = op.from % docs.length;
      const items = docs.slice(from, from + op.count);
      return [
        ...docs.slice(0, from),
        { ...LIST_KINDS[op.kind % LIST_KINDS.length]!, items },
        ...docs.slice(from + op.count),
      ];
    }
  }
}

function applyTextOp(files: Buffer[], op: TextOp): void {
  if (files.length === 0) return;
  const f = op.file % files.length;
  const buf = files[f]!;
  const at = "at" in op ? op.at % (buf.length + 1) : 0;
  switch (op.op) {
    case "splice":
      files[f] = Buffer.concat([buf.subarray(0, at), Buffer.from(op.bytes), buf.subarray(at)]);
      break;
    case "delete":
      files[f] = Buffer.concat([buf.subarray(0, at), buf.subarray(Math.min(buf.length, at + op.length))]);
      break;
    case "insert":
      files[f] = Buffer.concat([buf.subarray(0, at), Buffer.from(op.text, "utf8"), buf.subarray(at)]);
      break;
    case "truncate":
      files[f] = buf.subarray(0, at);
      break;
    case "duplicateLine":
    case "swapLines": {
      const lines = buf.toString("latin1").split("\n");
      if (op.op === "duplicateLine") {
        const i = op.line % lines.length;
        lines.splice(i, 0, lines[i]!);
      } else {
        const a = op.a % lines.length;
        const b = op.b % lines.length;
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      }
      files[f] = Buffer.from(lines.join("\n"), "latin1");
      break;
    }
  }
}

/** The documents of a seed, as plain data. */
export function seedDocuments(seed: FuzzSeed): Json[] {
  return seed.files.flatMap((f) =>
    parseAllDocuments(f.text)
      .map((d) => d.toJS() as Json)
      .filter((v) => v !== null && v !== undefined),
  );
}

/** The Secret-holding document of a {@link SecretsOp}. */
export function secretDocument(op: SecretsOp): Json {
  const secret = (name: string): { [k: string]: Json } => ({
    apiVersion: "v1",
    kind: "Secret",
    metadata: {
      name,
      annotations: {
        "kubectl.kubernetes.io/last-applied-configuration": JSON.stringify({
          stringData: { password: SECRET_SENTINEL },
        }),
      },
      ...(op.problem ? { labels: { broken: 1 } } : {}),
    },
    type: "Opaque",
    data: { token: SECRET_SENTINEL_BASE64 },
    stringData: { password: SECRET_SENTINEL },
  });
  const list = LIST_KINDS[op.listKind % LIST_KINDS.length]!;
  switch (op.form) {
    case "secret":
      return secret("fuzz-secret");
    case "list":
      return { ...list, items: [secret("fuzz-secret")] };
    case "secretList": {
      const { apiVersion: _a, kind: _k, ...item } = secret("fuzz-secret");
      return { apiVersion: "v1", kind: "SecretList", items: [item] };
    }
    case "nested":
      return {
        ...list,
        items: [
          { apiVersion: "v1", kind: "List", items: [secret("fuzz-secret")] },
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "fuzz-plain" }, data: { k: "v" } },
        ],
      };
    case "embedded":
      return {
        apiVersion: "templates.example.com/v1",
        kind: "Bundle",
        metadata: { name: "fuzz-bundle" },
        spec: { objects: [secret("fuzz-secret")] },
      };
  }
}

function writeDocument(doc: Json, layout: SecretsOp["layout"]): string {
  if (layout === "json") return `${JSON.stringify(doc)}\n`;
  if (layout === "flow") return stringify(doc, { lineWidth: 0, collectionStyle: "flow" });
  return stringify(doc, { lineWidth: 0 });
}

/** A mutated input: files (name → bytes) to put under `input/`. */
export function applyMutation(seed: FuzzSeed, m: Mutation): { path: string; bytes: Buffer }[] {
  let docs = seedDocuments(seed);
  for (const op of m.objectOps) applyObjectOp(docs, op);
  for (const op of m.docOps) docs = applyDocOp(docs, op);
  const fileCount = Math.max(...m.layout, m.secrets.file) + 1;
  const texts: string[][] = Array.from({ length: fileCount }, () => []);
  docs.forEach((doc, i) => texts[m.layout[i % m.layout.length]!]!.push(stringify(doc, { lineWidth: 0 })));
  texts[m.secrets.file]!.push(writeDocument(secretDocument(m.secrets), m.secrets.layout));
  const files = texts.map((t) => Buffer.from(t.join("---\n"), "utf8"));
  for (const op of m.textOps) applyTextOp(files, op);
  return files.map((bytes, i) => ({ path: `part-${i}.yaml`, bytes }));
}
