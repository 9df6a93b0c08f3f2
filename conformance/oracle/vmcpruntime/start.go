package vmcpruntime

import (
	"context"
	"fmt"
	"sort"

	"github.com/stacklok/toolhive/pkg/ratelimit"
	"github.com/stacklok/toolhive/pkg/vmcp/aggregator"
	authfactory "github.com/stacklok/toolhive/pkg/vmcp/auth/factory"
	"github.com/stacklok/toolhive/pkg/vmcp/composer"
	"github.com/stacklok/toolhive/pkg/vmcp/config"
	"github.com/stacklok/toolhive/pkg/vmcp/optimizer"
	vmcpserver "github.com/stacklok/toolhive/pkg/vmcp/server"
)

// startChecks runs the configuration checks `vmcp serve` makes after loading
// and validating the file and before it serves traffic, limited to those that
// need neither a network nor a cluster (pkg/vmcp/cli/serve.go Serve and the
// core's validateWorkflowDefs): the conflict resolver, the optimizer config,
// the Cedar authorization config, the composite tools converted to workflow
// definitions and each one checked by the workflow engine, the rate-limit
// buckets (pkg/ratelimit, before any Redis connection) and the audit config
// (pkg/vmcp/server New). Each returns the runtime's own error.
func startChecks(cfg *config.Config) error {
	if _, err := aggregator.NewConflictResolver(cfg.Aggregation); err != nil {
		return fmt.Errorf("failed to create conflict resolver: %w", err)
	}
	if _, err := optimizer.GetAndValidateConfig(cfg.Optimizer); err != nil {
		return fmt.Errorf("failed to validate optimizer config: %w", err)
	}
	if cfg.IncomingAuth != nil {
		if _, err := authfactory.BuildAuthzConfig(cfg.IncomingAuth.Authz); err != nil {
			return fmt.Errorf("failed to build authorization config: %w", err)
		}
	}
	defs, err := vmcpserver.ConvertConfigToWorkflowDefinitions(cfg.CompositeTools)
	if err != nil {
		return fmt.Errorf("failed to convert composite tool definitions: %w", err)
	}
	// The engine's validation reads only the definition; serve builds it with a
	// router and a backend client that it never consults for this.
	engine := composer.NewWorkflowEngine(nil, nil, nil, nil, nil, nil)
	names := make([]string, 0, len(defs))
	for name := range defs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if err := engine.ValidateWorkflow(context.Background(), defs[name]); err != nil {
			return fmt.Errorf("invalid workflow definition %q: %w", name, err)
		}
	}
	if cfg.RateLimiting != nil {
		// The buckets are checked when the limiter is built; no Redis call is made.
		if _, err := ratelimit.NewLimiter(nil, "oracle", cfg.Name, cfg.RateLimiting); err != nil {
			return fmt.Errorf("failed to create rate limiter: %w", err)
		}
	}
	if cfg.Audit != nil {
		if err := cfg.Audit.Validate(); err != nil {
			return fmt.Errorf("invalid audit configuration: %w", err)
		}
	}
	return nil
}
