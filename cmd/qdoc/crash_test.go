//go:build crashpoints && unix

package main

import (
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// Crash tests kill the real binary (this test binary, built with -tags
// crashpoints, acting as qdoc) at named points and at random moments, then
// rerun it and check every promise. Run: go test -tags crashpoints -run Crash ./cmd/qdoc

const crashEntries = 5000

// qdocBin returns a path that makes this test binary act as qdoc.
func qdocBin(t *testing.T) string {
	dir := t.TempDir()
	bin := filepath.Join(dir, "qdoc")
	if err := os.Symlink(os.Args[0], bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

func qdocCmd(bin, ws, crash string) *exec.Cmd {
	cmd := exec.Command(bin, "-c", filepath.Join(ws, "config.yaml"), "run")
	cmd.Env = append(os.Environ(), "QDOC_NOW=2026-11-28", "QDOC_CRASH="+crash)
	return cmd
}

// killedAt runs qdoc with a crash point and asserts it died there.
func killedAt(t *testing.T, bin, ws, point string) {
	t.Helper()
	out, err := qdocCmd(bin, ws, point).CombinedOutput()
	ee, ok := err.(*exec.ExitError)
	if !ok || ee.Sys().(syscall.WaitStatus).Signal() != syscall.SIGKILL {
		t.Fatalf("crash point %s not reached (err %v): %s", point, err, out)
	}
}

func recoverRun(t *testing.T, bin, ws string) {
	t.Helper()
	if out, err := qdocCmd(bin, ws, "").CombinedOutput(); err != nil {
		t.Fatalf("recovery run: %v\n%s", err, out)
	}
}

func TestCrashPoints(t *testing.T) {
	bin := qdocBin(t)
	points := []string{fsutil.CrashMidImport, fsutil.CrashAfterStore, fsutil.CrashMidRender,
		fsutil.CrashAfterRename, fsutil.CrashMidLedger, fsutil.CrashAfterLedger,
		fsutil.CrashMidArchive, fsutil.CrashAfterArchived}
	for _, p := range points {
		t.Run(p, func(t *testing.T) {
			ws := newWorkspace(t, crashEntries)
			killedAt(t, bin, ws, p)
			recoverRun(t, bin, ws)
			checkPromises(t, ws, crashEntries)
		})
	}
}

// A crash during the recovery run itself is recovered by the next.
func TestCrashDuringRecovery(t *testing.T) {
	bin := qdocBin(t)
	ws := newWorkspace(t, crashEntries)
	killedAt(t, bin, ws, fsutil.CrashAfterStore)
	killedAt(t, bin, ws, fsutil.CrashMidRender)
	killedAt(t, bin, ws, fsutil.CrashMidLedger)
	killedAt(t, bin, ws, fsutil.CrashMidArchive)
	recoverRun(t, bin, ws)
	checkPromises(t, ws, crashEntries)
}

// SIGKILL at random moments, several times over, then a clean run.
func TestCrashRandomKills(t *testing.T) {
	bin := qdocBin(t)
	ws := newWorkspace(t, crashEntries)
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 8; i++ {
		cmd := qdocCmd(bin, ws, "")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(50+rng.Intn(1500)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
	}
	recoverRun(t, bin, ws)
	checkPromises(t, ws, crashEntries)
}
