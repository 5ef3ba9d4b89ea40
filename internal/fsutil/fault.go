package fsutil

import (
	"errors"
	"sync"
)

// faultHook, when set, is asked before every file operation this package
// makes (create, write, sync, rename, syncdir); an error it returns is
// returned as if the OS had failed. It is the seam the fault-injection
// tests use to fail the Nth operation, the way SQLite tests its I/O errors.
var (
	faultMu   sync.Mutex
	faultHook func(op, path string) error
)

// SetFaultHook installs h (nil removes it) and returns a function that
// restores the previous hook. Tests only.
func SetFaultHook(h func(op, path string) error) (restore func()) {
	faultMu.Lock()
	prev := faultHook
	faultHook = h
	faultMu.Unlock()
	return func() { SetFaultHook(prev) }
}

// ErrInjected marks a fault made by a test's hook, so code with a fallback
// (the archive copies when hard links fail) lets it surface instead.
var ErrInjected = errors.New("injected fault")

// Fault lets other packages that write files themselves (the archive's
// write-once copies, its manifest) consult the same fault hook.
func Fault(op, path string) error { return fault(op, path) }

func fault(op, path string) error {
	faultMu.Lock()
	h := faultHook
	faultMu.Unlock()
	if h == nil {
		return nil
	}
	return h(op, path)
}
