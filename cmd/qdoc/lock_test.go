package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// A run while another process holds the workspace exits 3 and names the holder.
func TestRunLockedExit3(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := Execute([]string{"init", dir}, &out, &errb); code != 0 {
		t.Fatalf("init: %d %s", code, errb.String())
	}
	lockPath := filepath.Join(dir, "data", "qdoc.lock")
	if err := mkdirFor(lockPath); err != nil {
		t.Fatal(err)
	}
	l, err := fsutil.Acquire(lockPath, "qdoc run (pid 4242, 李四 on office-pc)")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()
	errb.Reset()
	code := Execute([]string{"-c", filepath.Join(dir, "config.yaml"), "run"}, &out, &errb)
	if code != exitLocked {
		t.Fatalf("exit %d, want %d; stderr %s", code, exitLocked, errb.String())
	}
	if !strings.Contains(errb.String(), "李四 on office-pc") {
		t.Errorf("message does not name the holder: %s", errb.String())
	}
}

func mkdirFor(p string) error   { return osMkdirAll(filepath.Dir(p)) }
func osMkdirAll(d string) error { return os.MkdirAll(d, 0o755) }
