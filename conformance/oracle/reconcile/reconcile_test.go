package reconcile

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/go-logr/logr"

	"github.com/stacklok/vmcp-gen/conformance/oracle/admit"
	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
)

// inlineScenario is the smallest static-mode setup: a group with one
// MCPServer and one MCPServerEntry, and a VirtualMCPServer with inline
// outgoing auth, so the operator writes both backends into config.yaml.
const inlineScenario = `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata: {name: team, namespace: tools}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata: {name: fetch, namespace: tools}
spec:
  image: ghcr.io/stackloklabs/gofetch/server:1.0.1
  groupRef: {name: team}
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServerEntry
metadata: {name: docs, namespace: tools}
spec:
  groupRef: {name: team}
  remoteUrl: https://mcp.example.com/mcp
  transport: streamable-http
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: team, namespace: tools}
spec:
  groupRef: {name: team}
  incomingAuth: {type: anonymous}
  outgoingAuth: {source: inline}
`

// TestMain silences the operator's slog output (the discoverer logs every
// backend it finds).
func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

func testRegistry(t *testing.T) *admit.Registry { return testRegistryB(t) }

func testRegistryB(t testing.TB) *admit.Registry {
	t.Helper()
	dir, err := admit.LocateCRDs("")
	if err != nil {
		t.Fatal(err)
	}
	reg, err := admit.LoadRegistry(dir)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

func runScenario(t *testing.T, yamlText string) *Output {
	t.Helper()
	PrepareEnv()
	docs := inputs.ParseFile("scenario.yaml", []byte(yamlText))
	out, err := Run(context.Background(), testRegistry(t), docs, Options{MemberPhase: "Ready", Logger: logr.Discard()})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func findObject(out *Output, kind, name string) map[string]interface{} {
	for _, o := range out.Objects {
		md, _ := o["metadata"].(map[string]interface{})
		if o["kind"] == kind && md["name"] == name {
			return o
		}
	}
	return nil
}

func TestReconcileInlineScenario(t *testing.T) {
	out := runScenario(t, inlineScenario)
	if len(out.Admission) != 0 {
		t.Fatalf("unexpected admission failures: %+v", out.Admission)
	}
	if len(out.VirtualMCPServers) != 1 {
		t.Fatalf("want one VirtualMCPServer result, got %+v", out.VirtualMCPServers)
	}
	v := out.VirtualMCPServers[0]
	if v.ReconcileError != "" {
		t.Fatalf("reconcile error: %s", v.ReconcileError)
	}
	// Pass 1 creates everything; pass 2 must change nothing.
	if !v.Converged || v.Passes != 2 {
		t.Errorf("converged=%v passes=%d, want converged after 2 passes (the second a no-op)", v.Converged, v.Passes)
	}

	for _, want := range []struct{ kind, name string }{
		{"Deployment", "team"},
		{"ConfigMap", "team-vmcp-config"},
		{"Service", "vmcp-team"},
		{"ServiceAccount", "team-vmcp"},
		{"Role", "team-vmcp"},
		{"RoleBinding", "team-vmcp"},
		{"Secret", "team-hmac-secret"},
	} {
		obj := findObject(out, want.kind, want.name)
		if obj == nil {
			t.Errorf("missing %s %s", want.kind, want.name)
			continue
		}
		if obj["apiVersion"] == "" || obj["apiVersion"] == nil {
			t.Errorf("%s %s has no apiVersion", want.kind, want.name)
		}
		md := obj["metadata"].(map[string]interface{})
		for _, k := range []string{"resourceVersion", "uid", "creationTimestamp", "generation", "managedFields"} {
			if _, ok := md[k]; ok {
				t.Errorf("%s %s still has metadata.%s", want.kind, want.name, k)
			}
		}
	}
	if len(out.Objects) != 7 {
		t.Errorf("got %d objects, want 7", len(out.Objects))
	}

	cm := findObject(out, "ConfigMap", "team-vmcp-config")
	if cm != nil {
		cfg, _ := cm["data"].(map[string]interface{})["config.yaml"].(string)
		for _, want := range []string{
			"name: docs",
			"url: https://mcp.example.com/mcp",
			"name: fetch",
			"url: http://mcp-fetch-proxy.tools.svc.cluster.local:8080/mcp",
			"source: inline",
		} {
			if !strings.Contains(cfg, want) {
				t.Errorf("config.yaml lacks %q:\n%s", want, cfg)
			}
		}
	}
	if s := findObject(out, "Secret", "team-hmac-secret"); s != nil {
		if got := s["data"].(map[string]interface{})["hmac-secret"]; got != RandomPlaceholder {
			t.Errorf("HMAC secret not masked: %v", got)
		}
	}
	if d := findObject(out, "Deployment", "team"); d != nil {
		refs := d["metadata"].(map[string]interface{})["ownerReferences"].([]interface{})
		if refs[0].(map[string]interface{})["uid"] != "" {
			t.Errorf("owner reference uid not blanked: %v", refs)
		}
	}
	var entryPhase interface{}
	for _, m := range out.Members {
		if m.Kind == "MCPServerEntry" && m.Name == "docs" {
			entryPhase = m.Status["phase"]
		}
	}
	if entryPhase != "Valid" {
		t.Errorf("MCPServerEntry phase = %v, want Valid (set by its own reconciler)", entryPhase)
	}
}

// TestReconcileIsRepeatable runs the same scenario twice: apart from the
// masked random Secret, the output must be identical.
func TestReconcileIsRepeatable(t *testing.T) {
	a := runScenario(t, inlineScenario)
	b := runScenario(t, inlineScenario)
	if !jsonEqual(a, b) {
		t.Errorf("two runs differ")
	}
}

func TestReconcileReportsRejectedObjects(t *testing.T) {
	out := runScenario(t, inlineScenario+`
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata: {name: bad, namespace: tools}
spec:
  image: x
  groupRef: {name: team}
  unknownField: true
---
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata: {name: team, namespace: tools}
`)
	if len(out.Admission) != 2 {
		t.Fatalf("want the unknown-field MCPServer and the duplicate MCPGroup rejected, got %+v", out.Admission)
	}
	if out.Admission[0].Errors[0].Origin != admit.OriginUnknownField {
		t.Errorf("first rejection: %+v", out.Admission[0])
	}
	if out.VirtualMCPServers[0].ReconcileError != "" {
		t.Errorf("the rejected objects must be left out of the cluster: %s", out.VirtualMCPServers[0].ReconcileError)
	}
}

func jsonEqual(a, b interface{}) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}
