// Command oracle is the Go half of vmcp-gen's conformance oracle: it runs the
// real ToolHive v0.44.0 code (API-server admission of its CRDs, the operator's
// reconcilers on a fake client, the vMCP runtime's config loader) as a library
// so that vmcp-gen's output can be judged against it.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime"
	"sync"

	"github.com/go-logr/logr"
	"github.com/go-logr/logr/funcr"
	ctrl "sigs.k8s.io/controller-runtime"
	"sigs.k8s.io/yaml"

	"github.com/stacklok/vmcp-gen/conformance/oracle/admit"
	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
	"github.com/stacklok/vmcp-gen/conformance/oracle/reconcile"
	"github.com/stacklok/vmcp-gen/conformance/oracle/vmcpruntime"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// oracle holds what is built once per process.
type oracle struct {
	crdsFlag string
	logger   logr.Logger

	regOnce sync.Once
	reg     *admit.Registry
	regErr  error
}

func (o *oracle) registry() (*admit.Registry, error) {
	o.regOnce.Do(func() {
		dir, err := admit.LocateCRDs(o.crdsFlag)
		if err != nil {
			o.regErr = err
			return
		}
		o.reg, o.regErr = admit.LoadRegistry(dir)
	})
	return o.reg, o.regErr
}

// globalValueFlags and globalBoolFlags are accepted by every command.
var (
	globalValueFlags = []string{"format", "crds"}
	globalBoolFlags  = []string{"verbose"}
)

func run(argv []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(argv) == 0 {
		fmt.Fprint(stderr, mainUsage)
		return exitUsage
	}
	cmd := argv[0]
	switch cmd {
	case "--help", "-h", "help":
		fmt.Fprint(stdout, mainUsage)
		return exitOK
	}
	valueFlags := append([]string{}, globalValueFlags...)
	boolFlags := append([]string{}, globalBoolFlags...)
	switch cmd {
	case "admit":
		valueFlags = append(valueFlags, "namespace")
	case "reconcile":
		valueFlags = append(valueFlags, "namespace", "member-phase")
	case "runtime":
		valueFlags = append(valueFlags, "env", "deployment")
	case "batch", "version":
	default:
		fmt.Fprintf(stderr, "oracle: unknown command %q\n\n%s", cmd, mainUsage)
		return exitUsage
	}
	a, err := parseArgs(argv[1:], valueFlags, boolFlags)
	if err != nil {
		fmt.Fprintf(stderr, "oracle %s: %v\n\n%s", cmd, err, commandUsage[cmd])
		return exitUsage
	}
	if a.bools["help"] {
		fmt.Fprint(stdout, commandUsage[cmd])
		return exitOK
	}
	format := a.last("format")
	if format == "" {
		format = "json"
	}
	if format != "json" && format != "yaml" {
		fmt.Fprintf(stderr, "oracle %s: --format must be json or yaml\n", cmd)
		return exitUsage
	}

	o := &oracle{crdsFlag: a.last("crds"), logger: setupLogging(a.bools["verbose"], stderr)}
	reconcile.PrepareEnv()

	result, err := o.dispatch(context.Background(), cmd, a, stdin, stdout)
	if err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "oracle %s: %v\n\n%s", cmd, err, commandUsage[cmd])
			return exitUsage
		}
		fmt.Fprintf(stderr, "oracle %s: %v\n", cmd, err)
		return exitFailure
	}
	if result == nil { // batch wrote its own output
		return exitOK
	}
	if err := writeResult(stdout, result, format); err != nil {
		fmt.Fprintf(stderr, "oracle %s: writing the result: %v\n", cmd, err)
		return exitFailure
	}
	return exitOK
}

func (o *oracle) dispatch(ctx context.Context, cmd string, a *args, stdin io.Reader, stdout io.Writer) (interface{}, error) {
	switch cmd {
	case "version":
		if len(a.positional) > 0 {
			return nil, usagef("version takes no arguments")
		}
		v, err := admit.ToolHiveVersion()
		if err != nil {
			return nil, err
		}
		return map[string]string{"toolhive": v, "go": runtime.Version()}, nil
	case "admit", "reconcile":
		if len(a.positional) == 0 {
			return nil, usagef("no input files")
		}
		files, err := inputs.ReadFiles(a.positional)
		if err != nil {
			return nil, usagef("%v", err)
		}
		phase := string("Ready")
		if a.has("member-phase") {
			phase = a.last("member-phase")
		}
		return o.runDocs(ctx, cmd, files, a.last("namespace"), phase)
	case "runtime":
		if len(a.positional) != 1 {
			return nil, usagef("runtime takes exactly one CONFIG.yaml")
		}
		var deployments []inputs.File
		if len(a.values["deployment"]) > 0 {
			f, err := inputs.ReadFiles(a.values["deployment"])
			if err != nil {
				return nil, usagef("%v", err)
			}
			deployments = f
		}
		env, err := runtimeEnv(a.values["env"], deployments)
		if err != nil {
			return nil, usagef("%v", err)
		}
		if _, err := os.Stat(a.positional[0]); err != nil {
			return nil, usagef("%v", err)
		}
		return vmcpruntime.CheckFile(a.positional[0], env), nil
	case "batch":
		if len(a.positional) > 0 {
			return nil, usagef("batch takes no arguments")
		}
		return nil, o.batch(ctx, stdin, stdout)
	}
	return nil, usagef("unknown command %q", cmd)
}

// admitOutput is the result of `oracle admit`.
type admitOutput struct {
	Results []admit.Result `json:"results"`
}

// runDocs runs admit or reconcile over a set of files.
func (o *oracle) runDocs(ctx context.Context, cmd string, files []inputs.File, namespace, memberPhase string) (interface{}, error) {
	reg, err := o.registry()
	if err != nil {
		return nil, err
	}
	if namespace == "" {
		namespace = "default"
	}
	docs := inputs.Parse(files)
	if cmd == "admit" {
		out := admitOutput{Results: []admit.Result{}}
		for _, d := range docs {
			if d.Err != nil {
				out.Results = append(out.Results, admit.DecodeFailure(d.File, d.Index, d.Err))
				continue
			}
			out.Results = append(out.Results, reg.Admit(ctx, d.File, d.Index, d.Object, namespace))
		}
		return out, nil
	}
	return reconcile.Run(ctx, reg, docs, reconcile.Options{
		Namespace:   namespace,
		MemberPhase: memberPhase,
		Logger:      o.logger,
	})
}

// runtimeEnv is the set of environment variable names the vMCP container is
// assumed to have: the --env names and the env of the given Deployments.
func runtimeEnv(names []string, deployments []inputs.File) (map[string]string, error) {
	all := append([]string{}, names...)
	if len(deployments) > 0 {
		fromDeployments, err := vmcpruntime.DeploymentEnvNames(inputs.Parse(deployments))
		if err != nil {
			return nil, err
		}
		all = append(all, fromDeployments...)
	}
	return vmcpruntime.NewEnv(all), nil
}

// writeResult prints one JSON document (or its YAML form). HTML escaping is
// off so that values such as "<random>" print as they are.
func writeResult(w io.Writer, v interface{}, format string) error {
	data, err := marshalJSON(v)
	if err != nil {
		return err
	}
	if format == "yaml" {
		y, err := yaml.JSONToYAML(data)
		if err != nil {
			return err
		}
		_, err = w.Write(y)
		return err
	}
	_, err = w.Write(data)
	return err
}

// marshalJSON encodes v on one line followed by a newline, without HTML escaping.
func marshalJSON(v interface{}) ([]byte, error) {
	var buf jsonBuffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.b, nil
}

type jsonBuffer struct{ b []byte }

func (j *jsonBuffer) Write(p []byte) (int, error) {
	j.b = append(j.b, p...)
	return len(p), nil
}

// setupLogging routes controller-runtime's and the operator's slog output to
// stderr when verbose, and discards it otherwise (a batch of thousands of
// requests would otherwise flood stderr).
func setupLogging(verbose bool, stderr io.Writer) logr.Logger {
	if !verbose {
		ctrl.SetLogger(logr.Discard())
		slog.SetDefault(slog.New(slog.DiscardHandler))
		return logr.Discard()
	}
	logger := funcr.New(func(prefix, args string) {
		if prefix != "" {
			fmt.Fprintf(stderr, "%s: %s\n", prefix, args)
			return
		}
		fmt.Fprintln(stderr, args)
	}, funcr.Options{Verbosity: 1})
	ctrl.SetLogger(logger)
	slog.SetDefault(slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug})))
	return logger
}
