// A cdk8s app with a ToolHive vMCP in it: `npx tsx main.ts` (or `cdk8s synth`, cdk8s.yaml) writes
// dist/platform.k8s.yaml. The chart holds the VirtualMCPServer's objects, rendered by vmcp-gen as
// the ToolHive operator would render them, beside the app's own objects.
import { readFileSync } from "node:fs";
import { ApiObject, App, Chart, type ChartProps } from "cdk8s";
import type { Construct } from "constructs";
import { resolveVirtualMcpServer, VirtualMcpServer } from "vmcp-gen";
import { parseAllDocuments } from "yaml";

class Platform extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, props);
    const resources = parseAllDocuments(readFileSync(new URL("toolhive.yaml", import.meta.url), "utf8")).map(
      (doc) => doc.toJS() as Record<string, unknown>,
    );

    // Validated and resolved as `vmcp-gen synth` does it: a mistake in toolhive.yaml throws here,
    // with vmcp-gen's diagnostics (file, line, field, hint) in the message.
    const engineering = new VirtualMcpServer(
      this,
      "engineering",
      resolveVirtualMcpServer({ resources, name: "engineering" }),
    );

    // Its parts are cdk8s-plus-28 API objects, open to the usual cdk8s changes.
    engineering.deployment.metadata.addAnnotation("example.com/owner", "platform-team");

    // The CA bundle the vMCP pod mounts is the app's own object.
    for (const r of resources)
      if (r.kind === "ConfigMap") new ApiObject(this, `configmap-${(r.metadata as { name: string }).name}`, r as never);
  }
}

const app = new App();
new Platform(app, "platform");
app.synth();
