// Package admit runs the Kubernetes API server's create path for custom
// resources on one object at a time, without an API server or etcd: the same
// leaf packages of k8s.io/apiextensions-apiserver, called in the order the
// server calls them for a POST with fieldValidation=Strict (what
// `kubectl apply --validate=strict` sends).
//
// Server order, from pkg/apiserver/customresource_handler.go and
// pkg/registry/customresource/{strategy,validator}.go:
//
//	decode   schemaCoercingDecoder → unstructuredSchemaCoercer.apply:
//	         ObjectMeta read strictly, prune unknown fields (tracked),
//	         drop non-nullable nulls, coerce embedded ObjectMeta;
//	         unknown fields → strict decoding error, the request fails here.
//	default  unstructuredDefaulter → structural defaulting.
//	create   PrepareForCreate: status dropped (status subresource), generation 1.
//	validate ObjectMeta, OpenAPI schema, embedded ObjectMeta, list-type
//	         invariants, then x-kubernetes-validations (CEL) unless an earlier
//	         error is "blocking".
package admit

import (
	"context"
	"fmt"

	"k8s.io/apimachinery/pkg/api/validation"
	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apimachinery/pkg/util/validation/field"
	"k8s.io/apiserver/pkg/storage/names"

	structuralschema "k8s.io/apiextensions-apiserver/pkg/apiserver/schema"
	structuraldefaulting "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/defaulting"
	structurallisttype "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/listtype"
	schemaobjectmeta "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/objectmeta"
	structuralpruning "k8s.io/apiextensions-apiserver/pkg/apiserver/schema/pruning"
	apiservervalidation "k8s.io/apiextensions-apiserver/pkg/apiserver/validation"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
)

// Origins of an error: which step of the create path produced it.
const (
	OriginDecode       = "decode"
	OriginUnknownField = "unknown-field"
	OriginObjectMeta   = "objectmeta"
	OriginSchema       = "schema"
	OriginListType     = "listtype"
	OriginCEL          = "cel"
)

// TypeUnknownField is the error type given to an unknown field. Strict field
// validation reports these as a decoding error, not as a field.Error, so there
// is no upstream ErrorType for them.
const TypeUnknownField = "UnknownField"

// FieldError is one reason for rejecting an object.
type FieldError struct {
	Field   string `json:"field"`
	Type    string `json:"type"`
	Detail  string `json:"detail"`
	Message string `json:"message"`
	Origin  string `json:"origin"`
}

// Result is the verdict on one document.
type Result struct {
	File       string                 `json:"file"`
	Index      int                    `json:"index"`
	APIVersion string                 `json:"apiVersion"`
	Kind       string                 `json:"kind"`
	Namespace  string                 `json:"namespace"`
	Name       string                 `json:"name"`
	Accepted   bool                   `json:"accepted"`
	Skipped    bool                   `json:"skipped,omitempty"`
	Errors     []FieldError           `json:"errors"`
	Object     map[string]interface{} `json:"object,omitempty"`

	// Stored is the object as the API server would store it (metadata system
	// fields included); the reconcile step seeds its fake cluster with it.
	Stored *unstructured.Unstructured `json:"-"`
}

func fromFieldError(e *field.Error, origin string) FieldError {
	return FieldError{Field: e.Field, Type: string(e.Type), Detail: e.Detail, Message: e.Error(), Origin: origin}
}

func fromFieldErrors(list field.ErrorList, origin string) []FieldError {
	out := make([]FieldError, 0, len(list))
	for _, e := range list {
		out = append(out, fromFieldError(e, origin))
	}
	return out
}

// decodeError reports a problem that stops the request before validation.
// These are not field.Errors upstream (the server answers 400 Bad Request with
// the text), so message is that text and type is FieldValueInvalid.
func decodeError(fieldPath, detail string) FieldError {
	return FieldError{Field: fieldPath, Type: string(field.ErrorTypeInvalid), Detail: detail, Message: detail, Origin: OriginDecode}
}

// DecodeFailure builds the result for a document that could not be read at all.
func DecodeFailure(file string, index int, err error) Result {
	return Result{File: file, Index: index, Errors: []FieldError{decodeError("", err.Error())}}
}

// IsToolHive reports whether an apiVersion belongs to the ToolHive API group.
func IsToolHive(apiVersion string) bool {
	gv, err := schema.ParseGroupVersion(apiVersion)
	return err == nil && gv.Group == Group
}

// Admit runs the create path on a copy of obj. defaultNamespace is used when a
// namespaced object has none (the request's namespace, as kubectl sends it).
func (r *Registry) Admit(ctx context.Context, file string, index int, in *unstructured.Unstructured, defaultNamespace string) Result {
	u := in.DeepCopy()
	res := Result{
		File: file, Index: index,
		APIVersion: u.GetAPIVersion(), Kind: u.GetKind(),
		Namespace: u.GetNamespace(), Name: u.GetName(),
		Errors: []FieldError{},
	}
	if u.GetKind() == "" {
		res.Errors = append(res.Errors, decodeError("kind", "Object 'Kind' is missing"))
		return res
	}
	gv, err := schema.ParseGroupVersion(u.GetAPIVersion())
	if err != nil || u.GetAPIVersion() == "" {
		res.Errors = append(res.Errors, decodeError("apiVersion", fmt.Sprintf("invalid apiVersion %q", u.GetAPIVersion())))
		return res
	}
	if gv.Group != Group {
		// A ToolHive kind under another API group: the cluster serves no such
		// resource, so kubectl fails to map it before anything is sent.
		if r.isKindName(u.GetKind()) {
			res.Errors = append(res.Errors, decodeError("apiVersion", fmt.Sprintf("no matches for kind %q in version %q", u.GetKind(), u.GetAPIVersion())))
			return res
		}
		res.Errors = validateBuiltinMeta(u, defaultNamespace)
		res.Namespace = u.GetNamespace()
		res.Accepted, res.Skipped = len(res.Errors) == 0, true
		return res
	}
	gvk := gv.WithKind(u.GetKind())
	v, err := r.lookup(gvk)
	if err != nil {
		res.Errors = append(res.Errors, decodeError("kind", err.Error()))
		return res
	}

	// The request namespace: kubectl fills it in when the manifest has none;
	// the server clears it for cluster-scoped kinds (rest.BeforeCreate).
	if v.namespaced {
		if u.GetNamespace() == "" {
			u.SetNamespace(defaultNamespace)
		}
	} else {
		u.SetNamespace("")
	}
	res.Namespace = u.GetNamespace()

	// decode
	unknown, decodeErr := coerce(u, v.structural)
	if decodeErr != nil {
		res.Errors = append(res.Errors, *decodeErr)
		return res
	}
	if len(unknown) > 0 {
		for _, p := range unknown {
			detail := fmt.Sprintf("unknown field %q", p)
			res.Errors = append(res.Errors, FieldError{
				Field: p, Type: TypeUnknownField, Detail: detail,
				Message: runtime.NewStrictDecodingError([]error{fmt.Errorf("%s", detail)}).Error(),
				Origin:  OriginUnknownField,
			})
		}
		return res
	}
	// default
	structuraldefaulting.Default(u.Object, v.structural)

	// create: PrepareForCreate and the generic BeforeCreate metadata handling
	if v.hasStatus {
		delete(u.Object, "status")
	}
	u.SetGeneration(1)
	u.SetDeletionTimestamp(nil)
	u.SetDeletionGracePeriodSeconds(nil)
	if u.GetName() == "" && u.GetGenerateName() != "" {
		u.SetName(names.SimpleNameGenerator.GenerateName(u.GetGenerateName()))
	}
	res.Name = u.GetName()

	// validate
	var errs []FieldError
	var all field.ErrorList
	metaErrs := validation.ValidateObjectMetaAccessor(u, v.namespaced, validation.NameIsDNSSubdomain, field.NewPath("metadata"))
	schemaErrs := apiservervalidation.ValidateCustomResource(nil, u.UnstructuredContent(), v.validator)
	embeddedErrs := schemaobjectmeta.Validate(nil, u.Object, v.structural, false)
	listErrs := structurallisttype.ValidateListSetsAndMaps(nil, v.structural, u.Object)
	errs = append(errs, fromFieldErrors(metaErrs, OriginObjectMeta)...)
	errs = append(errs, fromFieldErrors(schemaErrs, OriginSchema)...)
	errs = append(errs, fromFieldErrors(embeddedErrs, OriginObjectMeta)...)
	errs = append(errs, fromFieldErrors(listErrs, OriginListType)...)
	all = append(all, metaErrs...)
	all = append(all, schemaErrs...)
	all = append(all, embeddedErrs...)
	all = append(all, listErrs...)
	if blocking := blockingError(all); blocking != nil {
		errs = append(errs, fromFieldError(blocking, OriginCEL))
	} else {
		celErrs, _ := v.cel.Validate(ctx, nil, v.structural, u.Object, nil, celconfig.RuntimeCELCostBudget)
		errs = append(errs, fromFieldErrors(celErrs, OriginCEL)...)
	}

	res.Errors = errs
	if res.Errors == nil {
		res.Errors = []FieldError{}
	}
	res.Accepted = len(errs) == 0
	if res.Accepted {
		res.Stored = u
		res.Object = Presentable(u.Object)
	}
	return res
}

// coerce is unstructuredSchemaCoercer.apply for a request decoded with strict
// field validation (returnUnknownFieldPaths=true, dropInvalidMetadata=false):
// it returns the unknown field paths, or an error that fails the decode.
func coerce(u *unstructured.Unstructured, s *structuralschema.Structural) ([]string, *FieldError) {
	kind := u.GetKind()
	apiVersion := u.GetAPIVersion()
	objectMeta, foundObjectMeta, unknown, err := schemaobjectmeta.GetObjectMetaWithOptions(u.Object, schemaobjectmeta.ObjectMetaOptions{
		DropMalformedFields:     false,
		ReturnUnknownFieldPaths: true,
	})
	if err != nil {
		fe := decodeError("metadata", err.Error())
		return nil, &fe
	}
	unknown = append(unknown, structuralpruning.PruneWithOptions(u.Object, s, true, structuralschema.UnknownFieldPathOptions{TrackUnknownFieldPaths: true})...)
	structuraldefaulting.PruneNonNullableNullsWithoutDefaults(u.Object, s)
	ferr, paths := schemaobjectmeta.CoerceWithOptions(nil, u.Object, s, false, schemaobjectmeta.CoerceOptions{
		DropInvalidFields:       false,
		ReturnUnknownFieldPaths: true,
	})
	if ferr != nil {
		fe := fromFieldError(ferr, OriginDecode)
		return nil, &fe
	}
	unknown = append(unknown, paths...)

	u.SetKind(kind)
	u.SetAPIVersion(apiVersion)
	if foundObjectMeta {
		if err := schemaobjectmeta.SetObjectMeta(u.Object, objectMeta); err != nil {
			fe := decodeError("metadata", err.Error())
			return nil, &fe
		}
	}
	return unknown, nil
}

// blockingError is the strategy's rule for skipping CEL: type, required,
// enum, maxLength and maxItems failures mean the rules may not be evaluable.
// The returned error is the one the server appends in that case.
func blockingError(errs field.ErrorList) *field.Error {
	for _, e := range errs {
		switch e.Type {
		case field.ErrorTypeNotSupported, field.ErrorTypeRequired, field.ErrorTypeTooLong, field.ErrorTypeTooMany, field.ErrorTypeTypeInvalid:
			return field.Invalid(nil, nil, "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation")
		}
	}
	return nil
}

// Presentable returns a copy of a stored object without the fields the API
// server generates (uid, resourceVersion, generation, creationTimestamp,
// managedFields), so that outputs are stable across runs.
func Presentable(obj map[string]interface{}) map[string]interface{} {
	out := runtime.DeepCopyJSON(obj)
	if md, ok := out["metadata"].(map[string]interface{}); ok {
		for _, k := range []string{"uid", "resourceVersion", "generation", "creationTimestamp", "managedFields"} {
			delete(md, k)
		}
	}
	return out
}

// isKindName reports whether kind is the name of a ToolHive kind.
func (r *Registry) isKindName(kind string) bool {
	for _, gk := range r.Kinds() {
		if gk.Kind == kind {
			return true
		}
	}
	return false
}

// builtinNamespaced lists the built-in kinds vmcp-gen reads besides the
// ToolHive ones, and whether each is namespaced.
var builtinNamespaced = map[schema.GroupKind]bool{
	{Group: "", Kind: "ConfigMap"}:                                   true,
	{Group: "", Kind: "Secret"}:                                      true,
	{Group: "", Kind: "ServiceAccount"}:                              true,
	{Group: "", Kind: "Service"}:                                     true,
	{Group: "", Kind: "Namespace"}:                                   false,
	{Group: "apps", Kind: "Deployment"}:                              true,
	{Group: "rbac.authorization.k8s.io", Kind: "Role"}:               true,
	{Group: "rbac.authorization.k8s.io", Kind: "RoleBinding"}:        true,
	{Group: "rbac.authorization.k8s.io", Kind: "ClusterRoleBinding"}: false,
}

// validateBuiltinMeta checks the ObjectMeta of a built-in object as the API
// server does for every kind (ValidateObjectMeta with the kind's name rule).
// Only the metadata: the kinds' own validation lives in k8s.io/kubernetes,
// which is not importable as a library.
func validateBuiltinMeta(u *unstructured.Unstructured, defaultNamespace string) []FieldError {
	gv, _ := schema.ParseGroupVersion(u.GetAPIVersion())
	namespaced, known := builtinNamespaced[gv.WithKind(u.GetKind()).GroupKind()]
	if !known {
		return []FieldError{}
	}
	if namespaced && u.GetNamespace() == "" {
		u.SetNamespace(defaultNamespace)
	}
	nameRule := validation.NameIsDNSSubdomain
	if u.GetKind() == "Namespace" {
		nameRule = validation.ValidateNamespaceName
	}
	errs := fromFieldErrors(validation.ValidateObjectMetaAccessor(u, namespaced, nameRule, field.NewPath("metadata")), OriginObjectMeta)
	if errs == nil {
		errs = []FieldError{}
	}
	return errs
}
