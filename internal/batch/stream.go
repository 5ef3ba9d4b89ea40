package batch

import (
	"fmt"
	"path/filepath"

	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/intake"
	"github.com/qdoc/qdoc/internal/store"
)

// validate reads a file once, planning and checking every row. Rows are
// kept (for the error report) only up to KeepRows, so a 100,000-row
// register is validated in bounded memory.
func (r *Run) validate(path string, ix *store.Index) (*planner, *intake.File, []intake.Row, error) {
	p := r.newPlanner(ix)
	var kept []intake.Row
	task := r.Progress.Task("检查 "+filepath.Base(path), 0)
	defer task.Done()
	f, err := intake.ReadEach(path, r.limits(), func(row intake.Row) {
		p.row(row)
		task.Add(1)
		if len(kept) < KeepRows {
			kept = append(kept, row)
		}
	})
	return p, f, kept, err
}

// rejectFile writes the error report from the kept rows, or, for a file
// too large to keep, from a second pass that keeps only the bad rows.
func (r *Run) rejectFile(fr FileResult, f *intake.File, kept []intake.Row, probs []intake.Problem) (FileResult, error) {
	if f.RowCount <= len(kept) {
		f.Rows = kept
		return r.reject(fr, f, probs)
	}
	bad := map[int]bool{}
	for _, p := range probs {
		bad[p.Line] = true
	}
	g, err := intake.ReadEach(f.Path, r.limits(), func(row intake.Row) {
		if bad[row.Line] {
			f.Rows = append(f.Rows, row)
		}
	})
	if err != nil {
		return r.unreadable(fr, err)
	}
	f.RowCount = g.RowCount
	return r.reject(fr, f, probs)
}

// reloadIndex refreshes ix from the store after a file too large to track
// row by row was stored.
func (r *Run) reloadIndex(ix *store.Index) error {
	fresh, err := r.Store.LoadIndex()
	if err == nil {
		*ix = *fresh
	}
	return err
}

// applyStream stores a file too large to hold: a second streaming pass
// plans each row again (the store has not changed since the first) and
// applies it at once, all in one transaction with the file's hash. If the
// file changed between the passes nothing is stored.
func (r *Run) applyStream(fr *FileResult, path string, ix *store.Index, rel, sha string, size int64) error {
	tx, err := r.Store.Begin(r.Actor)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	p := r.newPlanner(ix)
	p.keep = 0
	var applyErr error
	task := r.Progress.Task("导入 "+filepath.Base(path), 0)
	defer task.Done()
	_, err = intake.ReadEach(path, r.limits(), func(row intake.Row) {
		task.Add(1)
		pl, ok := p.row(row)
		if applyErr == nil && ok {
			applyErr = r.applyRow(tx, fr, &pl, rel)
		}
	})
	if err == nil {
		err = applyErr
	}
	if err == nil && len(p.probs) > 0 {
		err = fmt.Errorf("%s changed while it was being read; nothing was stored from it, run again", rel)
	}
	if err != nil {
		return err
	}
	if again, _, herr := fsutil.HashFile(path); herr != nil || again != sha {
		return fmt.Errorf("%s changed while it was being read; nothing was stored from it, run again", rel)
	}
	return r.commitFile(tx, rel, sha, size)
}
