package admit

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"unicode"

	"k8s.io/apiextensions-apiserver/pkg/apihelpers"
	apiextensionsinternal "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions"
	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	"k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	"k8s.io/apimachinery/pkg/runtime/schema"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"sigs.k8s.io/yaml"
)

const (
	// ToolHiveModule is the Go module whose CRDs and code the oracle runs.
	ToolHiveModule = "github.com/stacklok/toolhive"
	// Group is the API group of every ToolHive resource.
	Group = "toolhive.stacklok.dev"
	// crdSubdir is where the ToolHive module keeps its generated CRD manifests.
	crdSubdir = "deploy/charts/operator-crds/files/crds"
)

// ToolHiveVersion returns the version of the ToolHive module this binary was
// built with, read from the build information so that the CRDs read at run
// time always belong to the code that was compiled in.
func ToolHiveVersion() (string, error) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "", fmt.Errorf("no build information in this binary")
	}
	for _, dep := range info.Deps {
		if dep.Path == ToolHiveModule {
			if dep.Replace != nil {
				return dep.Replace.Version, nil
			}
			return dep.Version, nil
		}
	}
	return "", fmt.Errorf("module %s is not among this binary's dependencies", ToolHiveModule)
}

// LocateCRDs finds the CRD directory of the ToolHive module in the Go module
// cache. override (the --crds flag) wins when set. The module version comes
// from this binary's build information; a binary that does not link ToolHive
// (a package test) asks `go list -m` instead, which works inside this module.
func LocateCRDs(override string) (string, error) {
	if override != "" {
		return override, nil
	}
	moduleDir, err := toolHiveModuleDir()
	if err != nil {
		return "", err
	}
	dir := filepath.Join(moduleDir, filepath.FromSlash(crdSubdir))
	if _, err := os.Stat(dir); err != nil {
		return "", fmt.Errorf("ToolHive CRDs not found at %s (run `go mod download %s` in conformance/oracle, or pass --crds DIR): %w",
			dir, ToolHiveModule, err)
	}
	return dir, nil
}

func toolHiveModuleDir() (string, error) {
	version, err := ToolHiveVersion()
	if err == nil {
		modcache, err := goModCache()
		if err != nil {
			return "", err
		}
		return filepath.Join(modcache, escapeModulePath(ToolHiveModule)+"@"+version), nil
	}
	out, listErr := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", ToolHiveModule).Output()
	if listErr != nil {
		return "", fmt.Errorf("%v; and `go list -m %s` failed: %v", err, ToolHiveModule, listErr)
	}
	return strings.TrimSpace(string(out)), nil
}

// goModCache asks, in order, $GOMODCACHE, `go env GOMODCACHE`, then the
// toolchain's documented default ($GOPATH/pkg/mod, else ~/go/pkg/mod).
func goModCache() (string, error) {
	if v := os.Getenv("GOMODCACHE"); v != "" {
		return v, nil
	}
	if out, err := exec.Command("go", "env", "GOMODCACHE").Output(); err == nil {
		if v := strings.TrimSpace(string(out)); v != "" {
			return v, nil
		}
	}
	if gopath := os.Getenv("GOPATH"); gopath != "" {
		return filepath.Join(filepath.SplitList(gopath)[0], "pkg", "mod"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", fmt.Errorf("cannot find the Go module cache: %w", err)
	}
	return filepath.Join(home, "go", "pkg", "mod"), nil
}

// escapeModulePath applies the module cache's case encoding (an upper-case
// letter is stored as '!' followed by its lower-case form).
func escapeModulePath(p string) string {
	var b strings.Builder
	for _, r := range p {
		if unicode.IsUpper(r) {
			b.WriteByte('!')
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Registry holds the CRDs of one directory. The expensive parts of a version
// (structural schema, OpenAPI validator, compiled CEL programs) are built on
// first use and kept for the life of the process, as the API server keeps them
// per CRD, so that a batch of thousands of requests pays for them once.
type Registry struct {
	Dir  string
	crds map[schema.GroupKind]*crdEntry
}

type crdEntry struct {
	crd      *apiextensionsv1.CustomResourceDefinition
	versions map[string]*versionEntry
}

// versionEntry is what the API server's CRD handler prepares for one served
// version (customresource_handler.go getOrCreateServingInfoFor).
type versionEntry struct {
	once       sync.Once
	err        error
	structural *structuralschema.Structural
	validator  apiservervalidation.SchemaValidator
	cel        *cel.Validator
	hasStatus  bool
	namespaced bool
	kind       schema.GroupVersionKind
	crd        *apiextensionsv1.CustomResourceDefinition
	version    string
}

// LoadRegistry reads every CRD manifest in dir.
func LoadRegistry(dir string) (*Registry, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		return nil, err
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("no CRD manifests (*.yaml) in %s", dir)
	}
	sort.Strings(paths)
	r := &Registry{Dir: dir, crds: map[schema.GroupKind]*crdEntry{}}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		crd := &apiextensionsv1.CustomResourceDefinition{}
		if err := yaml.Unmarshal(data, crd); err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if crd.Kind != "CustomResourceDefinition" {
			continue
		}
		// The API server stores CRDs with their defaults applied; its CR
		// handler works from that stored form.
		apiextensionsv1.SetObjectDefaults_CustomResourceDefinition(crd)
		gk := schema.GroupKind{Group: crd.Spec.Group, Kind: crd.Spec.Names.Kind}
		entry := &crdEntry{crd: crd, versions: map[string]*versionEntry{}}
		for _, v := range crd.Spec.Versions {
			if !v.Served {
				continue
			}
			entry.versions[v.Name] = &versionEntry{
				crd:        crd,
				version:    v.Name,
				namespaced: crd.Spec.Scope == apiextensionsv1.NamespaceScoped,
				hasStatus:  v.Subresources != nil && v.Subresources.Status != nil,
				kind:       gk.WithVersion(v.Name),
			}
		}
		r.crds[gk] = entry
	}
	return r, nil
}

// Kinds lists the kinds the registry knows, sorted.
func (r *Registry) Kinds() []schema.GroupKind {
	out := make([]schema.GroupKind, 0, len(r.crds))
	for gk := range r.crds {
		out = append(out, gk)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

// StorageVersion returns the version a kind is stored in.
func (r *Registry) StorageVersion(gk schema.GroupKind) (string, bool) {
	e, ok := r.crds[gk]
	if !ok {
		return "", false
	}
	for _, v := range e.crd.Spec.Versions {
		if v.Storage {
			return v.Name, true
		}
	}
	return "", false
}

// Namespaced reports whether a kind of the registry is namespace scoped.
func (r *Registry) Namespaced(gk schema.GroupKind) (bool, bool) {
	e, ok := r.crds[gk]
	if !ok {
		return false, false
	}
	return e.crd.Spec.Scope == apiextensionsv1.NamespaceScoped, true
}

// lookup returns the prepared version for a GVK, or an error worded as the
// API server's discovery would word it.
func (r *Registry) lookup(gvk schema.GroupVersionKind) (*versionEntry, error) {
	e, ok := r.crds[gvk.GroupKind()]
	if !ok {
		return nil, fmt.Errorf("no matches for kind %q in version %q", gvk.Kind, gvk.GroupVersion().String())
	}
	v, ok := e.versions[gvk.Version]
	if !ok {
		return nil, fmt.Errorf("no matches for kind %q in version %q", gvk.Kind, gvk.GroupVersion().String())
	}
	v.once.Do(v.prepare)
	if v.err != nil {
		return nil, v.err
	}
	return v, nil
}

// prepare mirrors the CRD handler: v1 schema → internal → structural with
// defaults pruned; an OpenAPI schema validator from the internal schema; and a
// CEL validator compiled from the structural schema with the server's
// per-call cost limit (registry/customresource/strategy.go NewStrategy).
func (v *versionEntry) prepare() {
	val, err := apihelpers.GetSchemaForVersion(v.crd, v.version)
	if err != nil {
		v.err = err
		return
	}
	if val == nil {
		v.err = fmt.Errorf("%s %s has no schema", v.crd.Name, v.version)
		return
	}
	internal := &apiextensionsinternal.CustomResourceValidation{}
	if err := apiextensionsv1.Convert_v1_CustomResourceValidation_To_apiextensions_CustomResourceValidation(val, internal, nil); err != nil {
		v.err = fmt.Errorf("converting %s %s schema to internal: %w", v.crd.Name, v.version, err)
		return
	}
	s, err := structuralschema.NewStructural(internal.OpenAPIV3Schema)
	if err != nil {
		v.err = fmt.Errorf("%s %s schema is not structural: %w", v.crd.Name, v.version, err)
		return
	}
	s = s.DeepCopy()
	if err := structuraldefaulting.PruneDefaults(s); err != nil {
		v.err = fmt.Errorf("pruning defaults of %s %s: %w", v.crd.Name, v.version, err)
		return
	}
	validator, _, err := apiservervalidation.NewSchemaValidator(internal.OpenAPIV3Schema)
	if err != nil {
		v.err = fmt.Errorf("building the schema validator of %s %s: %w", v.crd.Name, v.version, err)
		return
	}
	v.structural = s
	v.validator = validator
	v.cel = cel.NewValidator(s, true, celconfig.PerCallLimit)
}
