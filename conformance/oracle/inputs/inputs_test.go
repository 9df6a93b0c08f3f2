package inputs

import "testing"

func TestParseFlattensLists(t *testing.T) {
	docs := ParseFile("l.yaml", []byte(`
apiVersion: v1
kind: List
items:
- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}
- {apiVersion: v1, kind: ConfigMap, metadata: {name: b}}
---
# only a comment
---
apiVersion: v1
kind: Secret
metadata: {name: c}
`))
	if len(docs) != 3 {
		t.Fatalf("got %d documents, want 3", len(docs))
	}
	for i, want := range []string{"a", "b", "c"} {
		if docs[i].Err != nil || docs[i].Object.GetName() != want || docs[i].Index != i {
			t.Errorf("doc %d: %+v", i, docs[i])
		}
	}
}

func TestParseKeepsBadDocuments(t *testing.T) {
	docs := ParseFile("b.yaml", []byte("- a\n- b\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\nmetadata: {name: nokind}\n"))
	if len(docs) != 3 || docs[0].Err == nil || docs[1].Err != nil || docs[2].Err == nil {
		t.Fatalf("got %+v", docs)
	}
}
