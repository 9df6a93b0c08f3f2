import { createWarning, withSeverity } from "../diagnostics/create.js";
import { closestMatch } from "../diagnostics/suggest.js";
import type { Diagnostic, FieldPath, ResourceId, StageResult } from "../diagnostics/types.js";
import type { Resource } from "../load/types.js";
import { CLI_SETTING_NAMES, type SettingNames } from "../kube/option-values.js";
import { applyDefaults } from "./apply-defaults.js";
import { normalizeLegacyForms } from "./legacy-forms.js";
import { isModelKind } from "./model-kinds.js";
import type { ModelKind } from "./spec-types.js";
import { checkCaBundleReferences } from "./references/config-map-references.js";
import { checkObjectReferences } from "./references/object-references.js";
import { checkSecretReferences } from "./references/secret-references.js";
import { checkResourceNames } from "./resource-names.js";
import { ResourceIndex, type Typed } from "./resource-index.js";
import { RULES } from "./rules/index.js";
import { fieldError, fieldWarning, resourceId } from "../diagnostics/rule-diagnostic.js";
import type { KindRule, RuleContext, RuleSet } from "./rules/types.js";
import { checkSchema } from "./schema-check.js";
import { findSchema, kindsOfGroup, loadSchema, TOOLHIVE_GROUP, versionsOfKind } from "./schema-registry.js";

export interface ValidateOptions {
  readonly strictRefs?: boolean;
  /** Group members with errors become warnings and are left out of every backend list. */
  readonly skipInvalidBackends?: boolean;
  readonly rules?: RuleSet;
  /** How the settings are spelled where they came from (`--skip-invalid-backends`, an Argo CD parameter, a KRM option). */
  readonly settingNames?: SettingNames;
}

export interface ValidatedModel {
  /** Every input, ToolHive objects with CRD defaults applied. */
  readonly resources: readonly Resource[];
  readonly index: ResourceIndex;
  /** `resourceKey`s of objects with at least one error. */
  readonly invalid: ReadonlySet<string>;
  /** `resourceKey`s of group members dropped by `--skip-invalid-backends`. */
  readonly dropped: ReadonlySet<string>;
}

export function resourceKey(r: ResourceId): string {
  return `${r.kind}/${r.namespace}/${r.name}`;
}

const GROUP_MEMBER_KINDS = new Set(["MCPServer", "MCPRemoteProxy", "MCPServerEntry"]);

function startsWith(path: FieldPath, prefix: FieldPath): boolean {
  return prefix.length <= path.length && prefix.every((seg, i) => path[i] === seg);
}

/** Schema, defaults and typed model for one ToolHive object. */
function validateToolhiveObject(
  r: Resource,
  diagnostics: Diagnostic[],
): { resource: Resource; typed?: { kind: ModelKind; spec: unknown } } {
  const entry = findSchema(r.group, r.version, r.kind);
  if (!entry) {
    const kinds = kindsOfGroup(r.group);
    if (!kinds.has(r.kind)) {
      const guess = closestMatch(r.kind, kinds);
      diagnostics.push(
        fieldError(
          r,
          "VMCP201",
          `${r.group} has no kind "${r.kind}"`,
          ["kind"],
          guess ? `did you mean "${guess}"?` : `ToolHive kinds are ${[...kinds].sort().join(", ")}`,
        ),
      );
    } else {
      const served = versionsOfKind(r.group, r.kind).map((v) => `${r.group}/${v}`);
      diagnostics.push(
        fieldError(
          r,
          "VMCP200",
          `${r.kind} is not served as ${r.apiVersion}`,
          ["apiVersion"],
          `use ${served.join(" or ")}`,
        ),
      );
    }
    return { resource: r };
  }
  if (entry.deprecated) {
    const current = versionsOfKind(r.group, r.kind).find((v) => !findSchema(r.group, v, r.kind)?.deprecated);
    diagnostics.push(
      fieldWarning(
        r,
        "VMCP209",
        `${r.apiVersion} ${r.kind} is deprecated`,
        ["apiVersion"],
        current
          ? `change apiVersion to ${r.group}/${current}; the schema is the same`
          : "move to a served, non-deprecated version",
      ),
    );
  }
  const legacy = normalizeLegacyForms(r);
  diagnostics.push(...legacy.diagnostics);
  const body = applyDefaults(legacy.body, loadSchema(entry));
  const resource: Resource = body === r.body ? r : { ...r, body };
  const schemaDiagnostics = checkSchema(resource, body, entry).filter(
    (d) => !legacy.explained.some((p) => d.path && startsWith(d.path, p)),
  );
  diagnostics.push(...schemaDiagnostics);
  if (
    schemaDiagnostics.some((d) => d.severity === "error") ||
    legacy.diagnostics.some((d) => d.severity === "error") ||
    !isModelKind(r.kind)
  )
    return { resource };
  // The CRD requires fields inside `spec` but not `spec` itself, so the API server stores an object
  // without one; no controller can use it, and the operator refuses such a VirtualMCPServer.
  const requiredInSpec =
    (loadSchema(entry).properties as { spec?: { required?: string[] } } | undefined)?.spec?.required ?? [];
  if (body.spec === undefined && requiredInSpec.length > 0) {
    const fields = requiredInSpec.map((f) => `\`${f}:\``).join(", ");
    diagnostics.push(
      fieldError(
        resource,
        "VMCP220",
        `${r.kind} ${r.name} has no spec: the API server accepts it, but it configures nothing (${requiredInSpec.map((f) => `spec.${f}`).join(", ")} ${requiredInSpec.length === 1 ? "is" : "are"} required once spec is given)`,
        [],
        `add \`spec:\` with ${fields}`,
      ),
    );
    return { resource };
  }
  // The schema accepted it, so it has the shape of its generated type (spec-types.ts).
  return { resource, typed: { kind: r.kind, spec: body.spec ?? {} } };
}

/**
 * A ToolHive kind in the core group (`apiVersion: v1beta1`) or in a misspelt ToolHive group is an
 * apiVersion mistake, not another project's CRD: without this it would pass as a foreign object.
 */
function checkMisplacedToolhiveKind(r: Resource): Diagnostic[] {
  if (!kindsOfGroup(TOOLHIVE_GROUP).has(r.kind)) return [];
  if (r.group !== "" && closestMatch(r.group, [TOOLHIVE_GROUP]) === undefined) return [];
  const served = versionsOfKind(TOOLHIVE_GROUP, r.kind).filter(
    (v) => !findSchema(TOOLHIVE_GROUP, v, r.kind)?.deprecated,
  );
  return [
    fieldError(
      r,
      "VMCP200",
      `${r.kind} is a ToolHive kind, but apiVersion "${r.apiVersion}" is not in the ${TOOLHIVE_GROUP} API group`,
      ["apiVersion"],
      `use apiVersion: ${served.map((v) => `${TOOLHIVE_GROUP}/${v}`).join(" or ")}`,
    ),
  ];
}

function runRules(index: ResourceIndex, rules: RuleSet, ctx: RuleContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const kind of Object.keys(rules) as ModelKind[]) {
    const list = (rules[kind] ?? []) as readonly KindRule<ModelKind>[];
    for (const entry of index.list<ModelKind>(kind)) for (const rule of list) out.push(...rule(entry, ctx));
  }
  return out;
}

/**
 * Validates every input: the CRD schema of its apiVersion and kind (after the API server's
 * defaulting), the CEL rules as explicit checks, and references between objects. Collects every
 * finding; never stops at the first.
 */
export function validateResources(
  inputs: readonly Resource[],
  options: ValidateOptions = {},
): StageResult<ValidatedModel> {
  const diagnostics: Diagnostic[] = [];
  const resources: Resource[] = [];
  const typed: { kind: ModelKind; entry: Typed<ModelKind> }[] = [];
  for (const r of inputs) {
    diagnostics.push(...checkResourceNames(r));
    if (r.group !== TOOLHIVE_GROUP) {
      diagnostics.push(...checkMisplacedToolhiveKind(r));
      resources.push(r);
      continue;
    }
    const result = validateToolhiveObject(r, diagnostics);
    resources.push(result.resource);
    if (result.typed)
      typed.push({
        kind: result.typed.kind,
        entry: { resource: result.resource, spec: result.typed.spec as Typed<ModelKind>["spec"] },
      });
  }
  const index = new ResourceIndex(resources);
  for (const t of typed) index.addTyped(t.kind, t.entry);
  const strictRefs = options.strictRefs === true;
  const ctx: RuleContext = { index, strictRefs };
  diagnostics.push(...runRules(index, options.rules ?? RULES, ctx));
  diagnostics.push(...checkObjectReferences(resources, index));
  diagnostics.push(...checkSecretReferences(resources, index, strictRefs));
  diagnostics.push(...checkCaBundleReferences(resources, index, strictRefs));
  return finish(
    resources,
    index,
    diagnostics,
    options.skipInvalidBackends === true,
    options.settingNames ?? CLI_SETTING_NAMES,
  );
}

function finish(
  resources: Resource[],
  index: ResourceIndex,
  diagnostics: Diagnostic[],
  skipInvalidBackends: boolean,
  names: SettingNames,
): StageResult<ValidatedModel> {
  const invalid = new Set<string>();
  for (const d of diagnostics) {
    if (d.severity !== "error") continue;
    const subject = d.subject ?? d.resource;
    if (subject) invalid.add(resourceKey(subject));
  }
  const dropped = new Set<string>();
  if (!skipInvalidBackends) return { value: { resources, index, invalid, dropped }, diagnostics };
  for (const r of resources) {
    const key = resourceKey(r);
    if (GROUP_MEMBER_KINDS.has(r.kind) && invalid.has(key)) dropped.add(key);
  }
  const out = diagnostics.map((d) => {
    const subject = d.subject ?? d.resource;
    return d.severity === "error" && subject && dropped.has(resourceKey(subject)) ? withSeverity(d, "warning") : d;
  });
  for (const r of resources) {
    if (!dropped.has(resourceKey(r))) continue;
    out.push(
      createWarning(
        "VMCP512",
        `${r.kind} "${r.name}" is invalid and is left out of every backend list (${names.skipInvalidBackends})`,
        {
          resource: resourceId(r),
          source: r.source,
          path: ["metadata", "name"],
          hint: "fix the problems reported for it above to bring the backend back",
        },
      ),
    );
  }
  return { value: { resources, index, invalid, dropped }, diagnostics: out };
}
