package batch

import (
	"fmt"
	"path/filepath"

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
	return r.commitFile(tx, rel, sha, size)
}

// commitFile records the file's hash and commits its rows with it.
func (r *Run) commitFile(tx *store.Tx, rel, sha string, size int64) error {
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
		warnNear(fr, p)
		warnUnprintable(fr, filepath.Base(rel), p.line, p.e.Serial, p.bad, true)
	case actLegacy:
		if err := tx.InsertLegacy(&p.e, p.year, p.seq, src); err != nil {
			return err
		}
		fr.New++
		fr.Serials = append(fr.Serials, p.e.Serial)
		warnNear(fr, p)
		warnUnprintable(fr, filepath.Base(rel), p.line, p.e.Serial, p.bad, true)
	case actUpdate:
		// A late change is accepted with its file and row as the reason.
		why, err := r.lateChange(tx, &p.e)
		if err != nil {
			return err
		}
		reason := ""
		if why != "" {
			reason = src
		}
		changed, err := tx.Update(&p.e, src, reason)
		if err != nil {
			return err
		}
		if len(changed) == 0 {
			fr.Unchanged++
			return nil
		}
		fr.Updated++
		warnUnprintable(fr, filepath.Base(rel), p.line, p.e.Serial, p.bad, true)
		if why != "" {
			fr.Warnings = append(fr.Warnings, fmt.Sprintf("迟到修改 第 %d 行（%s）：%s；已接受，原因记为 %s，已归档的文件不变", p.line, p.e.Serial, why, src))
		}
	default:
		fr.Unchanged++
	}
	return nil
}

// warnNear reports a new row that may duplicate a stored entry or an
// earlier row of its file; it is stored all the same.
func warnNear(fr *FileResult, p *planned) {
	var other string
	switch {
	case p.nearDup != "":
		other = " " + p.nearDup + " "
	case p.nearLine > 0:
		other = fmt.Sprintf("本文件第 %d 行", p.nearLine)
	default:
		return
	}
	fr.Warnings = append(fr.Warnings, fmt.Sprintf("第 %d 行（%s）与%s的接收日期、报告部门相同且标题相近，可能重复，请核对",
		p.line, p.e.Serial, other))
}
