package fsutil

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"testing"
	"time"
)

func TestLockExclusive(t *testing.T) {
	p := filepath.Join(t.TempDir(), "qdoc.lock")
	l, err := Acquire(p, "holder one")
	if err != nil {
		t.Fatal(err)
	}
	_, err = Acquire(p, "holder two")
	var le *ErrLocked
	if !errors.As(err, &le) || le.Holder != "holder one" {
		t.Fatalf("second acquire: %v", err)
	}
	l.Release()
	l2, err := Acquire(p, "holder two")
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}

// A lock left by a killed process does not block the next one.
func TestLockKilledHolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses SIGKILL")
	}
	if p := os.Getenv("QDOC_LOCK_HELPER"); p != "" {
		if _, err := Acquire(p, "helper"); err != nil {
			os.Exit(7)
		}
		os.Stdout.WriteString("locked\n")
		time.Sleep(time.Minute)
		os.Exit(0)
	}
	p := filepath.Join(t.TempDir(), "qdoc.lock")
	cmd := exec.Command(os.Args[0], "-test.run=TestLockKilledHolder")
	cmd.Env = append(os.Environ(), "QDOC_LOCK_HELPER="+p)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 7)
	if _, err := out.Read(buf); err != nil {
		t.Fatal(err)
	}
	if _, err := Acquire(p, "me"); err == nil {
		t.Fatal("lock not held by the helper")
	}
	cmd.Process.Kill()
	cmd.Wait()
	l, err := Acquire(p, "me")
	if err != nil {
		t.Fatalf("lock of a killed process still blocks: %v", err)
	}
	l.Release()
}

func TestSafeName(t *testing.T) {
	bad := []string{"", ".", "..", "../x", "a/b", `a\b`, "CON", "nul.txt", "com1.pdf", "x.", " x", "a\x00b", "a:b", "a..b"}
	for _, s := range bad {
		if _, err := SafeName(s); err == nil {
			t.Errorf("SafeName(%q) accepted", s)
		}
	}
	for _, s := range []string{"LDMD-FM-30-2026-0001.pdf", "质量信息台帐 2026.xlsx", "console.txt"} {
		if _, err := SafeName(s); err != nil {
			t.Errorf("SafeName(%q): %v", s, err)
		}
	}
}

func FuzzSafeName(f *testing.F) {
	for _, s := range []string{"a.pdf", "../x", "CON", "质量.xlsx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := SafeName(s)
		if err != nil {
			return
		}
		if filepath.Base(got) != got || got == ".." || filepath.IsAbs(got) {
			t.Errorf("SafeName(%q) = %q escapes its folder", s, got)
		}
	})
}
