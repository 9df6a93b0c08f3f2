import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyPodTemplateSpecPatch, type JsonValue } from "../../../src/render/strategic-merge.js";

type JsonObject = { [k: string]: JsonValue };
type Path = (string | number)[];

/** The shape the operator builds for a VirtualMCPServer named `demo`, trimmed to what the cases touch. */
function operatorTemplate(): JsonObject {
  return {
    metadata: {
      labels: { app: "vmcp", "app.kubernetes.io/instance": "demo" },
      annotations: { "toolhive.stacklok.dev/config-hash": "abc" },
      finalizers: ["keep"],
    },
    spec: {
      serviceAccountName: "demo-vmcp",
      containers: [
        {
          name: "vmcp",
          image: "ghcr.io/stacklok/toolhive/vmcp:v0.44.0",
          args: ["--config=/etc/vmcp-config/config.yaml"],
          env: [
            { name: "A", value: "1" },
            { name: "B", value: "2" },
          ],
          ports: [{ containerPort: 4483, name: "http", protocol: "TCP" }],
          resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
          securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } },
          livenessProbe: { httpGet: { path: "/health", port: 4483 } },
          volumeMounts: [{ name: "vmcp-config", mountPath: "/etc/vmcp-config", readOnly: true }],
        },
      ],
      volumes: [{ name: "vmcp-config", configMap: { name: "demo-vmcp-config" } }],
      imagePullSecrets: [{ name: "regcred" }],
      tolerations: [{ key: "dedicated", operator: "Exists" }],
      securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    },
  };
}

function valueAt(value: JsonValue | undefined, path: Path): JsonValue | undefined {
  let here = value;
  for (const step of path) {
    if (here === null || typeof here !== "object") return undefined;
    here = Array.isArray(here) ? here[Number(step)] : here[String(step)];
  }
  return here;
}

const BASE = operatorTemplate();
const at = (path: Path) => valueAt(BASE, path);
const VMCP = ["spec", "containers", 0];

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object") {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

interface Case {
  name: string;
  original?: JsonObject;
  patch: unknown;
  /** Where to look in the result; the whole result when omitted. */
  at?: Path;
  /** The value at `at`; `undefined` means the field must be absent. Not checked for cases that expect issues. */
  expected?: JsonValue | undefined;
  /** Paths (relative to `at`'s document) that must come out as they went in. */
  unchanged?: Path[];
  issues?: Path[];
}

const cases: Case[] = [
  {
    name: "adding a nodeSelector keeps the vmcp container",
    patch: { spec: { nodeSelector: { disktype: "ssd" } } },
    at: ["spec", "nodeSelector"],
    expected: { disktype: "ssd" },
    unchanged: [
      ["spec", "containers"],
      ["spec", "volumes"],
    ],
  },
  {
    name: "resources for container vmcp override requests and limits key by key",
    patch: {
      spec: { containers: [{ name: "vmcp", resources: { requests: { cpu: "250m" }, limits: { memory: "1Gi" } } }] },
    },
    at: [...VMCP, "resources"],
    expected: { requests: { cpu: "250m", memory: "128Mi" }, limits: { cpu: "500m", memory: "1Gi" } },
    unchanged: [
      [...VMCP, "env"],
      [...VMCP, "image"],
    ],
  },
  {
    // Upstream puts the patch's items first (normalizeElementOrder); `kubectl patch` shows the same.
    name: "a sidecar that is the patch's only container lands before vmcp",
    patch: { spec: { containers: [{ name: "sidecar", image: "envoy:1" }] } },
    at: ["spec", "containers"],
    expected: [{ name: "sidecar", image: "envoy:1" }, at(VMCP) ?? null],
  },
  {
    name: "a sidecar listed after vmcp is appended",
    patch: { spec: { containers: [{ name: "vmcp" }, { name: "sidecar", image: "envoy:1" }] } },
    at: ["spec", "containers"],
    expected: [at(VMCP) ?? null, { name: "sidecar", image: "envoy:1" }],
  },
  {
    name: "the patch's order wins over the original's for items it names",
    original: {
      spec: { containers: [{ name: "vmcp", image: "v1" }, { name: "proxy", image: "p1" }, { name: "log" }] },
    },
    patch: {
      spec: {
        containers: [
          { name: "proxy", image: "p2" },
          { name: "vmcp", image: "v2" },
        ],
      },
    },
    at: ["spec", "containers"],
    expected: [{ name: "proxy", image: "p2" }, { name: "vmcp", image: "v2" }, { name: "log" }],
  },
  {
    name: "env merges by name: override, add, and $patch: delete",
    patch: {
      spec: {
        containers: [
          {
            name: "vmcp",
            env: [
              { name: "B", value: "20" },
              { name: "C", value: "3" },
              { name: "A", $patch: "delete" },
            ],
          },
        ],
      },
    },
    at: [...VMCP, "env"],
    expected: [
      { name: "B", value: "20" },
      { name: "C", value: "3" },
    ],
  },
  {
    name: "null inside a merged env item deletes that key",
    patch: {
      spec: {
        containers: [
          { name: "vmcp", env: [{ name: "A", value: null, valueFrom: { secretKeyRef: { name: "s", key: "k" } } }] },
        ],
      },
    },
    at: [...VMCP, "env"],
    expected: [
      { name: "A", valueFrom: { secretKeyRef: { name: "s", key: "k" } } },
      { name: "B", value: "2" },
    ],
  },
  {
    name: "volumeMounts merge by mountPath",
    patch: {
      spec: {
        containers: [
          {
            name: "vmcp",
            volumeMounts: [
              { mountPath: "/etc/vmcp-config", readOnly: false },
              { name: "data", mountPath: "/data" },
            ],
          },
        ],
      },
    },
    at: [...VMCP, "volumeMounts"],
    expected: [
      { name: "vmcp-config", mountPath: "/etc/vmcp-config", readOnly: false },
      { name: "data", mountPath: "/data" },
    ],
  },
  {
    name: "ports merge by containerPort",
    patch: {
      spec: {
        containers: [
          {
            name: "vmcp",
            ports: [
              { containerPort: 4483, name: "mcp" },
              { containerPort: 9090, name: "metrics" },
            ],
          },
        ],
      },
    },
    at: [...VMCP, "ports"],
    expected: [
      { containerPort: 4483, name: "mcp", protocol: "TCP" },
      { containerPort: 9090, name: "metrics" },
    ],
  },
  {
    name: "volumes merge by name; $patch: delete removes one",
    patch: {
      spec: {
        volumes: [
          { name: "vmcp-config", $patch: "delete" },
          { name: "cache", emptyDir: {} },
        ],
      },
    },
    at: ["spec", "volumes"],
    expected: [{ name: "cache", emptyDir: {} }],
  },
  {
    name: "imagePullSecrets are unioned by name",
    patch: { spec: { imagePullSecrets: [{ name: "extra" }, { name: "regcred" }] } },
    at: ["spec", "imagePullSecrets"],
    expected: [{ name: "extra" }, { name: "regcred" }],
  },
  {
    name: "args are atomic: the patch replaces them",
    patch: { spec: { containers: [{ name: "vmcp", args: ["--debug"] }] } },
    at: [...VMCP, "args"],
    expected: ["--debug"],
  },
  {
    name: "command is atomic and can be added",
    patch: { spec: { containers: [{ name: "vmcp", command: ["/vmcp", "serve"] }] } },
    at: [...VMCP, "command"],
    expected: ["/vmcp", "serve"],
  },
  {
    name: "tolerations are atomic: the patch replaces them",
    patch: { spec: { tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }] } },
    at: ["spec", "tolerations"],
    expected: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }],
  },
  {
    name: "metadata labels and annotations merge key by key",
    patch: { metadata: { labels: { team: "ai" }, annotations: { "example.com/owner": "me" } } },
    at: ["metadata"],
    expected: {
      labels: { app: "vmcp", "app.kubernetes.io/instance": "demo", team: "ai" },
      annotations: { "toolhive.stacklok.dev/config-hash": "abc", "example.com/owner": "me" },
      finalizers: ["keep"],
    },
  },
  {
    name: "null deletes a label",
    patch: { metadata: { labels: { app: null } } },
    at: ["metadata", "labels"],
    expected: { "app.kubernetes.io/instance": "demo" },
  },
  {
    name: "null deletes an annotation",
    patch: { metadata: { annotations: { "toolhive.stacklok.dev/config-hash": null } } },
    at: ["metadata", "annotations"],
    expected: {},
  },
  {
    name: "null deletes a whole field",
    patch: { spec: { securityContext: null } },
    at: ["spec", "securityContext"],
    expected: undefined,
  },
  {
    name: "null deletes a list field",
    patch: { spec: { imagePullSecrets: null } },
    at: ["spec", "imagePullSecrets"],
    expected: undefined,
  },
  {
    name: "$patch: replace replaces a mapping",
    patch: { spec: { containers: [{ name: "vmcp", securityContext: { $patch: "replace", runAsUser: 1000 } }] } },
    at: [...VMCP, "securityContext"],
    expected: { runAsUser: 1000 },
  },
  {
    name: "$patch: replace replaces a merged list",
    patch: { spec: { containers: [{ $patch: "replace" }, { name: "only", image: "x:1" }] } },
    at: ["spec", "containers"],
    expected: [{ name: "only", image: "x:1" }],
  },
  {
    name: "$patch: delete on a mapping empties it",
    patch: { spec: { securityContext: { $patch: "delete" } } },
    at: ["spec", "securityContext"],
    expected: {},
  },
  {
    name: "a mapping with $patch under a key the original lacks is dropped, as upstream's removeDirectives does",
    patch: { spec: { affinity: { $patch: "replace", nodeAffinity: {} } } },
    at: ["spec", "affinity"],
    expected: undefined,
  },
  {
    name: "$setElementOrder places the sidecar after vmcp",
    patch: {
      spec: {
        "$setElementOrder/containers": [{ name: "vmcp" }, { name: "sidecar" }],
        containers: [{ name: "sidecar", image: "envoy:1" }],
      },
    },
    at: ["spec", "containers"],
    expected: [at(VMCP) ?? null, { name: "sidecar", image: "envoy:1" }],
  },
  {
    name: "$setElementOrder reorders a list the patch does not otherwise touch",
    patch: { spec: { containers: [{ name: "vmcp", "$setElementOrder/env": [{ name: "B" }, { name: "A" }] }] } },
    at: [...VMCP, "env"],
    expected: [
      { name: "B", value: "2" },
      { name: "A", value: "1" },
    ],
  },
  {
    // Upstream sorts with a comparator that calls unlisted items "less", which reverses them.
    name: "an empty $setElementOrder reverses the new items, as upstream does",
    patch: { spec: { "$setElementOrder/containers": [], containers: [{ name: "a" }, { name: "b" }] } },
    at: ["spec", "containers"],
    expected: [at(VMCP) ?? null, { name: "b" }, { name: "a" }],
  },
  {
    name: "$patch: replace inside a new container still yields the value",
    patch: {
      spec: {
        containers: [{ name: "vmcp" }, { name: "sidecar", securityContext: { $patch: "replace", runAsUser: 1 } }],
      },
    },
    at: ["spec", "containers", 1],
    expected: { name: "sidecar", securityContext: { runAsUser: 1 } },
  },
  {
    name: "$deleteFromPrimitiveList removes values from a list of scalars",
    patch: {
      spec: {
        containers: [{ name: "vmcp", "$deleteFromPrimitiveList/args": ["--config=/etc/vmcp-config/config.yaml"] }],
      },
    },
    at: [...VMCP, "args"],
    expected: [],
  },
  {
    name: "finalizers merge by value, the patch's values first",
    patch: { metadata: { finalizers: ["added"] } },
    at: ["metadata", "finalizers"],
    expected: ["added", "keep"],
  },
  {
    name: "$retainKeys drops the volume source the patch does not list",
    patch: {
      spec: { volumes: [{ name: "vmcp-config", $retainKeys: ["name", "secret"], secret: { secretName: "s" } }] },
    },
    at: ["spec", "volumes"],
    expected: [{ name: "vmcp-config", secret: { secretName: "s" } }],
  },
  {
    name: "initContainers are added",
    patch: { spec: { initContainers: [{ name: "init", image: "busybox", command: ["true"] }] } },
    at: ["spec", "initContainers"],
    expected: [{ name: "init", image: "busybox", command: ["true"] }],
  },
  {
    name: "a container's securityContext merges, its capability lists stay atomic",
    patch: {
      spec: {
        containers: [
          { name: "vmcp", securityContext: { runAsUser: 1000, capabilities: { add: ["NET_BIND_SERVICE"] } } },
        ],
      },
    },
    at: [...VMCP, "securityContext"],
    expected: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
      runAsUser: 1000,
    },
  },
  {
    name: "a value of another kind replaces the original one",
    patch: { spec: { containers: [{ name: "vmcp", livenessProbe: { httpGet: { port: "http" } } }] } },
    at: [...VMCP, "livenessProbe"],
    expected: { httpGet: { path: "/health", port: "http" } },
  },
  {
    name: "hostAliases merge by ip",
    original: { spec: { hostAliases: [{ ip: "10.0.0.1", hostnames: ["a"] }] } },
    patch: {
      spec: {
        hostAliases: [
          { ip: "10.0.0.1", hostnames: ["b"] },
          { ip: "10.0.0.2", hostnames: ["c"] },
        ],
      },
    },
    at: ["spec", "hostAliases"],
    expected: [
      { ip: "10.0.0.1", hostnames: ["b"] },
      { ip: "10.0.0.2", hostnames: ["c"] },
    ],
  },
  {
    name: "a container is removed with $patch: delete",
    original: { spec: { containers: [{ name: "vmcp" }, { name: "old" }] } },
    patch: { spec: { containers: [{ name: "old", $patch: "delete" }] } },
    at: ["spec", "containers"],
    expected: [{ name: "vmcp" }],
  },
  {
    name: "a null patch changes nothing",
    patch: null,
    expected: BASE,
  },
  { name: "a patch that is not a mapping", patch: "spec: {}", issues: [[]] },
  { name: "a patch that is a list", patch: [{ spec: {} }], issues: [[]] },
  {
    name: "containers given as a mapping",
    patch: { spec: { containers: { vmcp: { image: "x" } } } },
    issues: [["spec", "containers"]],
  },
  {
    name: "a container without a name",
    patch: { spec: { containers: [{ image: "x" }] } },
    issues: [["spec", "containers", 0]],
  },
  {
    name: "an unknown $patch value on a mapping",
    patch: { spec: { securityContext: { $patch: "remove" } } },
    issues: [["spec", "securityContext", "$patch"]],
  },
  {
    name: "an unknown $patch value in a list item",
    patch: { spec: { volumes: [{ name: "vmcp-config", $patch: "drop" }] } },
    issues: [["spec", "volumes", 0, "$patch"]],
  },
  {
    name: "$patch: merge on a mapping, which Kubernetes rejects",
    patch: { spec: { $patch: "merge", nodeSelector: { a: "b" } } },
    issues: [["spec", "$patch"]],
  },
  {
    name: "$patch in an atomic list, which Kubernetes would copy as data",
    patch: { spec: { tolerations: [{ key: "dedicated", $patch: "delete" }] } },
    issues: [["spec", "tolerations", 0, "$patch"]],
  },
  {
    name: "$patch inside a new list item, which Kubernetes would copy as data",
    patch: { spec: { containers: [{ name: "sidecar", env: [{ name: "X", $patch: "delete" }] }] } },
    issues: [["spec", "containers", 0, "env", 0, "$patch"]],
  },
  {
    name: "a $patch: replace item carrying fields it would discard",
    patch: { spec: { containers: [{ name: "vmcp", $patch: "replace", image: "x" }] } },
    issues: [["spec", "containers", 0]],
  },
  {
    name: "a $patch: delete item without its merge key",
    patch: { spec: { volumes: [{ $patch: "delete" }] } },
    issues: [["spec", "volumes", 0]],
  },
  {
    name: "nodeSelector given as a list",
    patch: { spec: { nodeSelector: ["ssd"] } },
    issues: [["spec", "nodeSelector"]],
  },
  { name: "spec given as a scalar", patch: { spec: "x" }, issues: [["spec"]] },
  {
    name: "a field missing from $retainKeys",
    patch: { spec: { volumes: [{ name: "vmcp-config", $retainKeys: ["name"], secret: { secretName: "s" } }] } },
    issues: [["spec", "volumes", 0, "secret"]],
  },
  {
    name: "$setElementOrder that contradicts the patch list",
    patch: { spec: { "$setElementOrder/containers": [{ name: "vmcp" }], containers: [{ name: "sidecar" }] } },
    issues: [["spec", "$setElementOrder/containers"]],
  },
  { name: "an unknown directive", patch: { spec: { $retainkeys: ["name"] } }, issues: [["spec", "$retainkeys"]] },
];

describe("applyPodTemplateSpecPatch", () => {
  it("has a case table large enough to cover the semantics", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)(
    "$name",
    ({ original = operatorTemplate(), patch, at: path = [], expected, unchanged = [], issues = [] }) => {
      const before = structuredClone(original);
      const { value, issues: found } = applyPodTemplateSpecPatch(
        deepFreeze(original),
        deepFreeze(structuredClone(patch)),
      );
      expect(found.map((issue) => issue.path)).toEqual(issues);
      for (const issue of found) expect(issue.message).not.toBe("");
      if (issues.length === 0) expect(valueAt(value, path)).toEqual(expected);
      for (const p of unchanged) expect(valueAt(value, p)).toEqual(valueAt(before, p));
    },
  );

  it("does not mutate its inputs or share structure with them", () => {
    const original = deepFreeze(operatorTemplate());
    const patch = deepFreeze({
      metadata: { labels: { team: "ai" } },
      spec: { containers: [{ name: "sidecar", env: [{ name: "X", value: "1" }] }] },
    });
    const { value } = applyPodTemplateSpecPatch(original, patch);
    expect(original).toEqual(operatorTemplate());
    expect(valueAt(value, ["spec", "volumes"])).not.toBe(valueAt(original, ["spec", "volumes"]));
    expect(valueAt(value, ["spec", "containers", 0, "env"])).not.toBe(valueAt(patch, ["spec", "containers", 0, "env"]));
  });

  it("keeps the original's key order and appends new keys in patch order", () => {
    const patch = { spec: { zeta: 1, containers: [{ name: "vmcp", workingDir: "/w", image: "v2" }], alpha: 2 } };
    const { value } = applyPodTemplateSpecPatch(operatorTemplate(), patch);
    const spec = valueAt(value, ["spec"]) as JsonObject;
    expect(Object.keys(spec)).toEqual([...Object.keys(at(["spec"]) as JsonObject), "zeta", "alpha"]);
    expect(Object.keys(valueAt(value, VMCP) as JsonObject)).toEqual([
      ...Object.keys(at(VMCP) as JsonObject),
      "workingDir",
    ]);
    expect(JSON.stringify(applyPodTemplateSpecPatch(operatorTemplate(), patch).value)).toBe(JSON.stringify(value));
  });

  it("returns an equal copy for an empty patch", () => {
    const original = fc.dictionary(fc.string(), fc.jsonValue()) as fc.Arbitrary<JsonObject>;
    fc.assert(
      fc.property(original, (doc) => {
        const { value, issues } = applyPodTemplateSpecPatch(doc, {});
        expect(issues).toEqual([]);
        expect(value).toEqual(doc);
        expect(value).not.toBe(doc);
      }),
    );
  });

  it("is idempotent for patches without deletions", () => {
    fc.assert(
      fc.property(podTemplatePatch(), (patch) => {
        const once = applyPodTemplateSpecPatch(operatorTemplate(), patch);
        expect(once.issues).toEqual([]);
        const twice = applyPodTemplateSpecPatch(once.value, patch);
        expect(twice.issues).toEqual([]);
        expect(JSON.stringify(twice.value)).toBe(JSON.stringify(once.value));
      }),
    );
  });
});

function podTemplatePatch(): fc.Arbitrary<JsonObject> {
  const word = fc.constantFrom("a", "b", "c");
  const stringMap = fc.dictionary(fc.constantFrom("app", "team", "x"), word, { maxKeys: 3 });
  const keyed = <T extends JsonObject>(item: fc.Arbitrary<T>, key: string) =>
    fc.uniqueArray(item, { selector: (entry) => entry[key], maxLength: 3 });
  const container = fc.record(
    {
      name: fc.constantFrom("vmcp", "sidecar", "proxy"),
      image: word,
      args: fc.array(word, { maxLength: 3 }),
      env: keyed(fc.record({ name: fc.constantFrom("A", "B", "C"), value: word }), "name"),
      ports: keyed(fc.record({ containerPort: fc.constantFrom(4483, 8080, 9090), name: word }), "containerPort"),
      volumeMounts: keyed(
        fc.record({ mountPath: fc.constantFrom("/etc/vmcp-config", "/data"), name: word }),
        "mountPath",
      ),
      resources: fc.record({ requests: stringMap, limits: stringMap }, { requiredKeys: [] }),
      securityContext: fc.record(
        { runAsUser: fc.nat(3), capabilities: fc.record({ add: fc.array(word, { maxLength: 2 }) }) },
        { requiredKeys: [] },
      ),
    },
    { requiredKeys: ["name"] },
  );
  const spec = fc.record(
    {
      nodeSelector: stringMap,
      containers: keyed(container, "name"),
      initContainers: keyed(container, "name"),
      volumes: keyed(fc.record({ name: fc.constantFrom("vmcp-config", "cache"), emptyDir: fc.constant({}) }), "name"),
      imagePullSecrets: keyed(fc.record({ name: fc.constantFrom("regcred", "extra") }), "name"),
      tolerations: fc.array(fc.record({ key: word, operator: fc.constant("Exists") }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
  const metadata = fc.record(
    { labels: stringMap, annotations: stringMap, finalizers: fc.array(word, { maxLength: 3 }) },
    { requiredKeys: [] },
  );
  return fc.record({ metadata, spec }, { requiredKeys: [] });
}

// Expected values computed with k8s.io/apimachinery v0.35.3 strategicpatch.StrategicMergePatch and
// corev1.PodTemplateSpec (the operator's call), for lists longer than Go's 20-item insertion-sort blocks.
describe("strategic merge of long lists, as Go orders them", () => {
  const names = (list: JsonValue) =>
    (list as { name: string; value?: string }[]).map((e) => (e.value === undefined ? e.name : `${e.name}=${e.value}`));

  it("an empty $setElementOrder over 45 new containers orders them as Go's SliceStable does", () => {
    const containers = Array.from({ length: 45 }, (_, i) => ({ name: `c${String(i).padStart(2, "0")}` }));
    const r = applyPodTemplateSpecPatch(
      { spec: { containers: [{ name: "vmcp" }] } },
      { spec: { "$setElementOrder/containers": [], containers } },
    );
    expect(r.issues).toEqual([]);
    expect(names((r.value.spec as { containers: JsonValue }).containers)).toEqual([
      "vmcp",
      ...containers.map((c) => c.name).reverse(),
    ]);
  });

  it("merges, adds and deletes among many env entries, keeping upstream's order", () => {
    const env = (...list: string[]) => list.map((name) => ({ name, value: "orig" }));
    const added = Array.from({ length: 30 }, (_, i) => ({ name: `X${String(i).padStart(2, "0")}`, value: "new" }));
    const patch = {
      spec: {
        containers: [
          {
            name: "vmcp",
            env: [
              { name: "D", value: "patched" },
              ...added,
              { name: "B", value: "patched" },
              { name: "E", $patch: "delete" },
            ],
          },
        ],
      },
    };
    const r = applyPodTemplateSpecPatch(
      { spec: { containers: [{ name: "vmcp", env: env("A", "B", "C", "D", "E") }] } },
      patch,
    );
    expect(r.issues).toEqual([]);
    const [container] = (r.value.spec as { containers: { env: JsonValue }[] }).containers;
    expect(names(container!.env)).toEqual([
      "A=orig",
      "C=orig",
      "D=patched",
      ...added.map((e) => `${e.name}=new`),
      "B=patched",
    ]);
  });

  it("merges 20,000 env entries into the pod template (speed is the benchmark's business: npm run bench -- --merge-only)", () => {
    const env = Array.from({ length: 20_000 }, (_, i) => ({ name: `E_${i}`, value: String(i) }));
    const r = applyPodTemplateSpecPatch(
      {
        spec: {
          containers: [
            {
              name: "vmcp",
              env: [
                { name: "E_5", value: "old" },
                { name: "KEEP", value: "k" },
              ],
            },
          ],
        },
      },
      { spec: { containers: [{ name: "vmcp", env }] } },
    );
    const merged = (r.value.spec as { containers: { env: { name: string; value: string }[] }[] }).containers[0]!.env;
    expect(merged).toHaveLength(20_001);
    expect(merged[5]).toEqual({ name: "E_5", value: "5" });
    expect(merged.at(-1)).toEqual({ name: "KEEP", value: "k" });
  });
});
