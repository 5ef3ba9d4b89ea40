package main

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// TestFaultInjection fails the Nth file operation of a run, for N = 1, 2,
// … until a run completes untouched: once (a transient error) and from
// then on (a full disk, ENOSPC). After each, a clean rerun must restore
// every promise.
func TestFaultInjection(t *testing.T) {
	if testing.Short() {
		t.Skip("long")
	}
	const n = 12
	for _, persistent := range []bool{false, true} {
		survived := 0
		for nth := 1; ; nth++ {
			ws := newWorkspace(t, n)
			failed := runWithFault(t, ws, nth, persistent)
			code, out := runQdoc(ws, "run")
			if code != 0 {
				t.Fatalf("fault %d (persistent %v): clean rerun exit %d: %s", nth, persistent, code, out)
			}
			checkPromises(t, ws, n)
			if !failed {
				break
			}
			survived++
		}
		t.Logf("persistent=%v: survived %d injected faults", persistent, survived)
	}
}

// runWithFault runs qdoc with the nth file operation failing; it reports
// whether the fault was reached.
func runWithFault(t *testing.T, ws string, nth int, persistent bool) bool {
	var mu sync.Mutex
	count, hit := 0, false
	restore := fsutil.SetFaultHook(func(op, path string) error {
		mu.Lock()
		defer mu.Unlock()
		count++
		if count == nth || (persistent && count > nth) {
			hit = true
			return fmt.Errorf("%w at %s %s: %w", fsutil.ErrInjected, op, filepath.Base(path), syscall.ENOSPC)
		}
		return nil
	})
	defer restore()
	code, out := runQdoc(ws, "run")
	if hit && code == 0 {
		// No error is swallowed: a run that hit a fault cannot claim success.
		t.Fatalf("fault %d hit but run exited 0: %s", nth, out)
	}
	if hit && !strings.Contains(out, "injected fault") {
		t.Fatalf("fault %d: the error does not say what failed: %s", nth, out)
	}
	return hit
}

func runQdoc(ws string, args ...string) (int, string) {
	var out bytes.Buffer
	code := Execute(append([]string{"-c", filepath.Join(ws, "config.yaml")}, args...), &out, &out)
	return code, out.String()
}
