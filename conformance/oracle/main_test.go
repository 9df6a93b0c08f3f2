package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, argv ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(argv, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

const groupYAML = "apiVersion: toolhive.stacklok.dev/v1beta1\nkind: MCPGroup\nmetadata: {name: g}\n"

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name   string
		argv   []string
		code   int
		stdout string
	}{
		{"help", []string{"--help"}, exitOK, "Usage:"},
		{"command help", []string{"admit", "--help"}, exitOK, "Usage: oracle admit"},
		{"no command", nil, exitUsage, ""},
		{"unknown command", []string{"frobnicate"}, exitUsage, ""},
		{"unknown flag", []string{"admit", "--nope", "x.yaml"}, exitUsage, ""},
		{"no files", []string{"admit"}, exitUsage, ""},
		{"missing file", []string{"admit", "/does/not/exist.yaml"}, exitUsage, ""},
		{"runtime needs one config", []string{"runtime"}, exitUsage, ""},
		{"bad format", []string{"version", "--format", "xml"}, exitUsage, ""},
		{"bad CRD dir", []string{"admit", "--crds", "/does/not/exist", writeFile(t, "g.yaml", groupYAML)}, exitFailure, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, _ := runCLI(t, "", tc.argv...)
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
			if !strings.Contains(stdout, tc.stdout) {
				t.Errorf("stdout %q lacks %q", stdout, tc.stdout)
			}
		})
	}
}

func TestVersion(t *testing.T) {
	code, stdout, _ := runCLI(t, "", "version")
	var v map[string]string
	if code != exitOK || json.Unmarshal([]byte(stdout), &v) != nil {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	if v["toolhive"] != "v0.44.0" || !strings.HasPrefix(v["go"], "go1.") {
		t.Errorf("version = %v", v)
	}
}

func TestAdmitNamespaceFlagAndYAML(t *testing.T) {
	f := writeFile(t, "g.yaml", groupYAML)
	code, stdout, _ := runCLI(t, "", "admit", f, "--namespace", "tools", "--format", "yaml")
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"namespace: tools", "accepted: true", "kind: MCPGroup"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
}

func TestBatch(t *testing.T) {
	lines := []string{
		`{"id":"a","command":"admit","files":{"g.yaml":` + jsonString(groupYAML) + `}}`,
		`{"id":"r","command":"runtime","config":"name: x\n","env":["A"]}`,
		`{"id":"bad","command":"nope"}`,
		`not json`,
		`{"id":"rec","command":"reconcile","namespace":"ns","files":{"g.yaml":` + jsonString(groupYAML) + `}}`,
	}
	code, stdout, stderr := runCLI(t, strings.Join(lines, "\n")+"\n", "batch")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	got := strings.Split(strings.TrimSpace(stdout), "\n")
	if len(got) != len(lines) {
		t.Fatalf("got %d result lines for %d requests:\n%s", len(got), len(lines), stdout)
	}
	var resp []map[string]interface{}
	for _, l := range got {
		var m map[string]interface{}
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("bad line %q: %v", l, err)
		}
		resp = append(resp, m)
	}
	if resp[0]["id"] != "a" || resp[0]["result"].(map[string]interface{})["results"].([]interface{})[0].(map[string]interface{})["accepted"] != true {
		t.Errorf("admit response: %v", resp[0])
	}
	if resp[1]["result"].(map[string]interface{})["stage"] != "load" && resp[1]["result"].(map[string]interface{})["stage"] != "validate" {
		t.Errorf("runtime response: %v", resp[1])
	}
	if resp[2]["id"] != "bad" || resp[2]["error"] == nil {
		t.Errorf("unknown command response: %v", resp[2])
	}
	if resp[3]["error"] == nil {
		t.Errorf("bad line response: %v", resp[3])
	}
	members := resp[4]["result"].(map[string]interface{})["members"].([]interface{})
	if len(members) != 1 || members[0].(map[string]interface{})["namespace"] != "ns" {
		t.Errorf("reconcile response: %v", resp[4])
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
