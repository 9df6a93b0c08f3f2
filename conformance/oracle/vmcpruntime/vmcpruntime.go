// Package vmcpruntime runs the vMCP binary's own configuration checks on a
// config.yaml: the strict YAML loader of pkg/vmcp/config followed by its
// validator, which is what both `vmcp validate` (pkg/vmcp/cli/validate.go)
// and `vmcp serve` (pkg/vmcp/cli/serve.go loadAndValidateConfig) do before
// anything else; then the checks `serve` makes before it starts that need no
// network or cluster (start.go).
package vmcpruntime

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"

	appsv1 "k8s.io/api/apps/v1"
	"k8s.io/apimachinery/pkg/runtime"

	"github.com/stacklok/toolhive/pkg/vmcp/config"

	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
)

// Stages at which the runtime can refuse a config.
const (
	StageLoad     = "load"
	StageValidate = "validate"
	StageStart    = "start"
)

// Result is the runtime's verdict.
type Result struct {
	Accepted bool   `json:"accepted"`
	Stage    string `json:"stage,omitempty"`
	Error    string `json:"error,omitempty"`
}

// PlaceholderPrefix starts the value the oracle gives to every environment
// variable it is told is set.
const PlaceholderPrefix = "placeholder-"

// envReader answers only for the names it was given (with a placeholder),
// so that the result does not depend on the oracle's own environment.
type envReader map[string]string

func (e envReader) Getenv(key string) string { return e[key] }

func (e envReader) LookupEnv(key string) (string, bool) {
	v, ok := e[key]
	return v, ok
}

// NewEnv builds the set of environment variable names the vMCP container is
// assumed to have.
func NewEnv(names []string) map[string]string {
	env := map[string]string{}
	for _, n := range names {
		env[n] = PlaceholderPrefix + n
	}
	return env
}

// DeploymentEnvNames returns the env[].name of every container (and init
// container) of the Deployments among the documents, sorted and unique.
func DeploymentEnvNames(docs []inputs.Document) ([]string, error) {
	seen := map[string]bool{}
	for _, d := range docs {
		if d.Err != nil {
			return nil, fmt.Errorf("%s[%d]: %w", d.File, d.Index, d.Err)
		}
		if d.Object.GetKind() != "Deployment" || d.Object.GroupVersionKind().Group != "apps" {
			continue
		}
		dep := &appsv1.Deployment{}
		if err := runtime.DefaultUnstructuredConverter.FromUnstructured(d.Object.Object, dep); err != nil {
			return nil, fmt.Errorf("%s[%d]: not a Deployment: %w", d.File, d.Index, err)
		}
		for _, c := range append(dep.Spec.Template.Spec.InitContainers, dep.Spec.Template.Spec.Containers...) {
			for _, e := range c.Env {
				seen[e.Name] = true
			}
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// CheckFile loads and validates the config file at path.
func CheckFile(path string, env map[string]string) (res Result) {
	stage := StageLoad
	// A panic in the runtime's code is a finding, not a reason to stop a batch.
	defer func() {
		if p := recover(); p != nil {
			res = Result{Stage: stage, Error: fmt.Sprintf("panic in the vMCP runtime: %v", p)}
		}
	}()
	cfg, err := config.NewYAMLLoader(path, envReader(env)).Load()
	if err != nil {
		return Result{Stage: StageLoad, Error: err.Error()}
	}
	stage = StageValidate
	if err := config.NewValidator().Validate(cfg); err != nil {
		return Result{Stage: StageValidate, Error: err.Error()}
	}
	stage = StageStart
	if err := startChecks(cfg); err != nil {
		return Result{Stage: StageStart, Error: err.Error()}
	}
	return Result{Accepted: true}
}

// CheckText writes the config text to a temporary file (the loader only reads
// files) and checks it.
func CheckText(text []byte, env map[string]string) (Result, error) {
	dir, err := os.MkdirTemp("", "oracle-vmcp-config-")
	if err != nil {
		return Result{}, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(path, text, 0o600); err != nil {
		return Result{}, err
	}
	return CheckFile(path, env), nil
}
