// Module resolution hooks of module-probe.mjs: each resolved ES module's path, appended to the file.
import { appendFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.startsWith("file:")) appendFileSync(file, `${fileURLToPath(resolved.url)}\n`);
  return resolved;
}
