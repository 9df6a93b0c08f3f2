package main

import (
	"fmt"
	"strings"
)

// Exit codes of the command-line contract.
const (
	exitOK      = 0
	exitUsage   = 2
	exitFailure = 3
)

// usageError is a mistake in the command line (exit 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...interface{}) error { return usageError{fmt.Sprintf(format, a...)} }

// args is a parsed command line: flags may appear anywhere among the
// positional arguments (as kubectl allows), "--" ends the flags.
type args struct {
	values     map[string][]string
	bools      map[string]bool
	positional []string
}

func (a *args) last(name string) string {
	v := a.values[name]
	if len(v) == 0 {
		return ""
	}
	return v[len(v)-1]
}

func (a *args) has(name string) bool {
	_, ok := a.values[name]
	return ok
}

// parseArgs accepts --name value, --name=value and the boolean flags listed in
// boolFlags; valueFlags lists the flags that take a value.
func parseArgs(in []string, valueFlags, boolFlags []string) (*args, error) {
	isValue := map[string]bool{}
	for _, f := range valueFlags {
		isValue[f] = true
	}
	isBool := map[string]bool{"help": true}
	for _, f := range boolFlags {
		isBool[f] = true
	}
	a := &args{values: map[string][]string{}, bools: map[string]bool{}}
	for i := 0; i < len(in); i++ {
		arg := in[i]
		if arg == "--" {
			a.positional = append(a.positional, in[i+1:]...)
			break
		}
		if arg == "-h" {
			a.bools["help"] = true
			continue
		}
		if !strings.HasPrefix(arg, "--") || arg == "-" {
			if strings.HasPrefix(arg, "-") && arg != "-" {
				return nil, usagef("unknown flag %s", arg)
			}
			a.positional = append(a.positional, arg)
			continue
		}
		name, value, hasValue := strings.Cut(arg[2:], "=")
		switch {
		case isBool[name]:
			if hasValue {
				return nil, usagef("flag --%s takes no value", name)
			}
			a.bools[name] = true
		case isValue[name]:
			if !hasValue {
				if i+1 >= len(in) {
					return nil, usagef("flag --%s needs a value", name)
				}
				i++
				value = in[i]
			}
			a.values[name] = append(a.values[name], value)
		default:
			return nil, usagef("unknown flag --%s", name)
		}
	}
	return a, nil
}

const mainUsage = `oracle: runs the ToolHive operator's own code (API-server admission of the
CRDs, the operator's reconcilers on a fake client, the vMCP config loader)
to judge vmcp-gen's output.

Usage:
  oracle admit     [--namespace NS] FILES...
  oracle reconcile [--namespace NS] [--member-phase PHASE] FILES...
  oracle runtime   [--env NAME]... [--deployment FILE]... CONFIG.yaml
  oracle batch     (JSON lines on stdin, one result line per request)
  oracle version

Flags for every command:
  --format json|yaml  output format (default json; batch is always JSON lines)
  --crds DIR          CRD directory (default: the ToolHive module's, from the Go module cache)
  --verbose           reconciler and runtime logs on stderr

Exit status: 0 the oracle ran (whatever the verdicts), 2 usage error,
3 oracle failure. Run "oracle <command> --help" for details.
`

var commandUsage = map[string]string{
	"admit": `Usage: oracle admit [--namespace NS] FILES...

Runs the API server's create path (strict field validation) on every ToolHive
resource of the YAML files: prune and report unknown fields, default, validate
ObjectMeta, the OpenAPI schema, list types and the CEL rules.
Other resources are listed as skipped. Documents without a namespace get NS
(default "default").
Output: {"results":[{"file","index","apiVersion","kind","namespace","name",
"accepted","skipped","errors":[{"field","type","detail","message","origin"}],
"object"}]}
`,
	"reconcile": `Usage: oracle reconcile [--namespace NS] [--member-phase PHASE] FILES...

Admits everything, seeds a fake cluster with the accepted objects, runs the
operator's MCPGroup, MCPServerEntry and shared-config reconcilers until they
settle, then the VirtualMCPServer reconciler for each VirtualMCPServer until
a pass changes nothing (at most 10 passes).
MCPServer and MCPRemoteProxy members get status.url from the operator's URL
functions and status.phase PHASE (default "Ready"; "" leaves it unset).
Output: {"admission":[rejected...],"objects":[created or changed...],
"virtualMCPServers":[{"namespace","name","reconcileError","passes",
"converged","status"}],"members":[{"kind","namespace","name","status"}]}
`,
	"runtime": `Usage: oracle runtime [--env NAME]... [--deployment FILE]... CONFIG.yaml

Loads CONFIG.yaml with the vMCP runtime's strict YAML loader and validates
it with its validator (what "vmcp validate" and "vmcp serve" do).
Environment variables named by --env, and every env[].name of the containers
of the Deployments in the --deployment files, read as "placeholder-NAME";
all others are unset.
Output: {"accepted":true} or {"accepted":false,"stage":"load|validate","error"}
`,
	"batch": `Usage: oracle batch

Reads one JSON request per line on stdin:
  {"id":"...","command":"admit|reconcile|runtime","namespace":"NS",
   "memberPhase":"Ready","files":{"name.yaml":"<yaml>",...},
   "env":["NAME",...],"config":"<config.yaml text>"}
and writes one line per request: {"id":"...","result":{...}} or
{"id":"...","error":"..."}. For runtime, "files" play the part of
--deployment. Every request is independent.
`,
	"version": `Usage: oracle version

Prints {"toolhive":"<module version>","go":"<go version>"}.
`,
}
