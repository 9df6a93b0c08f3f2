package reconcile

import (
	"context"
	"testing"

	"github.com/go-logr/logr"

	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
)

func BenchmarkReconcileInlineScenario(b *testing.B) {
	PrepareEnv()
	dir := b.TempDir()
	_ = dir
	reg := testRegistryB(b)
	docs := inputs.ParseFile("scenario.yaml", []byte(inlineScenario))
	for i := 0; i < b.N; i++ {
		if _, err := Run(context.Background(), reg, docs, Options{MemberPhase: "Ready", Logger: logr.Discard()}); err != nil {
			b.Fatal(err)
		}
	}
}
