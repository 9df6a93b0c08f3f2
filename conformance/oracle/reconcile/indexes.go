package reconcile

import (
	"context"
	"fmt"
	"sync"

	"github.com/go-logr/logr"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/meta/testrestmapper"
	"k8s.io/apimachinery/pkg/runtime"
	"sigs.k8s.io/controller-runtime/pkg/cache"
	"sigs.k8s.io/controller-runtime/pkg/client"
	"sigs.k8s.io/controller-runtime/pkg/config"
	"sigs.k8s.io/controller-runtime/pkg/manager"

	mcpv1beta1 "github.com/stacklok/toolhive/cmd/thv-operator/api/v1beta1"
	"github.com/stacklok/toolhive/cmd/thv-operator/controllers"
)

// fieldIndex is one field index, as a reconciler registers it with its
// manager's cache and as the fake client needs it (WithIndex).
type fieldIndex struct {
	obj   client.Object
	field string
	fn    client.IndexerFunc
}

// indexRecorder is a client.FieldIndexer that only remembers what it is given.
type indexRecorder struct{ indexes []fieldIndex }

func (r *indexRecorder) IndexField(_ context.Context, obj client.Object, field string, fn client.IndexerFunc) error {
	r.indexes = append(r.indexes, fieldIndex{obj: obj, field: field, fn: fn})
	return nil
}

// recordingManager stands in for the operator's manager while the real
// SetupWithManager methods run, so that the field indexes (names and
// extractor functions) come from the operator code itself rather than from a
// copy. Only the methods the controller builder calls before a manager starts
// are implemented; anything else panics on the nil embedded interface and is
// reported as an oracle failure.
type recordingManager struct {
	manager.Manager
	scheme  *runtime.Scheme
	mapper  meta.RESTMapper
	indexer *indexRecorder
}

func (m *recordingManager) GetFieldIndexer() client.FieldIndexer { return m.indexer }
func (m *recordingManager) GetScheme() *runtime.Scheme           { return m.scheme }
func (m *recordingManager) GetRESTMapper() meta.RESTMapper       { return m.mapper }
func (m *recordingManager) GetCache() cache.Cache                { return nil }
func (m *recordingManager) GetLogger() logr.Logger               { return logr.Discard() }
func (m *recordingManager) Add(manager.Runnable) error           { return nil }

// GetControllerOptions skips the process-wide unique-name check: the builder
// is run once per process here, but tests may build several oracles.
func (m *recordingManager) GetControllerOptions() config.Controller {
	skip := true
	return config.Controller{SkipNameValidation: &skip}
}

var (
	indexesOnce sync.Once
	indexesList []fieldIndex
	indexesErr  error
)

// operatorIndexes returns every field index the operator registers: the
// spec.groupRef indexes that the operator's main (cmd/thv-operator/app,
// setupGroupRefFieldIndexes, unexported) adds for MCPServer, MCPRemoteProxy and
// MCPServerEntry, plus those the reconcilers add in their SetupWithManager.
func operatorIndexes(scheme *runtime.Scheme) ([]fieldIndex, error) {
	indexesOnce.Do(func() {
		indexesList, indexesErr = recordIndexes(scheme)
	})
	return indexesList, indexesErr
}

func recordIndexes(scheme *runtime.Scheme) (list []fieldIndex, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("recording the operator's field indexes: SetupWithManager needed more of the manager than the oracle provides: %v", p)
		}
	}()
	rec := &indexRecorder{}
	mgr := &recordingManager{scheme: scheme, mapper: testrestmapper.TestOnlyStaticRESTMapper(scheme), indexer: rec}

	// Written here because the operator's own version is unexported in
	// cmd/thv-operator/app: index each group member by spec.groupRef.name.
	groupRef := func(get func(client.Object) string) client.IndexerFunc {
		return func(obj client.Object) []string {
			if name := get(obj); name != "" {
				return []string{name}
			}
			return nil
		}
	}
	ctx := context.Background()
	_ = rec.IndexField(ctx, &mcpv1beta1.MCPServer{}, "spec.groupRef", groupRef(func(o client.Object) string {
		return o.(*mcpv1beta1.MCPServer).Spec.GroupRef.GetName()
	}))
	_ = rec.IndexField(ctx, &mcpv1beta1.MCPRemoteProxy{}, "spec.groupRef", groupRef(func(o client.Object) string {
		return o.(*mcpv1beta1.MCPRemoteProxy).Spec.GroupRef.GetName()
	}))
	_ = rec.IndexField(ctx, &mcpv1beta1.MCPServerEntry{}, "spec.groupRef", groupRef(func(o client.Object) string {
		return o.(*mcpv1beta1.MCPServerEntry).Spec.GroupRef.GetName()
	}))

	setups := []interface{ SetupWithManager(manager.Manager) error }{
		&controllers.MCPServerEntryReconciler{},
		&controllers.MCPOIDCConfigReconciler{Scheme: scheme},
		&controllers.MCPExternalAuthConfigReconciler{Scheme: scheme},
		&controllers.MCPAuthzConfigReconciler{Scheme: scheme},
		&controllers.MCPTelemetryConfigReconciler{Scheme: scheme},
		&controllers.ToolConfigReconciler{Scheme: scheme},
		&controllers.MCPWebhookConfigReconciler{Scheme: scheme},
	}
	for _, s := range setups {
		if err := s.SetupWithManager(mgr); err != nil {
			return nil, fmt.Errorf("%T.SetupWithManager: %w", s, err)
		}
	}
	return rec.indexes, nil
}
