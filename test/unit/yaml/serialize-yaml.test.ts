import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseAllDocuments, parseDocument } from "yaml";
import { serializeYaml, serializeYamlDocuments, type JsonValue } from "../../../src/yaml/serialize-yaml.js";

type Version = "1.1" | "1.2";
const VERSIONS: readonly Version[] = ["1.1", "1.2"];

/**
 * A copy of parsed or input data in plain JSON form: -0 becomes 0 (YAML has no negative zero), anything that is not
 * JSON data (a Date from a YAML 1.1 timestamp, a Set, …) becomes a marker that can never equal an input value,
 * and `__proto__` stays an own key.
 */
function normalize(v: unknown): unknown {
  if (v === null || typeof v === "string" || typeof v === "boolean") return v;
  if (typeof v === "number") return Object.is(v, -0) ? 0 : v;
  if (Array.isArray(v)) return v.map(normalize);
  if (typeof v === "object") {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto !== Object.prototype && proto !== null) return { "not JSON": Object.prototype.toString.call(v) };
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      Object.defineProperty(copy, k, {
        value: normalize((v as Record<string, unknown>)[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  }
  return { "not JSON": typeof v };
}

/** Parses every document with the `yaml` package; any error or warning fails the test. */
function parseStream(text: string, version: Version): unknown[] {
  const docs = parseAllDocuments(text, { version });
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    expect(doc.errors, `YAML ${version} errors for:\n${text}`).toEqual([]);
    expect(doc.warnings, `YAML ${version} warnings for:\n${text}`).toEqual([]);
    return doc.toJS();
  });
}

function parseOne(text: string, version: Version): unknown {
  const doc = parseDocument(text, { version });
  expect(doc.errors, `YAML ${version} errors for:\n${text}`).toEqual([]);
  expect(doc.warnings, `YAML ${version} warnings for:\n${text}`).toEqual([]);
  return doc.toJS();
}

function expectRoundTrip(value: JsonValue): string {
  const text = serializeYaml(value);
  for (const version of VERSIONS)
    expect(normalize(parseOne(text, version)), `YAML ${version}:\n${text}`).toEqual(normalize(value));
  return text;
}

/** Lines that a YAML reader would take for a document marker. */
function markerLines(text: string): string[] {
  return text.split("\n").filter((line) => line.startsWith("---") || line.startsWith("..."));
}

describe("serializeYaml: string scalars", () => {
  // [input, how it must appear after `v: `]
  const cases: readonly (readonly [string, string])[] = [
    // empty
    ["", "''"],
    // YAML 1.1 and 1.2 booleans and nulls, any case
    ["y", "'y'"],
    ["Y", "'Y'"],
    ["n", "'n'"],
    ["N", "'N'"],
    ["yes", "'yes'"],
    ["Yes", "'Yes'"],
    ["YES", "'YES'"],
    ["no", "'no'"],
    ["NO", "'NO'"],
    ["on", "'on'"],
    ["On", "'On'"],
    ["OFF", "'OFF'"],
    ["true", "'true'"],
    ["True", "'True'"],
    ["FALSE", "'FALSE'"],
    ["null", "'null'"],
    ["Null", "'Null'"],
    ["NULL", "'NULL'"],
    ["~", "'~'"],
    // numbers in either version
    ["0", "'0'"],
    ["42", "'42'"],
    ["-1", "'-1'"],
    ["+1", "'+1'"],
    ["017", "'017'"],
    ["0o17", "'0o17'"],
    ["0x1F", "'0x1F'"],
    ["0b101", "'0b101'"],
    ["1_000", "'1_000'"],
    ["1.5", "'1.5'"],
    [".5", "'.5'"],
    ["-.5", "'-.5'"],
    ["1e3", "'1e3'"],
    ["1E-3", "'1E-3'"],
    ["6.02e+23", "'6.02e+23'"],
    [".", "'.'"],
    [".inf", "'.inf'"],
    ["-.Inf", "'-.Inf'"],
    ["+.INF", "'+.INF'"],
    [".nan", "'.nan'"],
    [".NaN", "'.NaN'"],
    ["1.2.3", "'1.2.3'"],
    ["e0", "'e0'"],
    [".E5", "'.E5'"],
    // sexagesimal
    ["12:30", "'12:30'"],
    ["1:20:30", "'1:20:30'"],
    ["-12:30", "'-12:30'"],
    ["190:20:30.15", "'190:20:30.15'"],
    // timestamps
    ["2024-01-01", "'2024-01-01'"],
    ["2024-1-1", "'2024-1-1'"],
    ["2024-01-01T00:00:00Z", "'2024-01-01T00:00:00Z'"],
    ["2001-12-14 21:59:43.10 -5", "'2001-12-14 21:59:43.10 -5'"],
    // leading or trailing whitespace, tabs
    [" a", "' a'"],
    ["a ", "'a '"],
    [" ", "' '"],
    ["\ta", "'\ta'"],
    ["a\tb", "'a\tb'"],
    ["a\u00a0", "'a\u00a0'"],
    // leading indicators
    ["-", "'-'"],
    ["- a", "'- a'"],
    ["---", "'---'"],
    ["--- a", "'--- a'"],
    ["...", "'...'"],
    ["...a", "'...a'"],
    ["?", "'?'"],
    ["?a", "'?a'"],
    [":a", "':a'"],
    ["::1", "'::1'"],
    [",a", "',a'"],
    ["[a]", "'[a]'"],
    ["]", "']'"],
    ["{a}", "'{a}'"],
    ["}", "'}'"],
    ["#a", "'#a'"],
    ["&a", "'&a'"],
    ["*a", "'*a'"],
    ["!a", "'!a'"],
    ["|a", "'|a'"],
    [">a", "'>a'"],
    ["'a", "'''a'"],
    ['"a', "'\"a'"],
    ["%a", "'%a'"],
    ["@a", "'@a'"],
    ["`a", "'`a'"],
    // indicators inside
    ["a: b", "'a: b'"],
    ["a:", "'a:'"],
    ["a #b", "'a #b'"],
    ["it's: fine", "'it''s: fine'"],
    ["'", "''''"],
    // merge key and YAML 1.1 value key
    ["<<", "'<<'"],
    ["=", "'='"],
    // control characters and line separators need double quotes
    ["a\rb", '"a\\rb"'],
    ["\u0000", '"\\u0000"'],
    ["a\u001bb", '"a\\u001bb"'],
    ["\u007f", '"\\u007F"'],
    ["\u0085", '"\\u0085"'],
    ["a\u2028b", '"a\\u2028b"'],
    ["\ufeffa", '"\\uFEFFa"'],
    ["\ud800", '"\\ud800"'],
    ["\b\f", '"\\b\\f"'],
    // plain
    ["a", "a"],
    ["hello world", "hello world"],
    ["--port=8080", "--port=8080"],
    ["-a", "-a"],
    ["a:b", "a:b"],
    ["a#b", "a#b"],
    ["it's", "it's"],
    ['say "hi"', 'say "hi"'],
    ["500m", "500m"],
    ["1Gi", "1Gi"],
    ["v1.2.3", "v1.2.3"],
    ["1.0.0-rc1", "1.0.0-rc1"],
    ["ghcr.io/stacklok/toolhive:v0.3.1", "ghcr.io/stacklok/toolhive:v0.3.1"],
    ["https://example.com/a?b=c#frag", "https://example.com/a?b=c#frag"],
    ["a,b [c] {d}", "a,b [c] {d}"],
    ["yess", "yess"],
    ["onn", "onn"],
    [".git", ".git"],
    ["e2e-tests", "e2e-tests"],
    ["+", "+"],
    ["日本語 🎉", "日本語 🎉"],
  ];

  it.each(cases)("writes %j as a value as %s", (input, expected) => {
    expect(serializeYaml({ v: input })).toBe(`v: ${expected}\n`);
    expectRoundTrip({ v: input });
  });

  it.each(cases)("writes %j as a key as %s", (input, expected) => {
    expect(serializeYaml({ [input]: 1 })).toBe(`${expected}: 1\n`);
    expectRoundTrip({ [input]: 1 });
  });

  it.each(cases)("writes %j as a sequence item and as a whole document", (input, expected) => {
    expect(serializeYaml([input])).toBe(`- ${expected}\n`);
    expect(serializeYaml(input)).toBe(`${expected}\n`);
    expectRoundTrip([input]);
    expectRoundTrip(input);
  });
});

describe("serializeYaml: multi-line strings", () => {
  const cases: readonly (readonly [string, string, string])[] = [
    ["strip chomping without a final newline", "a\nb", "v: |-\n  a\n  b\n"],
    ["clip chomping with one final newline", "a\nb\n", "v: |\n  a\n  b\n"],
    ["keep chomping with several final newlines", "a\nb\n\n", "v: |+\n  a\n  b\n\n"],
    ["keep chomping with three", "a\n\n\n", "v: |+\n  a\n\n\n"],
    ["empty lines inside, written without indentation", "a\n\nb\n", "v: |\n  a\n\n  b\n"],
    ["an indentation indicator for a leading space", " a\nb", "v: |2-\n   a\n  b\n"],
    ["an indentation indicator after leading empty lines", "\n  a\n", "v: |2\n\n    a\n"],
    ["leading empty lines", "\n\na", "v: |-\n\n\n  a\n"],
    ["tabs kept literally", "a\n\tb\n", "v: |\n  a\n  \tb\n"],
    ["document markers kept indented", "---\n...\n", "v: |\n  ---\n  ...\n"],
    ["YAML-looking content", "on: yes\n# c\n- x\n", "v: |\n  on: yes\n  # c\n  - x\n"],
    ["double quotes for trailing spaces", "a \nb", 'v: "a \\nb"\n'],
    ["double quotes for a trailing tab", "a\t\nb", 'v: "a\\t\\nb"\n'],
    ["double quotes for a whitespace-only line", "a\n  \nb", 'v: "a\\n  \\nb"\n'],
    ["double quotes for a trailing space on the last line", "a\nb ", 'v: "a\\nb "\n'],
    ["double quotes for CRLF", "a\r\nb", 'v: "a\\r\\nb"\n'],
    ["double quotes for other controls", "a\nb\u0007", 'v: "a\\nb\\u0007"\n'],
    ["double quotes for only newlines", "\n", 'v: "\\n"\n'],
    ["double quotes for only newlines (two)", "\n\n", 'v: "\\n\\n"\n'],
  ];

  it.each(cases)("%s", (_name, input, expected) => {
    expect(serializeYaml({ v: input })).toBe(expected);
    expectRoundTrip({ v: input });
  });

  it("indents block content two columns past the key or dash that owns it", () => {
    const value = { a: [{ b: "x\ny\n", c: [" p\nq"] }], d: { e: "m\nn" } };
    expect(expectRoundTrip(value)).toBe(
      "a:\n- b: |\n    x\n    y\n  c:\n  - |2-\n     p\n    q\nd:\n  e: |-\n    m\n    n\n",
    );
    expect(expectRoundTrip(["a\nb", ["c\nd\n"]])).toBe("- |-\n  a\n  b\n- - |\n    c\n    d\n");
  });

  it("writes a top-level block scalar indented by two, and double-quotes one that would need an indicator", () => {
    expect(expectRoundTrip("a\nb")).toBe("|-\n  a\n  b\n");
    expect(expectRoundTrip(" a\nb")).toBe('" a\\nb"\n');
  });

  it("never writes a multi-line key as a block scalar", () => {
    expect(expectRoundTrip({ "a\nb": 1, "c\n": "d\n" })).toBe('"a\\nb": 1\n"c\\n": |\n  d\n');
  });
});

describe("serializeYaml: collections", () => {
  it("writes empty collections in flow style", () => {
    expect(serializeYaml({})).toBe("{}\n");
    expect(serializeYaml([])).toBe("[]\n");
    expect(expectRoundTrip({ a: {}, b: [] })).toBe("a: {}\nb: []\n");
    expect(expectRoundTrip([[], {}])).toBe("- []\n- {}\n");
    expect(expectRoundTrip([{ a: [] }, { b: {} }])).toBe("- a: []\n- b: {}\n");
  });

  it("does not indent sequences under their key (kustomize style)", () => {
    expect(expectRoundTrip({ a: ["b", "c"], d: { e: [1] } })).toBe("a:\n- b\n- c\nd:\n  e:\n  - 1\n");
  });

  it("starts mappings in sequences on the dash line", () => {
    expect(expectRoundTrip([{ name: "a", value: "b" }, { name: "c" }])).toBe("- name: a\n  value: b\n- name: c\n");
  });

  it("writes nested sequences as - - a", () => {
    expect(expectRoundTrip([[1, [2, 3]], 4])).toBe("- - 1\n  - - 2\n    - 3\n- 4\n");
    expect(expectRoundTrip([[{ a: 1, b: 2 }], [[]]])).toBe("- - a: 1\n    b: 2\n- - []\n");
    expect(expectRoundTrip({ k: [[["deep"]]] })).toBe("k:\n- - - deep\n");
  });

  it("keeps insertion order of keys", () => {
    expect(serializeYaml({ b: 1, a: 2, c: 3 })).toBe("b: 1\na: 2\nc: 3\n");
  });

  it("quotes keys that would read as something else", () => {
    // JS puts integer-like keys first.
    const value = { on: 1, y: 2, "1": 3, "a: b": 4, "": 5, "-": 6, "#": 7, "<<": { x: 1 }, "1.5": 8, "~": 9 };
    expect(expectRoundTrip(value)).toBe(
      "'1': 3\n'on': 1\n'y': 2\n'a: b': 4\n'': 5\n'-': 6\n'#': 7\n'<<':\n  x: 1\n'1.5': 8\n'~': 9\n",
    );
  });

  it("writes keys longer than the implicit-key limit in explicit form", () => {
    const long = "k".repeat(1500);
    const text = expectRoundTrip({ [long]: ["a", "b"], short: { [long]: "v\nw", x: { z: 1 } } });
    expect(text).toBe(`? ${long}\n:\n  - a\n  - b\nshort:\n  ? ${long}\n  : |-\n    v\n    w\n  x:\n    z: 1\n`);
    expect(expectRoundTrip([{ [long]: { a: 1 } }])).toBe(`- ? ${long}\n  :\n    a: 1\n`);
  });

  it("writes a shared value every time it is reached, without anchors", () => {
    const shared = { a: [1] };
    const text = expectRoundTrip({ p: shared, q: shared, r: [shared, shared] });
    expect(text).toBe("p:\n  a:\n  - 1\nq:\n  a:\n  - 1\nr:\n- a:\n  - 1\n- a:\n  - 1\n");
    expect(text).not.toMatch(/[&*]/);
  });

  it("accepts objects without a prototype", () => {
    const value = Object.assign(Object.create(null) as Record<string, JsonValue>, { a: 1 });
    expect(serializeYaml(value)).toBe("a: 1\n");
  });
});

describe("serializeYaml: other scalars", () => {
  it.each([
    [0, "0"],
    [-0, "0"],
    [42, "42"],
    [-7, "-7"],
    [0.5, "0.5"],
    [-1.25, "-1.25"],
    [123456789012, "123456789012"],
    [Number.MAX_SAFE_INTEGER, "9007199254740991"],
    [1e21, "1.0e+21"],
    [1.5e300, "1.5e+300"],
    [1e-7, "1.0e-7"],
    [-2e-7, "-2.0e-7"],
    [5e-324, "5.0e-324"],
  ])("writes the number %d as %s", (input, expected) => {
    expect(serializeYaml({ v: input })).toBe(`v: ${expected}\n`);
    expectRoundTrip({ v: input });
  });

  it("writes booleans and null", () => {
    expect(expectRoundTrip({ t: true, f: false, z: null })).toBe("t: true\nf: false\nz: null\n");
    expect(serializeYaml(null)).toBe("null\n");
    expect(serializeYaml(true)).toBe("true\n");
    expect(serializeYaml(3)).toBe("3\n");
  });
});

describe("serializeYaml: rejected values", () => {
  const cyclicObject: Record<string, unknown> = { a: { b: [] } };
  (cyclicObject["a"] as { b: unknown[] }).b.push(cyclicObject);
  const cyclicArray: unknown[] = [1];
  cyclicArray.push([cyclicArray]);

  it.each([
    ["NaN", { a: [Number.NaN] }, /non-finite number NaN.*\$\."a"\[0\]/],
    ["Infinity", Number.POSITIVE_INFINITY, /non-finite number Infinity.*document root/],
    ["-Infinity", { x: Number.NEGATIVE_INFINITY }, /non-finite number -Infinity/],
    ["undefined", { a: 1, b: undefined }, /type undefined.*\$\."b"/],
    ["a function", { f: () => 1 }, /type function/],
    ["a bigint", [1n], /type bigint.*\$\[0\]/],
    ["a symbol", { s: Symbol("s") }, /type symbol/],
    ["a Date", { d: new Date(0) }, /Date object/],
    ["an empty Map", { m: new Map() }, /Map object/],
    [
      "a class instance",
      [
        new (class Thing {
          x = 1;
        })(),
      ],
      /Thing object/,
    ],
    // eslint-disable-next-line no-sparse-arrays -- the hole is the case
    ["a sparse array hole", { a: [1, , 3] }, /type undefined.*\$\."a"\[1\]/],
    ["a cyclic object", cyclicObject, /cyclic.*\$\."a"\."b"\[0\]/],
    ["a cyclic array", cyclicArray, /cyclic.*\$\[1\]\[0\]/],
  ])("throws a TypeError for %s", (_name, value, message) => {
    expect(() => serializeYaml(value as JsonValue)).toThrow(TypeError);
    expect(() => serializeYaml(value as JsonValue)).toThrow(message);
  });

  it("names the document index in a stream", () => {
    expect(() => serializeYamlDocuments([{}, { a: Number.NaN }] as JsonValue[])).toThrow(/\$\[1\]\."a"/);
  });

  it("recovers after an error", () => {
    expect(() => serializeYaml({ a: [{ b: Number.NaN }] })).toThrow(TypeError);
    expect(serializeYaml({ a: [1] })).toBe("a:\n- 1\n");
  });
});

describe("serializeYaml: a realistic Deployment", () => {
  const deployment: JsonValue = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: {
      name: "demo-vmcp",
      namespace: "toolhive-system",
      labels: {
        "app.kubernetes.io/instance": "demo",
        "app.kubernetes.io/managed-by": "vmcp-gen",
        "app.kubernetes.io/name": "vmcp",
      },
      annotations: { "vmcp-gen/config-hash": "sha256:0a1b2c", "example.com/enabled": "on" },
    },
    spec: {
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { "app.kubernetes.io/instance": "demo", "app.kubernetes.io/name": "vmcp" } },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: "25%", maxUnavailable: 0 } },
      template: {
        metadata: { labels: { "app.kubernetes.io/instance": "demo", "app.kubernetes.io/name": "vmcp" } },
        spec: {
          automountServiceAccountToken: false,
          serviceAccountName: "demo-vmcp",
          securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "vmcp",
              image: "ghcr.io/stacklok/toolhive/vmcp:v0.3.1",
              imagePullPolicy: "IfNotPresent",
              args: ["serve", "--config=/etc/vmcp/config.yaml", "--port", "4483"],
              env: [
                { name: "VMCP_LOG_LEVEL", value: "debug" },
                { name: "FEATURE_X", value: "yes" },
                { name: "MAINTENANCE_WINDOW", value: "12:30" },
                { name: "GREETING", value: "it's: fine" },
                { name: "POD_NAMESPACE", valueFrom: { fieldRef: { fieldPath: "metadata.namespace" } } },
              ],
              ports: [{ name: "http", containerPort: 4483, protocol: "TCP" }],
              readinessProbe: { httpGet: { path: "/health", port: "http" }, initialDelaySeconds: 5, periodSeconds: 10 },
              resources: { limits: { cpu: "500m", memory: "512Mi" }, requests: { cpu: "100m", memory: "128Mi" } },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ["ALL"] },
              },
              volumeMounts: [{ name: "config", mountPath: "/etc/vmcp", readOnly: true }],
            },
          ],
          volumes: [
            { name: "config", configMap: { name: "demo-vmcp-config", defaultMode: 420 } },
            { name: "tmp", emptyDir: {} },
          ],
        },
      },
    },
  };

  const expected = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: demo-vmcp
  namespace: toolhive-system
  labels:
    app.kubernetes.io/instance: demo
    app.kubernetes.io/managed-by: vmcp-gen
    app.kubernetes.io/name: vmcp
  annotations:
    vmcp-gen/config-hash: sha256:0a1b2c
    example.com/enabled: 'on'
spec:
  replicas: 1
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app.kubernetes.io/instance: demo
      app.kubernetes.io/name: vmcp
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/instance: demo
        app.kubernetes.io/name: vmcp
    spec:
      automountServiceAccountToken: false
      serviceAccountName: demo-vmcp
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: vmcp
        image: ghcr.io/stacklok/toolhive/vmcp:v0.3.1
        imagePullPolicy: IfNotPresent
        args:
        - serve
        - --config=/etc/vmcp/config.yaml
        - --port
        - '4483'
        env:
        - name: VMCP_LOG_LEVEL
          value: debug
        - name: FEATURE_X
          value: 'yes'
        - name: MAINTENANCE_WINDOW
          value: '12:30'
        - name: GREETING
          value: 'it''s: fine'
        - name: POD_NAMESPACE
          valueFrom:
            fieldRef:
              fieldPath: metadata.namespace
        ports:
        - name: http
          containerPort: 4483
          protocol: TCP
        readinessProbe:
          httpGet:
            path: /health
            port: http
          initialDelaySeconds: 5
          periodSeconds: 10
        resources:
          limits:
            cpu: 500m
            memory: 512Mi
          requests:
            cpu: 100m
            memory: 128Mi
        securityContext:
          allowPrivilegeEscalation: false
          readOnlyRootFilesystem: true
          capabilities:
            drop:
            - ALL
        volumeMounts:
        - name: config
          mountPath: /etc/vmcp
          readOnly: true
      volumes:
      - name: config
        configMap:
          name: demo-vmcp-config
          defaultMode: 420
      - name: tmp
        emptyDir: {}
`;

  it("matches the expected text and round-trips under YAML 1.1 and 1.2", () => {
    expect(expectRoundTrip(deployment)).toBe(expected);
  });

  it("is deterministic", () => {
    expect(serializeYaml(deployment)).toBe(serializeYaml(structuredClone(deployment)));
  });

  it("joins documents with ---, without a leading marker or empty documents", () => {
    const configMap: JsonValue = {
      apiVersion: "v1",
      kind: "ConfigMap",
      metadata: { name: "c" },
      data: { "config.yaml": "a: 1\n" },
    };
    const text = serializeYamlDocuments([deployment, configMap, "x"]);
    expect(text).toBe(
      `${expected}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  config.yaml: |\n    a: 1\n---\nx\n`,
    );
    for (const version of VERSIONS) expect(parseStream(text, version)).toEqual([deployment, configMap, "x"]);
  });
});

describe("serializeYamlDocuments", () => {
  it("gives an empty string for no documents", () => {
    expect(serializeYamlDocuments([])).toBe("");
  });

  it("ends with exactly one newline and keeps scalar and empty documents", () => {
    expect(serializeYamlDocuments([1, "a", [], {}, null, "x\ny"])).toBe(
      "1\n---\na\n---\n[]\n---\n{}\n---\nnull\n---\n|-\n  x\n  y\n",
    );
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Properties

/** Words and fragments that trip YAML readers, mixed into generated strings. */
const SPECIAL_WORDS = [
  "",
  "y",
  "Y",
  "n",
  "N",
  "yes",
  "Yes",
  "YES",
  "no",
  "No",
  "NO",
  "on",
  "On",
  "ON",
  "off",
  "Off",
  "OFF",
  "true",
  "True",
  "TRUE",
  "false",
  "False",
  "FALSE",
  "null",
  "Null",
  "NULL",
  "~",
  "<<",
  "=",
  "0",
  "-0",
  "+1",
  "017",
  "0o17",
  "0x1F",
  "0b11",
  "1_000",
  "1.5",
  ".5",
  "1e3",
  "1.0e+21",
  ".inf",
  "-.Inf",
  "+.INF",
  ".nan",
  ".NaN",
  ".",
  "12:30",
  "1:20:30",
  "190:20:30.15",
  "2024-01-01",
  "2024-01-01T00:00:00Z",
  "2001-12-14 21:59:43.10 -5",
  "---",
  "...",
  "- ",
  "? ",
  ": ",
  "-",
  "?",
  ":",
  "#",
  " #",
  "&a",
  "*a",
  "!!str",
  "!",
  "|",
  "|-",
  "|+",
  ">",
  "'",
  '"',
  "%YAML 1.2",
  "@",
  "`",
  "[",
  "]",
  "{",
  "}",
  ",",
  " ",
  "\t",
  "\n",
  "\r",
  "\r\n",
  "\n\n",
  "\u0000",
  "\u0007",
  "\u001b",
  "\u007f",
  "\u0085",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\ufeff",
  "\ufffe",
  "\uffff",
  "\ud800",
  "\udc00",
  "\ud83c\udf89",
  "é",
  "e\u0301",
  "500m",
  "1Gi",
  "--port=80",
  "a: b",
  "it's",
  "__proto__",
  "constructor",
  "toString",
];

const special = fc.constantFrom(...SPECIAL_WORDS);

const trickyString: fc.Arbitrary<string> = fc.oneof(
  special,
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary", maxLength: 8 }),
  fc.string({ unit: special, maxLength: 6 }),
  fc
    .array(
      fc.oneof(
        special,
        fc.string({ unit: "grapheme", maxLength: 3 }),
        fc.string({ unit: "grapheme-ascii", maxLength: 3 }),
      ),
      { maxLength: 5 },
    )
    .map((a) => a.join("")),
);

const trickyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 1e21, 1e-7, 5e-324, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, Number.MAX_VALUE),
);

const trickyValue: fc.Arbitrary<JsonValue> = fc.letrec<{
  value: JsonValue;
  array: JsonValue[];
  object: Record<string, JsonValue>;
}>((tie) => ({
  value: fc.oneof(
    { maxDepth: 4, depthSize: "small" },
    trickyString,
    trickyNumber,
    fc.boolean(),
    fc.constant(null),
    tie("array"),
    tie("object"),
  ),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(trickyString, tie("value"), { maxKeys: 4 }),
})).value;

function checkValue(value: JsonValue): void {
  const text = serializeYaml(value);
  expect(text.endsWith("\n")).toBe(true);
  expect(markerLines(text), text).toEqual([]);
  for (const version of VERSIONS)
    expect(normalize(parseOne(text, version)), `YAML ${version}:\n${text}`).toEqual(normalize(value));
}

describe("serializeYaml properties", () => {
  it("round-trips arbitrary JSON values under YAML 1.1 and 1.2", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => checkValue(value as JsonValue)),
      { numRuns: 1000 },
    );
  });

  it("round-trips values with tricky keys and strings under YAML 1.1 and 1.2", () => {
    fc.assert(fc.property(trickyValue, checkValue), { numRuns: 2000 });
  });

  it("round-trips tricky strings in every position", () => {
    fc.assert(
      fc.property(trickyString, (s) => {
        checkValue(s);
        checkValue([s, [s]]);
        checkValue({ [s]: s, k: { [s]: [s] } });
      }),
      { numRuns: 2000 },
    );
  });

  it("round-trips document streams, with --- only as separators", () => {
    fc.assert(
      fc.property(fc.array(trickyValue, { maxLength: 5 }), (values) => {
        const text = serializeYamlDocuments(values);
        const separators = text.split("\n").filter((line) => line === "---").length;
        expect(separators).toBe(Math.max(0, values.length - 1));
        expect(markerLines(text).every((line) => line === "---")).toBe(true);
        expect(text.startsWith("---")).toBe(false);
        for (const version of VERSIONS) {
          const parsed = parseStream(text, version);
          expect(parsed).toHaveLength(values.length);
          expect(normalize(parsed), `YAML ${version}:\n${text}`).toEqual(normalize(values));
        }
      }),
      { numRuns: 1000 },
    );
  });
});
