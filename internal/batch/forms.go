package batch

import (
	"fmt"
	"path/filepath"
	"strings"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/record"
)

// Reissue writes a new revision of an entry's FM-30 (…-R1.pdf) beside the
// old one, from the entry as it is now, dated today, and logs it. An entry
// with no form yet gets its original instead.
func (r *Run) Reissue(e *record.Entry) (string, error) {
	if e.Reserved || e.Void {
		return "", fmt.Errorf("%s is %s; it has no form to reissue", e.Serial, map[bool]string{true: "reserved (预留)", false: "void (作废)"}[e.Reserved])
	}
	rev, err := r.Store.NextRev(e.Serial, FM30)
	if err != nil {
		return "", err
	}
	fr, err := r.Forms()
	if err != nil {
		return "", err
	}
	created := e.Registered
	if rev > 0 {
		created = r.Actor.Today
	}
	d := fr.Data(e)
	if rev > 0 {
		d.IssueDate = record.FormatDate(created)
	}
	s, err := fr.stageData(e, rev, d, created)
	if err != nil {
		return "", err
	}
	return s.path, r.commitForms([]stagedForm{s}, "command: forms reissue")
}

// Blank reserves the next n serials of the current year (预留) and writes
// one PDF with a pre-numbered blank form per page under out/print/.
func (r *Run) Blank(n int) (string, []string, error) {
	tx, err := r.Store.Begin(r.Actor)
	if err != nil {
		return "", nil, err
	}
	defer tx.Rollback()
	serials, err := tx.Reserve(r.Actor.Today.Year(), n, "command: forms blank")
	if err != nil {
		return "", nil, err
	}
	fr, err := r.Forms()
	if err != nil {
		return "", nil, err
	}
	ds := make([]form.Data, n)
	for i, s := range serials {
		ds[i] = form.BlankData(s, r.Cfg.Company, record.FormatDate(r.Actor.Today), r.Cfg.FormCode(FM30))
	}
	name := fmt.Sprintf("%s 空白表 %s~%s.pdf", r.Cfg.FormCode(FM30), serials[0], serials[n-1])
	p, err := r.stagePrint(fr, name, ds)
	if err != nil {
		return "", nil, err
	}
	// A page must never show a number the store did not keep: commit the
	// reservation first, and only then put the pad in place.
	if err := tx.Commit(); err != nil {
		p.Abort()
		return "", nil, err
	}
	return p.Final(), serials, fsutil.CommitAll([]*fsutil.Pending{p})
}

// Print writes the named entries' forms into one PDF under out/print/.
func (r *Run) Print(entries []*record.Entry) (string, error) {
	fr, err := r.Forms()
	if err != nil {
		return "", err
	}
	ds := make([]form.Data, len(entries))
	for i, e := range entries {
		ds[i] = fr.Data(e)
	}
	name := fmt.Sprintf("%s 打印 %s 等%d份.pdf", r.Cfg.FormCode(FM30), entries[0].Serial, len(entries))
	return r.writePrint(fr, name, ds)
}

func (r *Run) writePrint(fr *FormRenderer, name string, ds []form.Data) (string, error) {
	p, err := r.stagePrint(fr, name, ds)
	if err != nil {
		return "", err
	}
	return p.Final(), fsutil.CommitAll([]*fsutil.Pending{p})
}

func (r *Run) stagePrint(fr *FormRenderer, name string, ds []form.Data) (*fsutil.Pending, error) {
	if _, err := fsutil.SafeName(name); err != nil {
		return nil, err
	}
	b, err := fr.PDF(ds, r.Actor.Today)
	if err != nil {
		return nil, err
	}
	return fsutil.Stage(filepath.Join(r.Cfg.OutDir(), "print", name), b)
}

// ParseSerials resolves serials as typed to stored entries, naming every
// one that is malformed or not issued.
func (r *Run) ParseSerials(args []string) ([]*record.Entry, error) {
	var out []*record.Entry
	var bad []string
	for _, a := range args {
		y, q, ok := r.Cfg.ParseSerial(record.Clean(a))
		if !ok {
			bad = append(bad, fmt.Sprintf("%q is not a serial like %s", a, r.Cfg.Serial(2026, 1)))
			continue
		}
		e, err := r.Store.Get(r.Cfg.Serial(y, q))
		if err != nil {
			bad = append(bad, fmt.Sprintf("%s has not been issued", r.Cfg.Serial(y, q)))
			continue
		}
		out = append(out, e)
	}
	if len(bad) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(bad, "; "))
	}
	return out, nil
}
