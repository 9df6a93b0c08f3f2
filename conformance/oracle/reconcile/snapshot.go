package reconcile

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"sort"

	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/types"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/client/apiutil"

	"github.com/stacklok/toolhive/pkg/transport"

	"github.com/stacklok/vmcp-gen/conformance/oracle/admit"
)

// objectKey names one object of the fake cluster.
type objectKey struct {
	GVK       schema.GroupVersionKind
	Namespace string
	Name      string
}

// less orders by namespace, kind, name (the output order), then group and
// version so the order is total.
func (k objectKey) less(o objectKey) bool {
	if k.Namespace != o.Namespace {
		return k.Namespace < o.Namespace
	}
	if k.GVK.Kind != o.GVK.Kind {
		return k.GVK.Kind < o.GVK.Kind
	}
	if k.Name != o.Name {
		return k.Name < o.Name
	}
	return k.GVK.String() < o.GVK.String()
}

// seedKinds is the starting set of kinds to look at: the kinds of the seed
// objects. Kinds the reconcilers write are added as the client interceptor
// sees them, so nothing they create is missed.
func seedKinds(seeds []client.Object) map[schema.GroupVersionKind]bool {
	kinds := map[schema.GroupVersionKind]bool{}
	for _, o := range seeds {
		if gvk, err := apiutil.GVKForObject(o, Scheme()); err == nil {
			kinds[gvk] = true
		}
	}
	return kinds
}

// snapshot reads every object of the given kinds and encodes each as JSON,
// the form the API server would store, with resourceVersion cleared since the
// fake client bumps it on every write, even one that changes nothing.
// Comparing these encodings tells whether a pass changed anything.
func snapshot(ctx context.Context, c client.Client, kinds map[schema.GroupVersionKind]bool) (map[objectKey][]byte, error) {
	out := map[objectKey][]byte{}
	for gvk := range kinds {
		listObj, err := Scheme().New(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
		if err != nil {
			return nil, fmt.Errorf("no list type for %s: %w", gvk, err)
		}
		list, ok := listObj.(client.ObjectList)
		if !ok {
			return nil, fmt.Errorf("%T is not a list", listObj)
		}
		if err := c.List(ctx, list); err != nil {
			return nil, fmt.Errorf("listing %s: %w", gvk.Kind, err)
		}
		items, err := meta.ExtractList(list)
		if err != nil {
			return nil, err
		}
		for _, item := range items {
			obj, ok := item.(client.Object)
			if !ok {
				continue
			}
			obj.SetResourceVersion("")
			data, err := json.Marshal(obj)
			if err != nil {
				return nil, err
			}
			out[objectKey{GVK: gvk, Namespace: obj.GetNamespace(), Name: obj.GetName()}] = data
		}
	}
	return out, nil
}

// decodeSnapshot turns one snapshot entry back into a JSON-shaped map with
// apiVersion and kind filled in (the fake client leaves them blank on typed
// objects).
func decodeSnapshot(k objectKey, data []byte) (map[string]interface{}, error) {
	m := map[string]interface{}{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	m["apiVersion"] = k.GVK.GroupVersion().String()
	m["kind"] = k.GVK.Kind
	return m, nil
}

func toJSONMap(v interface{}) (map[string]interface{}, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	m := map[string]interface{}{}
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, err
	}
	return m, nil
}

func equalSnapshots(a, b map[objectKey][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || !bytes.Equal(va, vb) {
			return false
		}
	}
	return true
}

// listKeys lists the names of one kind, sorted by namespace then name.
func listKeys(ctx context.Context, c client.Client, gvk schema.GroupVersionKind) ([]types.NamespacedName, error) {
	list := &unstructured.UnstructuredList{}
	list.SetGroupVersionKind(gvk.GroupVersion().WithKind(gvk.Kind + "List"))
	if err := c.List(ctx, list); err != nil {
		return nil, fmt.Errorf("listing %s: %w", gvk.Kind, err)
	}
	keys := make([]types.NamespacedName, 0, len(list.Items))
	for _, it := range list.Items {
		keys = append(keys, types.NamespacedName{Namespace: it.GetNamespace(), Name: it.GetName()})
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i].Namespace != keys[j].Namespace {
			return keys[i].Namespace < keys[j].Namespace
		}
		return keys[i].Name < keys[j].Name
	})
	return keys, nil
}

// hmacPurpose marks the Secret the VirtualMCPServer reconciler fills with 32
// random bytes (virtualmcpserver_controller.go ensureHMACSecret).
const (
	hmacPurposeAnnotation = "toolhive.stacklok.dev/purpose"
	hmacPurpose           = "hmac-secret-for-session-token-binding"
	hmacKey               = "hmac-secret"
	// RandomPlaceholder replaces values that are random on every run.
	RandomPlaceholder = "<random>"
)

// presentObject strips what differs between runs or is set by the server
// (resourceVersion, uid, generation, creationTimestamp, managedFields), blanks
// owner reference UIDs, drops an empty status, and masks random Secret data.
func presentObject(in map[string]interface{}) map[string]interface{} {
	m := admit.Presentable(in)
	if md, ok := m["metadata"].(map[string]interface{}); ok {
		if refs, ok := md["ownerReferences"].([]interface{}); ok {
			for _, r := range refs {
				if rm, ok := r.(map[string]interface{}); ok {
					rm["uid"] = ""
				}
			}
		}
		if m["kind"] == "Secret" {
			if ann, ok := md["annotations"].(map[string]interface{}); ok && ann[hmacPurposeAnnotation] == hmacPurpose {
				if data, ok := m["data"].(map[string]interface{}); ok {
					if _, ok := data[hmacKey]; ok {
						data[hmacKey] = RandomPlaceholder
					}
				}
			}
		}
	}
	if isEmpty(m["status"]) {
		delete(m, "status")
	}
	return m
}

// isEmpty reports whether v is an object holding only empty objects (a
// Service's status is {"loadBalancer":{}} before any controller writes it).
func isEmpty(v interface{}) bool {
	m, ok := v.(map[string]interface{})
	if !ok {
		return false
	}
	for _, child := range m {
		if !isEmpty(child) {
			return false
		}
	}
	return true
}

// presentStatus returns an object's status with the condition timestamps
// (wall-clock time of the run) removed and the conditions sorted by type: the
// VirtualMCPServer status manager adds new conditions in Go map order, so their
// order differs from run to run.
func presentStatus(obj map[string]interface{}) map[string]interface{} {
	st, ok := obj["status"].(map[string]interface{})
	if !ok {
		return map[string]interface{}{}
	}
	st, _ = toJSONMap(st)
	if conds, ok := st["conditions"].([]interface{}); ok {
		for _, c := range conds {
			if cm, ok := c.(map[string]interface{}); ok {
				delete(cm, "lastTransitionTime")
			}
		}
		sort.SliceStable(conds, func(i, j int) bool {
			return conditionType(conds[i]) < conditionType(conds[j])
		})
	}
	return st
}

// transportURL is the operator's own URL function for an MCPServer.
func transportURL(transportType, proxyMode, host string, port int, name string) string {
	return transport.GenerateMCPServerURL(transportType, proxyMode, host, port, name, "")
}

func base64Std(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

func conditionType(c interface{}) string {
	if m, ok := c.(map[string]interface{}); ok {
		if t, ok := m["type"].(string); ok {
			return t
		}
	}
	return ""
}
