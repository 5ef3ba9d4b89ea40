package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strconv"
	"strings"

	"github.com/rogpeppe/go-internal/testscript"
)

// Script commands for --json and Windows-shaped input; registered in
// TestScripts (main_test.go).

var snakeKey = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// jsonvalid FILE: FILE (or stdout) is exactly one JSON document, and every
// object key is snake_case, as README promises scripts.
func cmdJSONValid(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: jsonvalid FILE")
	}
	v, err := decodeJSON(ts.ReadFile(args[0]))
	if err == nil {
		err = checkKeys(v, "")
	}
	switch {
	case neg && err == nil:
		ts.Fatalf("%s is valid JSON", args[0])
	case !neg && err != nil:
		ts.Fatalf("%s: %v", args[0], err)
	}
}

func decodeJSON(text string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON document, or text after it")
	}
	return v, nil
}

func checkKeys(v any, at string) error {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if !snakeKey.MatchString(k) {
				return fmt.Errorf("key %q at %q is not snake_case", k, at)
			}
			if err := checkKeys(x, at+"."+k); err != nil {
				return err
			}
		}
	case []any:
		for i, x := range v {
			if err := checkKeys(x, at+"."+strconv.Itoa(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// jsonpath FILE PATH WANT: the value at PATH in the JSON document FILE
// (or stdout) equals WANT. PATH is dot-separated keys and array indexes,
// files.0.outcome; len(PATH) is the length of a list or object. A string
// compares as itself, anything else as compact JSON ('[]', '{"a":1}').
// stdout is left as it was, so several checks can read the same output.
// ("#" would read better for a length, but starts a comment in scripts.)
func cmdJSONPath(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: jsonpath FILE PATH WANT")
	}
	v, err := decodeJSON(ts.ReadFile(args[0]))
	ts.Check(err)
	got, err := jsonAt(v, args[1])
	switch {
	case err != nil && !neg:
		ts.Fatalf("%s: %v", args[0], err)
	case err != nil:
		return
	case (got == args[2]) == neg:
		ts.Fatalf("%s %s = %q, want %s%q", args[0], args[1], got, map[bool]string{true: "not ", false: ""}[neg], args[2])
	}
}

func jsonAt(v any, path string) (string, error) {
	inner, isLen := strings.CutPrefix(path, "len(")
	if isLen {
		path = strings.TrimSuffix(inner, ")")
	}
	for _, seg := range strings.Split(strings.TrimPrefix(path, "."), ".") {
		if seg == "" {
			continue
		}
		next, err := jsonStep(v, seg)
		if err != nil {
			return "", fmt.Errorf("%s: %w", path, err)
		}
		v = next
	}
	if isLen {
		return jsonLen(v, path)
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	b, err := json.Marshal(v)
	return string(b), err
}

func jsonLen(v any, path string) (string, error) {
	switch v := v.(type) {
	case map[string]any:
		return strconv.Itoa(len(v)), nil
	case []any:
		return strconv.Itoa(len(v)), nil
	}
	return "", fmt.Errorf("len(%s): not a list or object", path)
}

func jsonStep(v any, seg string) (any, error) {
	switch v := v.(type) {
	case map[string]any:
		x, ok := v[seg]
		if !ok {
			return nil, fmt.Errorf("no key %q", seg)
		}
		return x, nil
	case []any:
		i, err := strconv.Atoi(seg)
		if err != nil || i < 0 || i >= len(v) {
			return nil, fmt.Errorf("no element %q in a list of %d", seg, len(v))
		}
		return v[i], nil
	}
	return nil, fmt.Errorf("cannot take %q of %v", seg, v)
}

// crlf IN OUT: IN with Windows line ends, as Notepad and Excel save text.
func cmdCRLF(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 2 {
		ts.Fatalf("usage: crlf IN OUT")
	}
	b := bytes.ReplaceAll([]byte(ts.ReadFile(args[0])), []byte("\r\n"), []byte("\n"))
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), bytes.ReplaceAll(b, []byte("\n"), []byte("\r\n")), 0o644))
}
