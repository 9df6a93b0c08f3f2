import { createRequire } from "node:module";
import type * as Cdk8s from "cdk8s";
import type * as K8s from "cdk8s-plus-28/lib/imports/k8s.js";

// Both packages are CommonJS. Imported from ESM, Node first scans their source for named exports
// (cdk8s-plus-28's k8s.js is 2.6 MB); `require` skips that scan, which cuts ~80 ms from every
// rendering run (bench/PLAN.md).
const require = createRequire(import.meta.url);

export const cdk8s = require("cdk8s") as typeof Cdk8s;
export const k8s = require("cdk8s-plus-28/lib/imports/k8s.js") as typeof K8s;
