// Package inputs reads the YAML files the oracle is given and turns them into
// one object per Kubernetes resource, the way kubectl would send them to the
// API server: multi-document files are split on "---", `kind: List` (and any
// `*List` kind carrying `items`) is flattened, and every document is converted
// to JSON before it is decoded, so numbers and nulls look exactly as they do in
// a request body.
package inputs

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	"sigs.k8s.io/yaml"
)

// Document is one resource read from an input file. Exactly one of Object and
// Err is set: a document that cannot be decoded is kept (as an error) so that
// the caller can report it instead of aborting the whole run.
type Document struct {
	// File is the name the caller gave for the file (the path as passed on the
	// command line, or the key of the batch request's files map).
	File string
	// Index counts the resources of File in order, after List flattening.
	Index  int
	Object *unstructured.Unstructured
	Err    error
}

// File is a named YAML text, as read from disk or received in a batch request.
type File struct {
	Name string
	Data []byte
}

// ReadFiles loads the given paths from disk. The name kept for each file is the
// path as given, so the caller's report refers to what the user typed.
func ReadFiles(paths []string) ([]File, error) {
	files := make([]File, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(filepath.Clean(p))
		if err != nil {
			return nil, err
		}
		files = append(files, File{Name: p, Data: data})
	}
	return files, nil
}

// Parse splits every file into documents.
func Parse(files []File) []Document {
	var docs []Document
	for _, f := range files {
		docs = append(docs, ParseFile(f.Name, f.Data)...)
	}
	return docs
}

// ParseFile splits one YAML text into documents. Empty documents (only
// comments or whitespace) are skipped, as kubectl skips them.
func ParseFile(name string, data []byte) []Document {
	var docs []Document
	add := func(obj *unstructured.Unstructured, err error) {
		docs = append(docs, Document{File: name, Index: len(docs), Object: obj, Err: err})
	}
	reader := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	for {
		chunk, err := reader.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			add(nil, fmt.Errorf("reading YAML: %w", err))
			break
		}
		if isBlank(chunk) {
			continue
		}
		jsonData, err := yaml.YAMLToJSON(chunk)
		if err != nil {
			add(nil, fmt.Errorf("error converting YAML to JSON: %w", err))
			continue
		}
		if bytes.Equal(bytes.TrimSpace(jsonData), []byte("null")) {
			continue
		}
		obj := &unstructured.Unstructured{}
		if err := obj.UnmarshalJSON(jsonData); err != nil {
			add(nil, err)
			continue
		}
		if isList(obj) {
			items, err := listItems(obj)
			if err != nil {
				add(nil, err)
				continue
			}
			for _, item := range items {
				add(item, nil)
			}
			continue
		}
		add(obj, nil)
	}
	return docs
}

// isBlank reports whether a YAML chunk holds nothing but comments and space.
func isBlank(chunk []byte) bool {
	for _, line := range strings.Split(string(chunk), "\n") {
		t := strings.TrimSpace(line)
		if t != "" && !strings.HasPrefix(t, "#") && t != "---" {
			return false
		}
	}
	return true
}

// isList recognises `kind: List` and any `*List` kind with an items array,
// which is how kubectl treats them (it applies the items one by one).
func isList(obj *unstructured.Unstructured) bool {
	if !strings.HasSuffix(obj.GetKind(), "List") {
		return false
	}
	_, ok := obj.Object["items"].([]interface{})
	return ok
}

func listItems(obj *unstructured.Unstructured) ([]*unstructured.Unstructured, error) {
	raw := obj.Object["items"].([]interface{})
	items := make([]*unstructured.Unstructured, 0, len(raw))
	for i, it := range raw {
		m, ok := it.(map[string]interface{})
		if !ok {
			return nil, fmt.Errorf("items[%d] of %s is not an object", i, obj.GetKind())
		}
		items = append(items, &unstructured.Unstructured{Object: m})
	}
	return items, nil
}
