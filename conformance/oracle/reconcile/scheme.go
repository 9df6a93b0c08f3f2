package reconcile

import (
	"os"
	"strings"
	"sync"

	apiextensionsv1 "k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1"
	"k8s.io/apimachinery/pkg/api/meta"
	"k8s.io/apimachinery/pkg/api/meta/testrestmapper"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/serializer"
	utilruntime "k8s.io/apimachinery/pkg/util/runtime"
	clientgoscheme "k8s.io/client-go/kubernetes/scheme"

	mcpv1alpha1 "github.com/stacklok/toolhive/cmd/thv-operator/api/v1alpha1"
	mcpv1beta1 "github.com/stacklok/toolhive/cmd/thv-operator/api/v1beta1"
)

// VMCPImage is the image the operator's deployment of v0.44.0 would set in
// VMCP_IMAGE; without it the reconciler falls back to a :latest tag.
const VMCPImage = "ghcr.io/stacklok/toolhive/vmcp:v0.44.0"

var (
	schemeOnce sync.Once
	scheme     *runtime.Scheme
	codecs     serializer.CodecFactory
	mapper     meta.RESTMapper
)

// restMapper knows which built-in kinds are cluster scoped (Namespace,
// ClusterRole…), so plain objects get a namespace only where they can have one.
func restMapper() meta.RESTMapper {
	Scheme()
	return mapper
}

// Scheme is the operator's scheme (cmd/thv-operator/app): client-go types,
// both ToolHive API versions, and apiextensions v1.
func Scheme() *runtime.Scheme {
	schemeOnce.Do(func() {
		scheme = runtime.NewScheme()
		utilruntime.Must(clientgoscheme.AddToScheme(scheme))
		utilruntime.Must(mcpv1alpha1.AddToScheme(scheme))
		utilruntime.Must(mcpv1beta1.AddToScheme(scheme))
		utilruntime.Must(apiextensionsv1.AddToScheme(scheme))
		codecs = serializer.NewCodecFactory(scheme)
		mapper = testrestmapper.TestOnlyStaticRESTMapper(scheme)
	})
	return scheme
}

// PrepareEnv sets the process environment the operator's reconcilers read, as
// the operator's Helm chart would for v0.44.0, and removes settings that would
// change what they render (a cluster-wide Redis default, URL-validation
// bypass). It must run before any reconcile.
func PrepareEnv() {
	_ = os.Setenv("VMCP_IMAGE", VMCPImage)
	_ = os.Unsetenv("INSECURE_DISABLE_URL_VALIDATION")
	for _, kv := range os.Environ() {
		if name, _, _ := strings.Cut(kv, "="); strings.HasPrefix(name, "TOOLHIVE_DEFAULT_REDIS_") {
			_ = os.Unsetenv(name)
		}
	}
}
