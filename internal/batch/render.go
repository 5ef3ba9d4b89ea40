package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"time"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// FM30 is the form code (unprefixed) of the information transmission
// feedback form, one per entry.
const FM30 = "FM-30"

// RenderStep writes the FM-30 of every entry that has none yet, so a run
// that stopped before rendering is completed by the next one, and puts
// back the current form of an entry whose file was deleted from out/ (see
// rerender.go). Forms are rendered in parallel, staged and synced, then
// renamed into place and recorded in one transaction.
type RenderStep struct{}

func (RenderStep) String() string { return "render" }

// Run renders the missing FM-30 forms.
func (RenderStep) Run(ctx context.Context, r *Run) error {
	serials, err := r.Store.Unrendered(FM30)
	if err != nil {
		return err
	}
	gone, err := r.deletedForms()
	if err != nil || len(serials) == 0 && len(gone) == 0 {
		return err
	}
	fr, err := r.Forms()
	if err != nil {
		return err
	}
	if err := fr.renderNew(ctx, serials); err != nil {
		return err
	}
	return fr.putBack(ctx, gone)
}

// renderNew renders, puts in place and records the first FM-30 of serials.
func (fr *FormRenderer) renderNew(ctx context.Context, serials []string) error {
	return inChunks(fr, "生成表单 FM-30", serials, func(c []string) error { return fr.renderChunk(ctx, c) })
}

// inChunks hands items to fn renderChunk at a time under a progress task
// named label, so a large backlog is rendered in bounded memory.
func inChunks[T any](fr *FormRenderer, label string, items []T, fn func([]T) error) error {
	if len(items) == 0 {
		return nil
	}
	task := fr.r.Progress.Task(label, len(items))
	defer task.Done()
	for len(items) > 0 {
		n := min(len(items), renderChunk)
		if err := fn(items[:n]); err != nil {
			return err
		}
		task.Add(n)
		items = items[n:]
	}
	return nil
}

// renderChunk bounds memory for a large backlog: forms are rendered,
// staged, put in place and recorded this many at a time.
const renderChunk = 500

func (fr *FormRenderer) renderChunk(ctx context.Context, serials []string) error {
	entries := make([]*record.Entry, len(serials))
	for i, s := range serials {
		var err error
		if entries[i], err = fr.r.Store.Get(s); err != nil {
			return err
		}
	}
	staged, err := fr.stageAll(ctx, len(entries), func(i int) (stagedForm, error) {
		return fr.stage(entries[i], 0, entries[i].Registered)
	})
	if err != nil {
		return err
	}
	return fr.r.commitForms(staged, "run")
}

// FormRenderer renders FM-30 forms for a workspace.
type FormRenderer struct {
	r      *Run
	eng    *form.Engine
	layout *form.Layout
}

// Forms returns the workspace's form renderer: the configured font (or the
// embedded one) and the FM-30 layout in the workspace's language (the
// workspace's own, if any): fm30.yaml, fm30.en.yaml or fm30.bi.yaml.
func (r *Run) Forms() (*FormRenderer, error) {
	eng, err := r.engine()
	if err != nil {
		return nil, err
	}
	l, err := form.LoadLayout(r.Cfg.LayoutName("fm30.yaml"), r.Cfg.TemplatesDir())
	if err != nil {
		return nil, err
	}
	return &FormRenderer{r: r, eng: eng, layout: l}, nil
}

// Data is the printed content of an entry's FM-30.
func (fr *FormRenderer) Data(e *record.Entry) form.Data {
	d := form.FM30DataWords(e, fr.r.Cfg.Company, fr.r.Cfg.PrintLabels(), fr.layout.Words, fr.r.Cfg.Departments)
	d.FormCode = fr.r.Cfg.FormCode(FM30)
	return d
}

// PDF renders forms into one PDF dated created.
func (fr *FormRenderer) PDF(ds []form.Data, created time.Time) ([]byte, error) {
	var buf bytes.Buffer
	err := fr.eng.RenderMany(&buf, fr.layout, ds, created)
	return buf.Bytes(), err
}

// FormPath is where revision rev of serial's FM-30 is written.
func (r *Run) FormPath(e *record.Entry, rev int) (string, error) {
	name := e.Serial
	if rev > 0 {
		name += "-R" + strconv.Itoa(rev)
	}
	if _, err := fsutil.SafeName(name + ".pdf"); err != nil {
		return "", fmt.Errorf("serial %s cannot name a file: %w", e.Serial, err)
	}
	return filepath.Join(r.Cfg.OutDir(), "forms", FM30, strconv.Itoa(e.Year), name+".pdf"), nil
}

type stagedForm struct {
	e           *record.Entry
	rev         int
	p           *fsutil.Pending
	path        string
	sum         string
	fromArchive bool // put back from the archive's copy, not re-rendered
}

// stageAll renders and stages n forms on every core, stage(i) doing the
// i-th. An original's dates are the entry's registration date, so a later
// recovery run writes the same bytes.
func (fr *FormRenderer) stageAll(ctx context.Context, n int, stage func(i int) (stagedForm, error)) ([]stagedForm, error) {
	out := make([]stagedForm, n)
	errs := make([]error, n)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i], errs[i] = stage(i)
			}
		}()
	}
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	for i, err := range errs {
		if err == nil && ctx.Err() != nil && out[i].p == nil {
			err = ctx.Err()
		}
		if err != nil {
			abortAll(out)
			return nil, err
		}
	}
	return out, nil
}

func (fr *FormRenderer) stage(e *record.Entry, rev int, created time.Time) (stagedForm, error) {
	return fr.stageData(e, rev, fr.Data(e), created)
}

func (fr *FormRenderer) stageData(e *record.Entry, rev int, d form.Data, created time.Time) (stagedForm, error) {
	path, err := fr.r.FormPath(e, rev)
	if err != nil {
		return stagedForm{}, err
	}
	b, sum, err := fr.render(e, d, created)
	if err != nil {
		return stagedForm{}, err
	}
	p, err := fsutil.Stage(path, b)
	return stagedForm{e: e, rev: rev, p: p, path: path, sum: sum}, err
}

// render draws one form and returns its bytes and their SHA-256 (hex).
func (fr *FormRenderer) render(e *record.Entry, d form.Data, created time.Time) ([]byte, string, error) {
	b, err := fr.PDF([]form.Data{d}, created)
	if err != nil {
		return nil, "", fmt.Errorf("rendering %s: %w", e.Serial, err)
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}

func abortAll(sf []stagedForm) {
	for _, s := range sf {
		if s.p != nil {
			s.p.Abort()
		}
	}
}

// commitForms puts the staged files in place, then records them. A crash
// between the two leaves files the next run renders again, byte for byte.
func (r *Run) commitForms(sf []stagedForm, source string) error {
	ps := make([]*fsutil.Pending, len(sf))
	for i, s := range sf {
		ps[i] = s.p
	}
	fsutil.Crash(fsutil.CrashMidRender)
	if err := fsutil.CommitAll(ps); err != nil {
		return err
	}
	fsutil.Crash(fsutil.CrashAfterRename)
	tx, err := r.Store.Begin(r.Actor)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, s := range sf {
		f := store.Form{Serial: s.e.Serial, Form: FM30, Rev: s.rev, Path: r.relPath(s.path), SHA256: s.sum}
		if err := tx.AddForm(f, source); err != nil {
			return err
		}
		r.Result.Rendered = append(r.Result.Rendered, s.path)
	}
	return tx.Commit()
}
