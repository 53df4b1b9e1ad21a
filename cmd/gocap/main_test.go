package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"
)

// result is what one in-process run of gocap produced.
type result struct {
	code           int
	stdout, stderr string
}

// runGocap runs the command line in-process, with UTC time stamps.
func runGocap(t *testing.T, stdin io.Reader, args ...string) result {
	t.Helper()
	if stdin == nil {
		stdin = strings.NewReader("")
	}
	var out, errb bytes.Buffer
	e := &env{ctx: context.Background(), stdin: stdin, stdout: &out, stderr: &errb, loc: time.UTC}
	code := run(e, args)
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}
