package fsutil

import (
	"fmt"
	"os"
	"path/filepath"
)

// Pending is a file written and synced under a temp name, waiting to be
// renamed into place. Staging a batch and committing it together costs one
// folder sync per folder instead of one per file, with the same promise:
// a file under its final name is complete.
type Pending struct {
	tmp, final string
}

// Stage writes data to a synced temp file beside path.
func Stage(path string, data []byte) (*Pending, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	// CreateTemp makes 0600 files; outputs are for people to open and print.
	f.Chmod(0o644)
	if _, err = f.Write(data); err == nil {
		err = f.Sync()
	}
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

// CommitAll renames every staged file into place, then syncs each folder
// once. On error the files not yet renamed are removed.
func CommitAll(ps []*Pending) error {
	dirs := map[string]bool{}
	for i, p := range ps {
		if err := os.Rename(p.tmp, p.final); err != nil {
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
