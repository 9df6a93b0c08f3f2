import { createRequire } from "node:module";
import type * as Cdk8s from "cdk8s";
import type * as K8s from "cdk8s-plus-28/lib/imports/k8s.js";

// cdk8s and cdk8s-plus-28 are CommonJS, required (not imported) so that Node does not scan their
// source for named exports first: for cdk8s-plus-28's 2.6 MB Kubernetes 1.28 module that scan
// costs more than loading it (30–80 ms, docs/performance.md). The typed API objects (KubeDeployment,
// KubeService, …) and their structs come from that module, which cdk8s-plus-28 also exports as
// its `k8s` namespace; the package index would load its L2 constructs too, which vmcp-gen never uses.
const require = createRequire(import.meta.url);

export const cdk8s = require("cdk8s") as typeof Cdk8s;
export const k8s = require("cdk8s-plus-28/lib/imports/k8s.js") as typeof K8s;
