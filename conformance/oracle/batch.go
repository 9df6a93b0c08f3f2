package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/stacklok/vmcp-gen/conformance/oracle/inputs"
	"github.com/stacklok/vmcp-gen/conformance/oracle/vmcpruntime"
)

// batchRequest is one line of `oracle batch` input.
type batchRequest struct {
	ID          string       `json:"id"`
	Command     string       `json:"command"`
	Namespace   string       `json:"namespace"`
	MemberPhase *string      `json:"memberPhase"`
	Files       orderedFiles `json:"files"`
	Env         []string     `json:"env"`
	Config      *string      `json:"config"`
}

// batchResponse is one line of `oracle batch` output.
type batchResponse struct {
	ID     string      `json:"id"`
	Result interface{} `json:"result,omitempty"`
	Error  string      `json:"error,omitempty"`
}

// orderedFiles keeps the files of a request in the order they were written,
// as the command line keeps its arguments' order (a JSON object decoded into a
// Go map would lose it).
type orderedFiles []inputs.File

func (f *orderedFiles) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf(`"files" must be an object of file name to YAML text`)
	}
	for dec.More() {
		keyTok, err := dec.Token()
		if err != nil {
			return err
		}
		var text string
		if err := dec.Decode(&text); err != nil {
			return fmt.Errorf("files[%v]: %w", keyTok, err)
		}
		*f = append(*f, inputs.File{Name: keyTok.(string), Data: []byte(text)})
	}
	_, err = dec.Token()
	return err
}

// batch answers requests until stdin ends. A bad request gets an error line;
// only a failure to read stdin or write stdout ends the batch early.
func (o *oracle) batch(ctx context.Context, stdin io.Reader, stdout io.Writer) error {
	in := bufio.NewReaderSize(stdin, 1<<20)
	out := bufio.NewWriter(stdout)
	for {
		line, readErr := in.ReadBytes('\n')
		if len(bytes.TrimSpace(line)) > 0 {
			resp := o.answer(ctx, line)
			data, err := marshalJSON(resp)
			if err != nil {
				data, _ = marshalJSON(batchResponse{ID: resp.ID, Error: "encoding the result: " + err.Error()})
			}
			if _, err := out.Write(data); err != nil {
				return err
			}
			if err := out.Flush(); err != nil {
				return err
			}
		}
		if errors.Is(readErr, io.EOF) {
			return nil
		}
		if readErr != nil {
			return readErr
		}
	}
}

func (o *oracle) answer(ctx context.Context, line []byte) (resp batchResponse) {
	var req batchRequest
	if err := json.Unmarshal(line, &req); err != nil {
		// Recover the id if the line is at least a JSON object with one.
		var idOnly struct {
			ID string `json:"id"`
		}
		_ = json.Unmarshal(line, &idOnly)
		return batchResponse{ID: idOnly.ID, Error: "bad request: " + err.Error()}
	}
	resp.ID = req.ID
	defer func() {
		if p := recover(); p != nil {
			resp = batchResponse{ID: req.ID, Error: fmt.Sprintf("oracle failure: panic: %v", p)}
		}
	}()
	switch req.Command {
	case "admit", "reconcile":
		phase := "Ready"
		if req.MemberPhase != nil {
			phase = *req.MemberPhase
		}
		res, err := o.runDocs(ctx, req.Command, req.Files, req.Namespace, phase)
		if err != nil {
			return batchResponse{ID: req.ID, Error: err.Error()}
		}
		resp.Result = res
	case "runtime":
		if req.Config == nil {
			return batchResponse{ID: req.ID, Error: `bad request: runtime needs "config"`}
		}
		env, err := runtimeEnv(req.Env, req.Files)
		if err != nil {
			return batchResponse{ID: req.ID, Error: err.Error()}
		}
		res, err := vmcpruntime.CheckText([]byte(*req.Config), env)
		if err != nil {
			return batchResponse{ID: req.ID, Error: err.Error()}
		}
		resp.Result = res
	default:
		return batchResponse{ID: req.ID, Error: fmt.Sprintf("bad request: unknown command %q", req.Command)}
	}
	return resp
}
