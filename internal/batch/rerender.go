package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// A form deleted from out/ (by hand, or by a clean-up of the folder) was
// never rendered again: the render step chose by the store's record alone.
// Forms are deterministic, so the current form of an entry — the original,
// or its last reissue — can be drawn again byte for byte from the stored
// record, its recorded date and the layout. The render step does that and
// puts the file back only when its SHA-256 is the one recorded when it was
// issued. When it differs (the record or the layout changed since, or a
// newer qdoc writes PDFs differently), the original is copied back from the
// archive, where it was filed with that SHA-256, and the run says the
// current record would print differently, so `qdoc forms reissue` can issue
// a new revision. Only a form the archive lacks too stays out, with a
// warning; the record is left as it is either way.

// deletedForms lists the current forms whose file is no longer where it
// was recorded. A rerun with nothing new pays for it, so it first looks
// cheaply: the serials and revisions from the store's index, against one
// listing of each year's folder (3,000 forms: 8 ms, where the query of
// their paths and details and a stat per form cost 45 ms). Only the forms
// not found so are looked at closely, by their recorded path.
func (r *Run) deletedForms() ([]store.CurrentForm, error) {
	revs, err := r.Store.FormRevs(FM30)
	if err != nil || len(revs) == 0 {
		return nil, err
	}
	current := map[string]int{}
	for _, f := range revs {
		if rev, ok := current[f.Serial]; !ok || f.Rev > rev {
			current[f.Serial] = f.Rev
		}
	}
	filed := r.filedForms()
	suspect := map[string]bool{}
	for serial, rev := range current {
		if !filed[formName(serial, rev)] {
			suspect[serial] = true
		}
	}
	if len(suspect) == 0 {
		return nil, nil
	}
	all, err := r.Store.CurrentForms(FM30)
	var gone []store.CurrentForm
	for _, f := range all {
		if !suspect[f.Serial] {
			continue
		}
		if _, err := os.Lstat(r.Cfg.Path(f.Path)); errors.Is(err, fs.ErrNotExist) {
			gone = append(gone, f)
		}
	}
	return gone, err
}

// filedForms is the set of file names in the year folders of
// out/forms/FM-30; folders that cannot be read add nothing.
func (r *Run) filedForms() map[string]bool {
	root := filepath.Join(r.Cfg.OutDir(), "forms", FM30)
	years, _ := os.ReadDir(root)
	names := map[string]bool{}
	for _, y := range years {
		d, err := os.Open(filepath.Join(root, y.Name()))
		if err != nil {
			continue
		}
		ns, _ := d.Readdirnames(-1)
		d.Close()
		for _, n := range ns {
			names[n] = true
		}
	}
	return names
}

// formName is the file name of revision rev of serial's FM-30 (FormPath).
func formName(serial string, rev int) string {
	if rev > 0 {
		return serial + "-R" + strconv.Itoa(rev) + ".pdf"
	}
	return serial + ".pdf"
}

// putBack renders the deleted forms again and puts back those whose bytes
// are the recorded ones.
func (fr *FormRenderer) putBack(ctx context.Context, gone []store.CurrentForm) error {
	return inChunks(fr, "补回表单 FM-30", gone, func(c []store.CurrentForm) error { return fr.putBackChunk(ctx, c) })
}

func (fr *FormRenderer) putBackChunk(ctx context.Context, gone []store.CurrentForm) error {
	entries := make([]*record.Entry, len(gone))
	for i, f := range gone {
		var err error
		if entries[i], err = fr.r.Store.Get(f.Serial); err != nil {
			return err
		}
	}
	staged, err := fr.stageAll(ctx, len(gone), func(i int) (stagedForm, error) {
		return fr.stageAgain(entries[i], gone[i])
	})
	if err != nil {
		return err
	}
	var ps []*fsutil.Pending
	for i, s := range staged {
		if s.p == nil {
			fr.r.warnChanged(gone[i])
			continue
		}
		if s.fromArchive {
			fr.r.noteFromArchive(gone[i])
		}
		ps = append(ps, s.p)
		fr.r.Result.PutBack = append(fr.r.Result.PutBack, s.path)
	}
	return fsutil.CommitAll(ps)
}

// stageAgain renders f as it was issued: an original dated the entry's
// registration, a reissue the day it was recorded. It stages the file only
// when its SHA-256 is the recorded one, else the archive's copy if that
// has it.
func (fr *FormRenderer) stageAgain(e *record.Entry, f store.CurrentForm) (stagedForm, error) {
	created := e.Registered
	d := fr.Data(e)
	if f.Rev > 0 {
		created = record.Today(f.At, fr.r.Cfg.Loc)
		d.IssueDate = record.FormatDate(created)
	}
	path := fr.r.Cfg.Path(f.Path)
	b, sum, err := fr.render(e, d, created)
	if err != nil {
		return stagedForm{e: e, rev: f.Rev, path: path, sum: sum}, err
	}
	fromArchive := false
	if sum != f.SHA256 {
		if b = fr.r.archivedForm(f); b == nil {
			return stagedForm{e: e, rev: f.Rev, path: path, sum: sum}, nil
		}
		sum, fromArchive = f.SHA256, true
	}
	p, err := fsutil.Stage(path, b)
	return stagedForm{e: e, rev: f.Rev, p: p, path: path, sum: sum, fromArchive: fromArchive}, err
}

// archivedForm is the archive's copy of form f when it holds the bytes
// recorded at issue, else nil.
func (r *Run) archivedForm(f store.CurrentForm) []byte {
	rel, err := r.formItem(f.IssuedForm).Rel()
	if err != nil {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(r.Cfg.ArchiveDir(), filepath.FromSlash(rel)))
	if err != nil {
		return nil
	}
	if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != f.SHA256 {
		return nil
	}
	return b
}

// noteFromArchive says a deleted form came back from the archive, and that
// the current record would print differently.
func (r *Run) noteFromArchive(f store.CurrentForm) {
	fmt.Fprintf(r.Out, "  提示 %s 已从归档取回签发时的原件；按现在的记录和版式重新生成的文件与原件不同（签发后改过记录或版式，或新版 qdoc 的 PDF 写法不同），"+
		"如需按现在的内容出一份新表，请运行 qdoc forms reissue %s\n", f.Path, f.Serial)
}

// warnChanged says a deleted form could not be put back, and why.
func (r *Run) warnChanged(f store.CurrentForm) {
	fmt.Fprintf(r.Out, "  提示 %s 已不在 out/ 中；按现在的记录和版式重新生成的文件与签发时记录的 SHA-256 不同（签发后改过记录或版式），"+
		"归档中也没有签发时的原件（请运行 qdoc verify 检查归档），未写回，记录不变；如需按现在的内容出一份新表，请运行 qdoc forms reissue %s\n", f.Path, f.Serial)
	r.Result.NotPutBack = append(r.Result.NotPutBack, f.Path)
}
