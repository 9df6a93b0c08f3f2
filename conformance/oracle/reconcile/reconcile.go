// Package reconcile runs the ToolHive operator's reconcilers on a
// controller-runtime fake client seeded with admitted objects, and reports what
// they create.
package reconcile

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"
	"sigs.k8s.io/controller-runtime/pkg/client/fake"
	"sigs.k8s.io/controller-runtime/pkg/client/interceptor"
	"sigs.k8s.io/controller-runtime/pkg/log"
	ctrlreconcile "sigs.k8s.io/controller-runtime/pkg/reconcile"

	mcpv1beta1 "github.com/stacklok/toolhive/cmd/thv-operator/api/v1beta1"
	"github.com/stacklok/toolhive/cmd/thv-operator/controllers"
	ctrlutil "github.com/stacklok/toolhive/cmd/thv-operator/pkg/controllerutil"
	"github.com/stacklok/toolhive/pkg/container/kubernetes"
	"k8s.io/client-go/rest"
	clienttesting "k8s.io/client-go/testing"

	"github.com/stacklok/vmcp-gen/conformance/oracle/admit"
	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
)

// DefaultMaxPasses caps how often one reconciler is run over the same state.
const DefaultMaxPasses = 10

// Options control one reconcile run.
type Options struct {
	// Namespace is given to namespaced documents that have none.
	Namespace string
	// MemberPhase is the status.phase given to MCPServer and MCPRemoteProxy
	// members (their reconcilers need real pods to set it). Empty leaves it
	// unset.
	MemberPhase string
	// MaxPasses caps the passes per reconciler loop (DefaultMaxPasses if 0).
	MaxPasses int
	// Logger receives the reconcilers' logs.
	Logger logr.Logger
}

// VMCPResult is the outcome for one VirtualMCPServer.
type VMCPResult struct {
	Namespace      string                 `json:"namespace"`
	Name           string                 `json:"name"`
	ReconcileError string                 `json:"reconcileError"`
	Passes         int                    `json:"passes"`
	Converged      bool                   `json:"converged"`
	Status         map[string]interface{} `json:"status"`
}

// Member is the final status of another ToolHive object.
type Member struct {
	Kind      string                 `json:"kind"`
	Namespace string                 `json:"namespace"`
	Name      string                 `json:"name"`
	Status    map[string]interface{} `json:"status"`
}

// Output is the result of `oracle reconcile`.
type Output struct {
	Admission         []admit.Result           `json:"admission"`
	Objects           []map[string]interface{} `json:"objects"`
	VirtualMCPServers []VMCPResult             `json:"virtualMCPServers"`
	Members           []Member                 `json:"members"`
}

// plainKubernetesDetector makes the operator render for plain Kubernetes
// (not OpenShift) without asking a cluster.
type plainKubernetesDetector struct{}

func (plainKubernetesDetector) DetectPlatform(*rest.Config) (kubernetes.Platform, error) {
	return kubernetes.PlatformKubernetes, nil
}

// Run admits the documents, seeds a fake cluster with the accepted ones, runs
// the reconcilers and collects the result.
func Run(ctx context.Context, reg *admit.Registry, docs []inputs.Document, opts Options) (*Output, error) {
	if opts.MaxPasses <= 0 {
		opts.MaxPasses = DefaultMaxPasses
	}
	if opts.Namespace == "" {
		opts.Namespace = "default"
	}
	ctx = log.IntoContext(ctx, opts.Logger)
	s := Scheme()
	out := &Output{Admission: []admit.Result{}, Objects: []map[string]interface{}{}, VirtualMCPServers: []VMCPResult{}, Members: []Member{}}

	seeds, err := admitAll(ctx, reg, docs, opts, out)
	if err != nil {
		return nil, err
	}

	indexes, err := operatorIndexes(s)
	if err != nil {
		return nil, err
	}
	touched := map[schema.GroupVersionKind]bool{}
	record := func(obj client.Object) {
		if gvk, err := apiutil.GVKForObject(obj, s); err == nil {
			touched[gvk] = true
		}
	}
	// A plain object tracker: the operator never uses server-side apply, and
	// the default field-managed tracker rebuilds a REST mapper on every write,
	// which made each request several times slower.
	builder := fake.NewClientBuilder().WithScheme(s).
		WithObjectTracker(clienttesting.NewObjectTracker(s, codecs.UniversalDecoder())).
		WithObjects(seeds...).
		WithStatusSubresource(statusTypes(reg)...).
		WithInterceptorFuncs(interceptor.Funcs{
			Create: func(ctx context.Context, c client.WithWatch, obj client.Object, o ...client.CreateOption) error {
				record(obj)
				return c.Create(ctx, obj, o...)
			},
			Update: func(ctx context.Context, c client.WithWatch, obj client.Object, o ...client.UpdateOption) error {
				record(obj)
				return c.Update(ctx, obj, o...)
			},
			Patch: func(ctx context.Context, c client.WithWatch, obj client.Object, p client.Patch, o ...client.PatchOption) error {
				record(obj)
				return c.Patch(ctx, obj, p, o...)
			},
			Delete: func(ctx context.Context, c client.WithWatch, obj client.Object, o ...client.DeleteOption) error {
				// Deletions are not part of the output contract; say so on the log.
				opts.Logger.Info("a reconciler deleted an object", "kind", fmt.Sprintf("%T", obj), "namespace", obj.GetNamespace(), "name", obj.GetName())
				return c.Delete(ctx, obj, o...)
			},
		})
	for _, ix := range indexes {
		builder = builder.WithIndex(ix.obj, ix.field, ix.fn)
	}
	c := builder.Build()

	kinds := seedKinds(seeds)
	snap := func() (map[objectKey][]byte, error) {
		for gvk := range touched {
			kinds[gvk] = true
		}
		return snapshot(ctx, c, kinds)
	}
	initial, err := snap()
	if err != nil {
		return nil, err
	}

	// Group members and shared configs first, until they settle.
	prev := initial
	for pass := 1; pass <= opts.MaxPasses; pass++ {
		for _, mr := range memberReconcilers(c) {
			keys, err := listKeys(ctx, c, mr.gvk)
			if err != nil {
				return nil, err
			}
			for _, k := range keys {
				if _, err := safeReconcile(ctx, mr.r, k); err != nil {
					opts.Logger.Info("member reconcile error", "kind", mr.gvk.Kind, "object", k.String(), "error", err.Error())
				}
			}
		}
		cur, err := snap()
		if err != nil {
			return nil, err
		}
		if equalSnapshots(prev, cur) {
			break
		}
		prev = cur
		if pass == opts.MaxPasses {
			opts.Logger.Info("group members did not converge", "passes", pass)
		}
	}

	// Then every VirtualMCPServer, one at a time, until a pass changes nothing.
	vmcpR := &controllers.VirtualMCPServerReconciler{
		Client:           c,
		Scheme:           s,
		PlatformDetector: ctrlutil.NewSharedPlatformDetectorWithDetector(plainKubernetesDetector{}),
	}
	vmcpKeys, err := listKeys(ctx, c, mcpv1beta1.GroupVersion.WithKind("VirtualMCPServer"))
	if err != nil {
		return nil, err
	}
	for _, k := range vmcpKeys {
		res := VMCPResult{Namespace: k.Namespace, Name: k.Name}
		before, err := snap()
		if err != nil {
			return nil, err
		}
		for pass := 1; pass <= opts.MaxPasses; pass++ {
			res.Passes = pass
			_, rerr := safeReconcile(ctx, vmcpR, k)
			res.ReconcileError = ""
			if rerr != nil {
				res.ReconcileError = rerr.Error()
			}
			after, err := snap()
			if err != nil {
				return nil, err
			}
			if equalSnapshots(before, after) {
				res.Converged = true
				break
			}
			before = after
		}
		out.VirtualMCPServers = append(out.VirtualMCPServers, res)
	}

	final, err := snap()
	if err != nil {
		return nil, err
	}
	if err := collect(out, initial, final); err != nil {
		return nil, err
	}
	return out, nil
}

// admitAll admits every document, records the rejected ones, and returns the
// typed objects to seed the cluster with.
func admitAll(ctx context.Context, reg *admit.Registry, docs []inputs.Document, opts Options, out *Output) ([]client.Object, error) {
	mapper := restMapper()
	var seeds []client.Object
	seen := map[objectKey]bool{}
	for _, d := range docs {
		if d.Err != nil {
			out.Admission = append(out.Admission, admit.DecodeFailure(d.File, d.Index, d.Err))
			continue
		}
		res := reg.Admit(ctx, d.File, d.Index, d.Object, opts.Namespace)
		if !res.Accepted {
			out.Admission = append(out.Admission, res)
			continue
		}
		var u *unstructured.Unstructured
		if res.Skipped {
			plain, ok := plainObject(d.Object, mapper, opts)
			if !ok {
				continue
			}
			u = plain
		} else {
			u = res.Stored.DeepCopy()
			gk := u.GroupVersionKind().GroupKind()
			// Conversion strategy None: the stored form is the request with
			// the storage version's apiVersion.
			if v, ok := reg.StorageVersion(gk); ok {
				u.SetAPIVersion(schema.GroupVersion{Group: gk.Group, Version: v}.String())
			}
		}
		key := objectKey{GVK: u.GroupVersionKind(), Namespace: u.GetNamespace(), Name: u.GetName()}
		keyGK := objectKey{GVK: schema.GroupVersionKind{Group: key.GVK.Group, Kind: key.GVK.Kind}, Namespace: key.Namespace, Name: key.Name}
		if seen[keyGK] {
			// A second create of the same object fails with AlreadyExists.
			fe := field.Duplicate(field.NewPath("metadata", "name"), u.GetName())
			res.Accepted, res.Skipped, res.Object, res.Stored = false, false, nil, nil
			res.Errors = append(res.Errors, admit.FieldError{
				Field: fe.Field, Type: string(fe.Type), Detail: fmt.Sprintf("%s %s/%s already exists", key.GVK.Kind, key.Namespace, key.Name),
				Message: fe.Error(), Origin: admit.OriginObjectMeta,
			})
			out.Admission = append(out.Admission, res)
			continue
		}
		seen[keyGK] = true
		u.SetUID(types.UID("uid-" + strings.ToLower(key.GVK.Kind) + "-" + key.Namespace + "-" + key.Name))
		u.SetResourceVersion("")
		data, err := u.MarshalJSON()
		if err != nil {
			return nil, err
		}
		obj, _, err := codecs.UniversalDeserializer().Decode(data, nil, nil)
		if err != nil {
			// For a built-in kind the API server itself decodes into the Go
			// type and would refuse the request; for a ToolHive kind the API
			// server stores it but the operator's client could not read it.
			// Either way the object cannot take part, and the caller is told.
			detail := fmt.Sprintf("cannot be decoded into the Go type the API server and operator use: %v", err)
			if !res.Skipped {
				detail = fmt.Sprintf("accepted by the CRD but the operator's Go type cannot decode it: %v", err)
			}
			res.Accepted, res.Skipped, res.Object, res.Stored = false, false, nil, nil
			res.Errors = append(res.Errors, admit.FieldError{
				Type: string(field.ErrorTypeInvalid), Detail: detail, Message: detail, Origin: admit.OriginDecode,
			})
			out.Admission = append(out.Admission, res)
			continue
		}
		cobj, ok := obj.(client.Object)
		if !ok {
			continue
		}
		seedStatus(cobj, opts)
		seeds = append(seeds, cobj)
	}
	return seeds, nil
}

// plainObject prepares a non-ToolHive document for the fake cluster: kinds the
// scheme does not know are left out (reported on the log), the namespace is
// defaulted for namespaced kinds, and a Secret's stringData is merged into
// data as the API server does on write.
func plainObject(in *unstructured.Unstructured, mapper meta.RESTMapper, opts Options) (*unstructured.Unstructured, bool) {
	u := in.DeepCopy()
	gvk := u.GroupVersionKind()
	if !Scheme().Recognizes(gvk) {
		opts.Logger.Info("skipping an object of a kind the operator's scheme does not know", "apiVersion", u.GetAPIVersion(), "kind", u.GetKind(), "name", u.GetName())
		return nil, false
	}
	if m, err := mapper.RESTMapping(gvk.GroupKind(), gvk.Version); err == nil && m.Scope.Name() == meta.RESTScopeNameNamespace {
		if u.GetNamespace() == "" {
			u.SetNamespace(opts.Namespace)
		}
	} else if err == nil {
		u.SetNamespace("")
	}
	if gvk.Group == "" && gvk.Kind == "Secret" {
		if sd, ok := u.Object["stringData"].(map[string]interface{}); ok {
			data, _ := u.Object["data"].(map[string]interface{})
			if data == nil {
				data = map[string]interface{}{}
			}
			for k, v := range sd {
				if str, ok := v.(string); ok {
					data[k] = base64Std(str)
				}
			}
			u.Object["data"] = data
			delete(u.Object, "stringData")
		}
	}
	return u, true
}

// safeReconcile runs one Reconcile and turns a panic in operator code into an
// error, so that one bad input does not end a batch.
func safeReconcile(ctx context.Context, r ctrlreconcile.Reconciler, key types.NamespacedName) (res ctrlreconcile.Result, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic in reconciler: %v", p)
		}
	}()
	return r.Reconcile(ctx, ctrlreconcile.Request{NamespacedName: key})
}

type memberReconciler struct {
	gvk schema.GroupVersionKind
	r   ctrlreconcile.Reconciler
}

// memberReconcilers are the reconcilers that only validate and write status
// (no workloads), so running them for real is both possible and fair.
func memberReconcilers(c client.Client) []memberReconciler {
	s := Scheme()
	gv := mcpv1beta1.GroupVersion
	return []memberReconciler{
		{gv.WithKind("MCPGroup"), &controllers.MCPGroupReconciler{Client: c}},
		{gv.WithKind("MCPOIDCConfig"), &controllers.MCPOIDCConfigReconciler{Client: c, Scheme: s}},
		{gv.WithKind("MCPExternalAuthConfig"), &controllers.MCPExternalAuthConfigReconciler{Client: c, Scheme: s}},
		{gv.WithKind("MCPAuthzConfig"), &controllers.MCPAuthzConfigReconciler{Client: c, Scheme: s}},
		{gv.WithKind("MCPTelemetryConfig"), &controllers.MCPTelemetryConfigReconciler{Client: c, Scheme: s}},
		{gv.WithKind("MCPToolConfig"), &controllers.ToolConfigReconciler{Client: c, Scheme: s}},
		{gv.WithKind("MCPServerEntry"), &controllers.MCPServerEntryReconciler{Client: c}},
	}
}

// statusTypes returns one empty object of every ToolHive kind, so that the
// fake client serves their status subresource as the CRDs declare it.
func statusTypes(reg *admit.Registry) []client.Object {
	var out []client.Object
	for _, gk := range reg.Kinds() {
		v, ok := reg.StorageVersion(gk)
		if !ok {
			continue
		}
		obj, err := Scheme().New(gk.WithVersion(v))
		if err != nil {
			continue
		}
		if co, ok := obj.(client.Object); ok {
			out = append(out, co)
		}
	}
	return out
}

// seedStatus gives objects the status their own controllers would write once
// their pods run; those controllers need real workloads, so they are not run.
func seedStatus(obj client.Object, opts Options) {
	switch o := obj.(type) {
	case *mcpv1beta1.MCPServer:
		// mcpserver_controller.go: status.url from the proxy Service host, and
		// updateMCPServerStatus with one running pod.
		host := fmt.Sprintf("%s.%s.svc.cluster.local", ctrlutil.CreateProxyServiceName(o.Name), o.Namespace)
		o.Status.URL = transportURL(o.Spec.Transport, o.Spec.ProxyMode, host, int(o.GetProxyPort()), o.Name)
		if opts.MemberPhase != "" {
			o.Status.Phase = mcpv1beta1.MCPServerPhase(opts.MemberPhase)
			if o.Status.Phase == mcpv1beta1.MCPServerPhaseReady {
				o.Status.Message = "MCP server is running"
				o.Status.ReadyReplicas = 1
			}
		}
		o.Status.ObservedGeneration = o.Generation
	case *mcpv1beta1.MCPRemoteProxy:
		// mcpremoteproxy_controller.go createProxyServiceURL (unexported):
		// http://mcp-<name>-remote-proxy.<ns>.svc.cluster.local:<proxy port>.
		o.Status.URL = fmt.Sprintf("http://mcp-%s-remote-proxy.%s.svc.cluster.local:%d", o.Name, o.Namespace, o.GetProxyPort())
		if opts.MemberPhase != "" {
			o.Status.Phase = mcpv1beta1.MCPRemoteProxyPhase(opts.MemberPhase)
			if o.Status.Phase == mcpv1beta1.MCPRemoteProxyPhaseReady {
				o.Status.Message = "Remote proxy is running"
			}
		}
		o.Status.ObservedGeneration = o.Generation
	case *mcpv1beta1.EmbeddingServer:
		// embeddingserver_controller.go updateEmbeddingServerStatus with a
		// StatefulSet whose replicas are all ready.
		o.Status.URL = fmt.Sprintf("http://%s.%s.svc.cluster.local:%d", o.Name, o.Namespace, o.GetPort())
		o.Status.Phase = mcpv1beta1.EmbeddingServerPhaseReady
		o.Status.Message = "Embedding server is running"
		o.Status.ReadyReplicas = o.GetReplicas()
		if o.Status.ReadyReplicas < 1 {
			o.Status.ReadyReplicas = 1
		}
		o.Status.ObservedGeneration = o.Generation
	}
}

// collect fills the output from the difference between the first and last
// state of the cluster.
func collect(out *Output, initial, final map[objectKey][]byte) error {
	keys := make([]objectKey, 0, len(final))
	for k := range final {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].less(keys[j]) })
	for _, k := range keys {
		if k.GVK.Group != admit.Group {
			if before, ok := initial[k]; ok && bytes.Equal(before, final[k]) {
				continue
			}
		}
		obj, err := decodeSnapshot(k, final[k])
		if err != nil {
			return err
		}
		switch {
		case k.GVK.Group != admit.Group:
			out.Objects = append(out.Objects, presentObject(obj))
		case k.GVK.Kind == "VirtualMCPServer":
			for i := range out.VirtualMCPServers {
				v := &out.VirtualMCPServers[i]
				if v.Namespace == k.Namespace && v.Name == k.Name {
					v.Status = presentStatus(obj)
				}
			}
		default:
			out.Members = append(out.Members, Member{Kind: k.GVK.Kind, Namespace: k.Namespace, Name: k.Name, Status: presentStatus(obj)})
		}
	}
	for i := range out.VirtualMCPServers {
		if out.VirtualMCPServers[i].Status == nil {
			out.VirtualMCPServers[i].Status = map[string]interface{}{}
		}
	}
	return nil
}
