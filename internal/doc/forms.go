package doc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strconv"
	"time"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/store"
)

// The forms of document control, each a PDF under out/forms/<form code>/
// <year>/ named by its serial:
//
//   - 文件修订申请表 (FM-10): revision 0 when the revision is requested, with
//     the application alone; revision 1 (…-R1.pdf) once it is decided
//     (approved or rejected), with the review and approval opinions, names
//     and dates. The first is what the applicant signs; the second the
//     filled record that is filed. Both keep the request's serial: it is one
//     request, and R1 says it is a later state of the same paper, as
//     `forms reissue` does for FM-30. An approval withdrawn before issue
//     gives revision 2, the approval box saying so.
//   - 培训申请单 (FM-11): when a version is issued, with its own serial.
//
// Which forms are due is a function of what is stored, so a run after a
// crash renders the missing ones again, byte for byte: every form's
// content and dates come from the record as of the step that made it.

// formJob is one form that is due and not yet recorded.
type formJob struct {
	serial, code string // code: the form's unprefixed code, e.g. FM-10
	rev, year    int
	layout       string
	data         form.Data
	created      time.Time
}

type formChecker interface {
	HasForm(serial, form string, rev int) (bool, error)
}

// dueForms lists the forms of a document that are due and not recorded,
// leaving out those in skip (staged already).
func (w *Workspace) dueForms(q formChecker, f *store.DocFile, skip []*stagedForm) ([]formJob, error) {
	var all []formJob
	dc := w.Cfg.Documents
	for _, r := range f.Requests {
		all = append(all, w.revisionJob(f, r, 0))
		if decided(r) {
			all = append(all, w.revisionJob(f, r, 1))
		}
		if r.State == Withdrawn {
			all = append(all, w.revisionJob(f, r, 2))
		}
	}
	for _, v := range f.Versions {
		if v.Training != "" {
			all = append(all, w.trainingJob(f, v))
		}
	}
	var out []formJob
	for _, j := range all {
		code := dc.RevisionForm
		if j.layout == "training" {
			code = dc.TrainingForm
		}
		j.code = code
		if staged(skip, j) {
			continue
		}
		have, err := q.HasForm(j.serial, code, j.rev)
		if err != nil {
			return nil, err
		}
		if !have {
			out = append(out, j)
		}
	}
	return out, nil
}

func decided(r *store.DocRequest) bool {
	return r.State == Approved || r.State == Rejected || r.State == Issued || r.State == Withdrawn
}

func staged(fs []*stagedForm, j formJob) bool {
	for _, s := range fs {
		if s.job.serial == j.serial && s.job.code == j.code && s.job.rev == j.rev {
			return true
		}
	}
	return false
}

// renderer draws document-control forms with the workspace's font.
type renderer struct {
	eng     *form.Engine
	layouts map[string]*form.Layout
	dir     string
}

func (w *Workspace) renderer() (*renderer, error) {
	ttf, err := w.Cfg.FontBytes()
	if err != nil {
		return nil, err
	}
	eng, err := form.NewEngine(ttf)
	if err != nil {
		return nil, err
	}
	return &renderer{eng: eng, layouts: map[string]*form.Layout{}, dir: w.Cfg.TemplatesDir()}, nil
}

func (r *renderer) layout(name string) (*form.Layout, error) {
	if l, ok := r.layouts[name]; ok {
		return l, nil
	}
	l, err := form.LoadLayout(name, r.dir)
	r.layouts[name] = l
	return l, err
}

func (r *renderer) pdf(layout string, ds []form.Data, created time.Time) ([]byte, error) {
	l, err := r.layout(layout)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	err = r.eng.RenderMany(&buf, l, ds, created)
	return buf.Bytes(), err
}

// stagedForm is a rendered form waiting to be put in place and recorded.
type stagedForm struct {
	job  formJob
	p    *fsutil.Pending
	path string
	sum  string
}

// stageDue renders and stages the forms of a document that are due and
// not in skip.
func (w *Workspace) stageDue(q formChecker, f *store.DocFile, skip []*stagedForm) ([]*stagedForm, error) {
	jobs, err := w.dueForms(q, f, skip)
	if err != nil || len(jobs) == 0 {
		return nil, err
	}
	r, err := w.renderer()
	if err != nil {
		return nil, err
	}
	var out []*stagedForm
	for _, j := range jobs {
		s, err := w.stageForm(r, j)
		if err != nil {
			abortForms(out)
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

func (w *Workspace) stageForm(r *renderer, j formJob) (*stagedForm, error) {
	path, err := w.formPath(j)
	if err != nil {
		return nil, err
	}
	b, err := r.pdf(j.layout, []form.Data{j.data}, j.created)
	if err != nil {
		return nil, fmt.Errorf("rendering %s: %w", j.serial, err)
	}
	p, err := fsutil.Stage(path, b)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(b)
	return &stagedForm{job: j, p: p, path: path, sum: hex.EncodeToString(sum[:])}, nil
}

// formPath is out/forms/<code>/<year>/<serial>[-R<rev>].pdf.
func (w *Workspace) formPath(j formJob) (string, error) {
	name := j.serial
	if j.rev > 0 {
		name += "-R" + strconv.Itoa(j.rev)
	}
	for _, part := range []string{j.code, name + ".pdf"} {
		if _, err := fsutil.SafeName(part); err != nil {
			return "", fmt.Errorf("%s cannot name a file: %w", part, err)
		}
	}
	return filepath.Join(w.Cfg.OutDir(), "forms", j.code, strconv.Itoa(j.year), name+".pdf"), nil
}

func abortForms(fs []*stagedForm) {
	for _, s := range fs {
		s.p.Abort()
	}
}

// recordForms puts staged forms in place, then records them. A crash
// between the two leaves forms the next run renders again, identically.
func (w *Workspace) recordForms(fs []*stagedForm, source string) error {
	if len(fs) == 0 {
		return nil
	}
	ps := make([]*fsutil.Pending, len(fs))
	for i, s := range fs {
		ps[i] = s.p
	}
	if err := fsutil.CommitAll(ps); err != nil {
		return err
	}
	tx, err := w.Store.Begin(w.Actor)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range fs {
		f := store.Form{Serial: s.job.serial, Form: s.job.code, Rev: s.job.rev, Path: w.rel(s.path), SHA256: s.sum}
		if err := tx.AddForm(f, source); err != nil {
			return err
		}
		w.Written = append(w.Written, s.path)
	}
	return tx.Commit()
}
