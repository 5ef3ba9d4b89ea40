package batch

import (
	"fmt"

	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/store"
)

// apply stores one file's plan in a single transaction together with the
// file's hash: all of the file or none of it.
func (r *Run) apply(fr *FileResult, plan []planned, rel, sha string, size int64) error {
	tx, err := r.Store.Begin(r.Actor)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for i := range plan {
		if err := r.applyRow(tx, fr, &plan[i], rel); err != nil {
			return err
		}
	}
	if err := tx.RecordFile(rel, sha, size, "ok"); err != nil {
		return err
	}
	fsutil.Crash(fsutil.CrashMidImport)
	if err := tx.Commit(); err != nil {
		return err
	}
	fsutil.Crash(fsutil.CrashAfterStore)
	return nil
}

func (r *Run) applyRow(tx *store.Tx, fr *FileResult, p *planned, rel string) error {
	src := fmt.Sprintf("%s:%d", rel, p.line)
	switch p.act {
	case actNew:
		if err := tx.Insert(&p.e, src); err != nil {
			return err
		}
		fr.New++
		fr.Serials = append(fr.Serials, p.e.Serial)
		if p.nearDup != "" {
			fr.Warnings = append(fr.Warnings, fmt.Sprintf("第 %d 行（%s）与 %s 的接收日期、报告部门相同且标题相近，可能重复，请核对",
				p.line, p.e.Serial, p.nearDup))
		}
	case actLegacy:
		if err := tx.InsertLegacy(&p.e, p.year, p.seq, src); err != nil {
			return err
		}
		fr.New++
		fr.Serials = append(fr.Serials, p.e.Serial)
	case actUpdate:
		changed, err := tx.Update(&p.e, src, "")
		if err != nil {
			return err
		}
		if len(changed) == 0 {
			fr.Unchanged++
			return nil
		}
		fr.Updated++
	default:
		fr.Unchanged++
	}
	return nil
}
