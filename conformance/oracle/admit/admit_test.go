package admit

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
)

var (
	testRegOnce sync.Once
	testReg     *Registry
	testRegErr  error
)

// registry loads the CRDs of the ToolHive module this test binary was built
// with, exactly as the oracle does.
func registry(t *testing.T) *Registry {
	t.Helper()
	testRegOnce.Do(func() {
		dir, err := LocateCRDs("")
		if err != nil {
			testRegErr = err
			return
		}
		testReg, testRegErr = LoadRegistry(dir)
	})
	if testRegErr != nil {
		t.Fatalf("loading the ToolHive CRDs: %v", testRegErr)
	}
	return testReg
}

func admitOne(t *testing.T, yamlText string) Result {
	t.Helper()
	docs := inputs.ParseFile("test.yaml", []byte(yamlText))
	if len(docs) != 1 || docs[0].Err != nil {
		t.Fatalf("want one document, got %d (%v)", len(docs), docs)
	}
	return registry(t).Admit(context.Background(), "test.yaml", 0, docs[0].Object, "default")
}

func TestAdmit(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		// accepted is the expected verdict.
		accepted bool
		// origin and fieldPath, when set, must match one of the errors.
		origin, fieldPath, detailHas string
		// check inspects an accepted object.
		check func(t *testing.T, obj map[string]interface{})
	}{
		{
			name: "defaults proxyMode and namespace of an MCPServer",
			yaml: `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServer
metadata: {name: fetch}
spec:
  image: ghcr.io/stackloklabs/gofetch/server:1.0.1
  transport: stdio
`,
			accepted: true,
			check: func(t *testing.T, obj map[string]interface{}) {
				spec := obj["spec"].(map[string]interface{})
				if spec["proxyMode"] != "streamable-http" {
					t.Errorf("proxyMode = %v, want the CRD default streamable-http", spec["proxyMode"])
				}
				md := obj["metadata"].(map[string]interface{})
				if md["namespace"] != "default" {
					t.Errorf("namespace = %v, want default", md["namespace"])
				}
			},
		},
		{
			name: "drops status on create (status subresource)",
			yaml: `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata: {name: g, namespace: tools}
status: {phase: Ready}
`,
			accepted: true,
			check: func(t *testing.T, obj map[string]interface{}) {
				if _, ok := obj["status"]; ok {
					t.Errorf("status kept on create: %v", obj["status"])
				}
			},
		},
		{
			name: "rejects an unknown field like strict field validation",
			yaml: `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPServerEntry
metadata: {name: e}
spec:
  groupRef: {name: g}
  remoteUrl: https://mcp.example.com/mcp
  transport: streamable-http
  remoteURL: https://typo.example.com
`,
			origin:    OriginUnknownField,
			fieldPath: "spec.remoteURL",
			detailHas: `unknown field "spec.remoteURL"`,
		},
		{
			name: "rejects a CEL rule violation (oidc incomingAuth without oidcConfigRef)",
			yaml: `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: v}
spec:
  groupRef: {name: g}
  incomingAuth: {type: oidc}
`,
			origin:    OriginCEL,
			fieldPath: "spec.incomingAuth",
		},
		{
			name: "rejects an enum violation from the OpenAPI schema",
			yaml: `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: VirtualMCPServer
metadata: {name: v}
spec:
  groupRef: {name: g}
  incomingAuth: {type: anonymous}
  outgoingAuth: {source: mixed}
`,
			origin:    OriginSchema,
			fieldPath: "spec.outgoingAuth.source",
		},
		{
			name: "rejects an invalid object name",
			yaml: `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPGroup
metadata: {name: Not_Valid}
`,
			origin:    OriginObjectMeta,
			fieldPath: "metadata.name",
		},
		{
			name: "reports an unknown kind as an error entry",
			yaml: `
apiVersion: toolhive.stacklok.dev/v1beta1
kind: MCPNothing
metadata: {name: x}
`,
			origin:    OriginDecode,
			detailHas: `no matches for kind "MCPNothing"`,
		},
		{
			name: "reports an unserved version as an error entry",
			yaml: `
apiVersion: toolhive.stacklok.dev/v9
kind: MCPGroup
metadata: {name: x}
`,
			origin:    OriginDecode,
			detailHas: `no matches for kind "MCPGroup" in version "toolhive.stacklok.dev/v9"`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := admitOne(t, tc.yaml)
			if res.Accepted != tc.accepted {
				t.Fatalf("accepted = %v, want %v; errors: %+v", res.Accepted, tc.accepted, res.Errors)
			}
			if tc.origin != "" {
				found := false
				for _, e := range res.Errors {
					if e.Origin == tc.origin &&
						(tc.fieldPath == "" || e.Field == tc.fieldPath) &&
						(tc.detailHas == "" || strings.Contains(e.Message, tc.detailHas)) {
						found = true
					}
				}
				if !found {
					t.Errorf("no %s error at %q containing %q; errors: %+v", tc.origin, tc.fieldPath, tc.detailHas, res.Errors)
				}
			}
			if tc.accepted && tc.check != nil {
				tc.check(t, res.Object)
			}
			if !tc.accepted && res.Object != nil {
				t.Errorf("a rejected object must not carry an object")
			}
		})
	}
}

func TestAdmitSkipsPlainObjects(t *testing.T) {
	res := admitOne(t, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n")
	if !res.Accepted || !res.Skipped || res.Object != nil {
		t.Errorf("plain object: got accepted=%v skipped=%v object=%v", res.Accepted, res.Skipped, res.Object)
	}
}

func TestAdmitForeignGroupsAndBuiltinNames(t *testing.T) {
	tests := []struct {
		name, yaml, errorHas string
		accepted             bool
	}{
		{name: "a ToolHive kind in the core group maps to nothing", yaml: "apiVersion: v1beta1\nkind: MCPGroup\nmetadata: {name: g}\n", errorHas: `no matches for kind "MCPGroup"`},
		{name: "a ToolHive kind under a misspelt group maps to nothing", yaml: "apiVersion: toolhive.stacklock.dev/v1beta1\nkind: MCPGroup\nmetadata: {name: g}\n", errorHas: "no matches"},
		{name: "a ConfigMap name the API server refuses", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ends-with-}\n", errorHas: "RFC 1123 subdomain"},
		{name: "a valid ConfigMap passes through", yaml: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ca}\n", accepted: true},
		{name: "another project's kind is not judged", yaml: "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: Not_A_Name}\n", accepted: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := admitOne(t, tc.yaml)
			if res.Accepted != tc.accepted {
				t.Fatalf("accepted = %v, want %v (%+v)", res.Accepted, tc.accepted, res.Errors)
			}
			if !tc.accepted && (len(res.Errors) == 0 || !strings.Contains(res.Errors[0].Message, tc.errorHas)) {
				t.Errorf("errors %+v; want one containing %q", res.Errors, tc.errorHas)
			}
		})
	}
}
