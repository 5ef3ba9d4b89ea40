// Package fsutil holds the file-system helpers every writer goes through:
// the one atomic write, safe file names, and the workspace lock.
package fsutil

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
)

// WriteFile writes path atomically: a temp file in the same folder is
// filled by write, fsynced, closed and renamed over path, then the folder is
// fsynced. A crash leaves either the old file or the new one, never a torn
// one, and at most a stray temp file that the next write replaces. If path
// cannot be replaced (on Windows: it is open in Excel), the error says so.
func WriteFile(path string, write func(w io.Writer) error) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := createTemp(dir, path)
	if err != nil {
		return fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	ok := false
	defer func() {
		if !ok {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes 0600 files; outputs are for people to open and print.
	tmp.Chmod(0o644)
	bw := bufio.NewWriterSize(faultWriter{tmp}, 256<<10)
	if err := write(bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := rename(tmp.Name(), path); err != nil {
		if runtime.GOOS == "windows" || errors.Is(err, os.ErrPermission) {
			return fmt.Errorf("cannot replace %s: it is probably open in Excel or another program; close it and run again (%v)", path, err)
		}
		return fmt.Errorf("cannot replace %s: %w", path, err)
	}
	ok = true
	return SyncDir(dir)
}

// SyncDir fsyncs a folder so a rename in it is durable. Windows cannot
// open folders for sync and orders metadata itself, so it is a no-op there.
func SyncDir(dir string) error {
	if err := fault("syncdir", dir); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}

// The primitives below are the only places this package touches files;
// each first asks the fault hook, so tests can fail any one of them.

// tempPattern names temp files: hidden, beside their target, recognisable
// by CleanTemp.
func tempPattern(path string) string { return "." + filepath.Base(path) + ".tmp-*" }

func createTemp(dir, path string) (*os.File, error) {
	if err := fault("create", path); err != nil {
		return nil, err
	}
	return os.CreateTemp(dir, tempPattern(path))
}

func syncFile(f *os.File) error {
	if err := fault("sync", f.Name()); err != nil {
		return err
	}
	return f.Sync()
}

func rename(from, to string) error {
	if err := fault("rename", to); err != nil {
		return err
	}
	return os.Rename(from, to)
}

// faultWriter lets the hook fail a write, e.g. with ENOSPC.
type faultWriter struct{ f *os.File }

func (w faultWriter) Write(p []byte) (int, error) {
	if err := fault("write", w.f.Name()); err != nil {
		return 0, err
	}
	return w.f.Write(p)
}
