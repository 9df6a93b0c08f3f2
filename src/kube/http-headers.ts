/**
 * HTTP header names and values as the ToolHive runtime checks them (toolhive-core
 * validation/http: golang.org/x/net httpguts), and the names it refuses to forward
 * (pkg/transport/middleware.RestrictedHeaders), lower-cased: the runtime compares canonical keys.
 */

/** An RFC 7230 token of at most 256 characters. */
export function isHeaderName(name: string): boolean {
  return name.length > 0 && name.length <= 256 && /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name);
}

export const FORWARD_RESTRICTED_HEADERS: ReadonlySet<string> = new Set([
  "host",
  "connection",
  "keep-alive",
  "te",
  "trailer",
  "upgrade",
  "http2-settings",
  "proxy-authorization",
  "proxy-authenticate",
  "proxy-connection",
  "transfer-encoding",
  "content-length",
  "forwarded",
  "x-forwarded-for",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-real-ip",
]);

/**
 * Why the runtime (or Go's HTTP client) refuses a header value, or `undefined`. Never quotes the
 * value: header values carry credentials.
 */
export function headerValueProblem(value: string, options: { readonly allowEmpty?: boolean } = {}): string | undefined {
  if (value === "") return options.allowEmpty ? undefined : "is empty";
  if (Buffer.byteLength(value, "utf8") > 8192) return "is longer than 8192 bytes";
  if (/[\r\n]/.test(value)) return "holds a line break (CR or LF), which would end the header";
  if (value.includes("\u0000")) return "holds a NUL character";
  // httpguts.ValidHeaderFieldValue: no control characters but horizontal tab.
  if (/[\u0001-\u0008\u000b-\u001f\u007f]/.test(value)) return "holds a control character";
  return undefined;
}

/** Why a header name is refused: not a token, or restricted where headers are forwarded. */
export function headerNameProblem(name: string, restricted?: ReadonlySet<string>): string | undefined {
  if (name === "") return "is empty";
  if (!isHeaderName(name))
    return "is not a valid HTTP header name (letters, digits and !#$%&'*+-.^_`|~ only, at most 256)";
  if (restricted?.has(name.toLowerCase()))
    return "is a restricted header: hop-by-hop, routing and forwarding headers cannot be set";
  return undefined;
}
