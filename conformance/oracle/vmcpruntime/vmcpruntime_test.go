package vmcpruntime

import (
	"strings"
	"testing"

	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
)

const minimalConfig = `
name: demo
groupRef: demo
incomingAuth:
  type: anonymous
outgoingAuth:
  source: inline
aggregation:
  conflictResolution: prefix
  conflictResolutionConfig:
    prefixFormat: "{workload}_"
backends:
  - name: fetch
    url: http://mcp-fetch-proxy.default.svc.cluster.local:8080/mcp
    transport: streamable-http
`

func TestCheckText(t *testing.T) {
	headerEnvConfig := strings.Replace(minimalConfig, "  source: inline\n", `  source: inline
  backends:
    fetch:
      type: header_injection
      headerInjection:
        headerName: X-API-Key
        headerValueEnv: FETCH_API_KEY
`, 1)
	tests := []struct {
		name     string
		config   string
		env      []string
		accepted bool
		stage    string
		errorHas string
	}{
		{name: "minimal valid config", config: minimalConfig, accepted: true},
		{
			name:     "unknown field refused by the strict loader",
			config:   minimalConfig + "unknownTopLevel: true\n",
			stage:    StageLoad,
			errorHas: "field unknownTopLevel not found",
		},
		{
			name:     "env var named by the config but unset",
			config:   headerEnvConfig,
			stage:    StageLoad,
			errorHas: "FETCH_API_KEY",
		},
		{name: "same env var set", config: headerEnvConfig, env: []string{"FETCH_API_KEY"}, accepted: true},
		{
			name:     "validator refuses a missing name",
			config:   strings.Replace(minimalConfig, "name: demo\n", "", 1),
			stage:    StageValidate,
			errorHas: "name",
		},
		{
			name:     "an audit config the loader and validator pass is refused when serve starts",
			config:   minimalConfig + "audit:\n  enabled: true\n  maxDataSize: -1\n",
			stage:    StageStart,
			errorHas: "maxDataSize cannot be negative",
		},
		{
			name:     "a rate-limit bucket with a refill period of zero is refused when the limiter is built",
			config:   minimalConfig + "sessionStorage:\n  provider: redis\n  address: redis:6379\nrateLimiting:\n  shared:\n    maxTokens: 10\n    refillPeriod:\n      duration: 0s\n",
			stage:    StageStart,
			errorHas: "refillPeriod must be positive",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := CheckText([]byte(tc.config), NewEnv(tc.env))
			if err != nil {
				t.Fatal(err)
			}
			if res.Accepted != tc.accepted {
				t.Fatalf("accepted = %v, want %v (%+v)", res.Accepted, tc.accepted, res)
			}
			if !tc.accepted {
				if res.Stage != tc.stage || !strings.Contains(res.Error, tc.errorHas) {
					t.Errorf("got stage %q error %q; want stage %q and an error containing %q", res.Stage, res.Error, tc.stage, tc.errorHas)
				}
			}
		})
	}
}

func TestDeploymentEnvNames(t *testing.T) {
	docs := inputs.ParseFile("d.yaml", []byte(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: v}
spec:
  selector: {matchLabels: {app: v}}
  template:
    metadata: {labels: {app: v}}
    spec:
      containers:
      - name: vmcp
        image: x
        env:
        - {name: B, value: "1"}
        - name: A
          valueFrom: {secretKeyRef: {name: s, key: k}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: ignored}
data: {C: "1"}
`))
	names, err := DeploymentEnvNames(docs)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(names, ",") != "A,B" {
		t.Errorf("names = %v, want [A B]", names)
	}
}
