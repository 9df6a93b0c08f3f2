import { createRequire } from "node:module";
import type * as Cdk8s from "cdk8s";

// cdk8s is CommonJS. Imported from ESM, Node first scans its source for named exports; `require`
// skips that scan (bench/PLAN.md). cdk8s-plus-28 is used for its types only (render/kube-json.ts):
// its 2.6 MB module of L1 classes is never loaded.
const require = createRequire(import.meta.url);

export const cdk8s = require("cdk8s") as typeof Cdk8s;
