import type { DiagnosticCode } from "../../diagnostics/codes.js";
import type { Diagnostic, FieldPath } from "../../diagnostics/types.js";
import type { Resource } from "../../load/types.js";
import { FORWARD_RESTRICTED_HEADERS, headerNameProblem, headerValueProblem } from "../../kube/http-headers.js";
import { isObj, listAt, objAt, strAt } from "./cel-fields.js";
import { fieldError } from "../../diagnostics/rule-diagnostic.js";
import type { KindRule } from "./types.js";

/**
 * Header names and values the runtime would refuse, or Go's HTTP client would fail to send (a CR
 * or LF would end the header and start another), wherever vmcp-gen's inputs set headers: forwarded
 * headers (plaintext, and the names of headers from Secrets), token-exchange header names,
 * telemetry exporter headers and optimizer embedding headers. Messages never quote a value.
 */

const HINT =
  "write the header on one line, as plain text: no CR, LF, NUL or other control characters; put secret values in a Secret";

function show(name: string): string {
  return JSON.stringify(name);
}

/** `{name: value}` headers: every name and value. */
function checkHeaderMap(
  r: Resource,
  code: DiagnosticCode,
  map: unknown,
  at: FieldPath,
  restricted?: ReadonlySet<string>,
  allowEmptyValue = true,
): Diagnostic[] {
  if (!isObj(map)) return [];
  const out: Diagnostic[] = [];
  for (const [name, value] of Object.entries(map)) {
    const nameProblem = headerNameProblem(name, restricted);
    if (nameProblem)
      out.push(
        fieldError(
          r,
          code,
          `${at.join(".")}: header name ${show(name)} ${nameProblem}`,
          [...at, name],
          "use a valid, unrestricted HTTP header name",
        ),
      );
    const valueProblem =
      typeof value === "string" ? headerValueProblem(value, { allowEmpty: allowEmptyValue }) : undefined;
    if (valueProblem)
      out.push(
        fieldError(r, code, `${at.join(".")}: the value of header ${show(name)} ${valueProblem}`, [...at, name], HINT),
      );
  }
  return out;
}

function checkHeaderForward(r: Resource, spec: unknown): Diagnostic[] {
  const hf = objAt(spec, "headerForward");
  if (!hf) return [];
  const out = checkHeaderMap(
    r,
    "VMCP530",
    hf.addPlaintextHeaders,
    ["spec", "headerForward", "addPlaintextHeaders"],
    FORWARD_RESTRICTED_HEADERS,
  );
  listAt(hf, "addHeadersFromSecret").forEach((h, i) => {
    const name = strAt(h, "headerName");
    const problem = name === undefined ? undefined : headerNameProblem(name, FORWARD_RESTRICTED_HEADERS);
    if (problem)
      out.push(
        fieldError(
          r,
          "VMCP530",
          `spec.headerForward.addHeadersFromSecret[${i}].headerName ${show(name!)} ${problem}`,
          ["spec", "headerForward", "addHeadersFromSecret", i, "headerName"],
          "use a valid, unrestricted HTTP header name",
        ),
      );
  });
  return out;
}

export const checkEntryHeaders: KindRule<"MCPServerEntry"> = ({ resource, spec }) => checkHeaderForward(resource, spec);
export const checkRemoteProxyHeaders: KindRule<"MCPRemoteProxy"> = ({ resource, spec }) =>
  checkHeaderForward(resource, spec);

export const checkExternalAuthHeaders: KindRule<"MCPExternalAuthConfig"> = ({ resource, spec }) => {
  const name = strAt(objAt(spec, "tokenExchange"), "externalTokenHeaderName");
  const problem = name === undefined || name === "" ? undefined : headerNameProblem(name);
  return problem
    ? [
        fieldError(
          resource,
          "VMCP530",
          `spec.tokenExchange.externalTokenHeaderName ${show(name!)} ${problem}`,
          ["spec", "tokenExchange", "externalTokenHeaderName"],
          "use a valid HTTP header name",
        ),
      ]
    : [];
};

export const checkTelemetryConfigHeaders: KindRule<"MCPTelemetryConfig"> = ({ resource, spec }) =>
  checkHeaderMap(resource, "VMCP612", objAt(objAt(spec, "openTelemetry"), "headers"), [
    "spec",
    "openTelemetry",
    "headers",
  ]);

export const checkVirtualMcpServerHeaders: KindRule<"VirtualMCPServer"> = ({ resource, spec }) => {
  const config = objAt(spec, "config");
  return [
    ...checkHeaderMap(resource, "VMCP612", objAt(objAt(config, "telemetry"), "headers"), [
      "spec",
      "config",
      "telemetry",
      "headers",
    ]),
    // Names are checked with the CRD's rule (VMCP309, cel-virtual-mcp-server.ts); the runtime also refuses empty values.
    ...checkHeaderMap(
      resource,
      "VMCP309",
      objAt(objAt(config, "optimizer"), "embeddingHeaders"),
      ["spec", "config", "optimizer", "embeddingHeaders"],
      undefined,
      false,
    ).filter((d) => d.message.includes("the value of header")),
  ];
};
