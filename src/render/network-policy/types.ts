/** A place the vMCP pod connects to, as a network policy can select it. */
export type Destination =
  /** An operator-managed proxy (MCPServer, MCPRemoteProxy): its pods by namespace and labels. */
  | {
      readonly kind: "pods";
      readonly namespace: string;
      readonly labels: Readonly<Record<string, string>>;
      readonly port: number;
      readonly why: string;
    }
  /** A Service inside the cluster whose pods' labels vmcp-gen cannot know: the whole namespace. */
  | { readonly kind: "namespace"; readonly namespace: string; readonly port: number; readonly why: string }
  /** An address in a range the public rule excepts (a private Redis, say). */
  | { readonly kind: "cidr"; readonly cidr: string; readonly port: number; readonly why: string }
  /** A public host name (or public IP literal): public ranges by port, or Cilium's toFQDNs. */
  | {
      readonly kind: "external";
      readonly host: string;
      readonly ip: boolean;
      readonly port: number;
      readonly why: string;
    };

export type NetworkPolicyFlavor = "kubernetes" | "cilium";

export interface NetworkPolicyOptions {
  readonly flavor: NetworkPolicyFlavor;
  /** Labels of the namespaces allowed to reach the vMCP port; absent means every namespace. */
  readonly ingressNamespaceLabels?: Readonly<Record<string, string>>;
}
