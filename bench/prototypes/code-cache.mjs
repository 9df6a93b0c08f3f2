#!/usr/bin/env node
// PROTOTYPE (bench/PLAN.md §3, item 5): V8 code caches for a CommonJS bundle and for the
// precompiled validators, written at build time. Node 20 has neither module.enableCompileCache()
// nor NODE_COMPILE_CACHE (both Node ≥ 22.1); vm.Script's cachedData works on every version.
//
//   node bench/prototypes/code-cache.mjs BUNDLE.cjs [VALIDATOR_DIR]
//
// It runs representative commands in-process first, so the cache also holds the functions they
// compiled lazily (createCachedData after execution includes them). The loader that uses the
// caches is loadWithCache() below; a bin would do:
//   const { exports } = loadWithCache(bundle); process.exitCode = await exports.main(argv, io);
// V8 checks version, flags and source hash: a stale cache is rejected (script.cachedDataRejected)
// and the code simply compiles as usual.
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export function loadWithCache(file) {
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    /* no cache: compile as usual */
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), { filename: file, cachedData });
  const m = { exports: {} };
  script.runInThisContext()(m.exports, createRequire(file), m, file, path.dirname(file));
  return { exports: m.exports, script, rejected: cachedData ? script.cachedDataRejected : undefined };
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
const [bundleArg, validatorArg] = isMain ? process.argv.slice(2) : [];
if (bundleArg) {
  const bundle = path.resolve(bundleArg);
  const root = path.resolve(path.dirname(bundle), "..", "..");
  const t0 = performance.now();
  const { exports, script } = loadWithCache(bundle);
  const io = {
    cwd: root,
    env: {},
    stdin: Readable.from([]),
    stdout: { write: () => true },
    stderr: { write: () => true },
  };
  for (const argv of [["synth", "fixtures/quickstart"], ["validate", "fixtures/quickstart"], ["--help"]])
    await exports.main(argv, io);
  fs.writeFileSync(`${bundle}.cache`, script.createCachedData());
  let n = 0;
  if (validatorArg) {
    const dir = path.resolve(validatorArg);
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith(".cjs") && f !== "formats.cjs")) {
      const file = path.join(dir, f);
      const { exports: validate, script: s } = loadWithCache(file);
      validate({ apiVersion: "x", kind: "y", metadata: {}, spec: {} }); // compiles the (huge) validate function
      fs.writeFileSync(`${file}.cache`, s.createCachedData());
      n++;
    }
  }
  console.log(
    `code caches for ${path.basename(bundle)} and ${n} validators in ${(performance.now() - t0).toFixed(0)} ms`,
  );
}
