package fsutil

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Pending is a file written under a temp name, waiting to be synced and
// renamed into place. Staging a batch and committing it together costs one
// data sync for the batch (SyncAll) and one folder sync per folder instead
// of two syncs per file, with the same promise: a file under its final
// name is complete.
type Pending struct {
	tmp, final string
}

// Stage writes data to a temp file beside path; CommitAll syncs it.
func Stage(path string, data []byte) (*Pending, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := createTemp(dir, path)
	if err != nil {
		return nil, fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	// CreateTemp makes 0600 files; outputs are for people to open and print.
	f.Chmod(0o644)
	_, err = (faultWriter{f}).Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return nil, fmt.Errorf("writing %s: %w", path, err)
	}
	return &Pending{tmp: f.Name(), final: path}, nil
}

// Final is the name the file will have once committed.
func (p *Pending) Final() string { return p.final }

// Abort removes a staged file that will not be committed.
func (p *Pending) Abort() { os.Remove(p.tmp) }

// CommitAll makes every staged file durable, renames each into place,
// then syncs each folder once. On error the files not yet renamed are
// removed.
func CommitAll(ps []*Pending) error {
	tmps := make([]string, len(ps))
	for i, p := range ps {
		tmps[i] = p.tmp
	}
	if err := SyncAll(tmps); err != nil {
		for _, p := range ps {
			p.Abort()
		}
		return err
	}
	dirs := map[string]bool{}
	for i, p := range ps {
		if err := rename(p.tmp, p.final); err != nil {
			for _, q := range ps[i:] {
				q.Abort()
			}
			return fmt.Errorf("cannot put %s in place: %w", p.final, err)
		}
		dirs[filepath.Dir(p.final)] = true
	}
	for d := range dirs {
		if err := SyncDir(d); err != nil {
			return err
		}
	}
	return nil
}

// CleanTemp removes temp files that a killed run left below dir (ours
// only: hidden, named .<target>.tmp-<random>). Call it under the lock.
func CleanTemp(dir string) (int, error) {
	n := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) {
				return nil
			}
			return err
		}
		if !d.IsDir() && isTemp(d.Name()) {
			if err := os.Remove(p); err != nil {
				return err
			}
			n++
		}
		return nil
	})
	return n, err
}

func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}
