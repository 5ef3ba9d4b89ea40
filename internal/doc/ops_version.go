package doc

import (
	"errors"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// IssueOptions are the values of `doc issue`.
type IssueOptions struct {
	Number, Request, Version string
	Effective, File, Date    string
	Holders                  string // default: the departments holding the current version
	Trainees, Trainer        string // expected attendees and trainer, for the 培训申请单
}

// Issue puts a new version in force on an approved request: the version
// in force is superseded (待回收), the new one is 受控 with a copy for each
// holder, and its 培训申请单 gets a serial.
func (w *Workspace) Issue(o IssueOptions) (*store.DocVersion, error) {
	number, err := ParseNumber(o.Number)
	if err != nil {
		return nil, err
	}
	v, err := ParseVersion(o.Version)
	if err != nil {
		return nil, err
	}
	date, err := w.Day(o.Date, "--date")
	if err != nil {
		return nil, err
	}
	eff, err := w.effective(o.Effective, date)
	if err != nil {
		return nil, err
	}
	p, err := w.parseIssue(o)
	if err != nil {
		return nil, err
	}
	var out *store.DocVersion
	err = w.change(number, "command: doc issue", func(tx *store.Tx) (*stagedFile, error) {
		f, err := w.loadDoc(tx, number)
		if err != nil {
			return nil, err
		}
		nv, copies, err := w.planIssue(tx, f, p, v, date, eff)
		if err != nil {
			return nil, err
		}
		sf, err := w.stageFile(number, v, o.File)
		if err != nil {
			return nil, err
		}
		if sf != nil {
			nv.File, nv.FileSHA256 = sf.Rel, sf.Sum
		}
		if err := w.storeIssue(tx, f, nv, copies); err != nil {
			sf.abort()
			return nil, err
		}
		out = nv
		return sf, nil
	})
	return out, err
}

// issueValues are the values of `doc issue` that need no store, checked.
type issueValues struct {
	request, trainer string
	holders          []string // nil: those holding the version in force
	trainees         []string
}

func (w *Workspace) parseIssue(o IssueOptions) (*issueValues, error) {
	p := &issueValues{request: strings.ToUpper(record.Clean(o.Request)), trainer: strings.TrimSpace(o.Trainer)}
	if p.request == "" {
		return nil, usage("--request 必填：批准该修订的申请单编号")
	}
	var err error
	if strings.TrimSpace(o.Holders) != "" {
		if p.holders, err = w.Depts(o.Holders, "--holders"); err != nil {
			return nil, err
		}
	}
	if p.trainees, err = People(o.Trainees, "--trainees"); err != nil {
		return nil, err
	}
	return p, checkFile(o.File)
}

// planIssue checks the rules and builds the new version and its copies.
func (w *Workspace) planIssue(tx *store.Tx, f *store.DocFile, p *issueValues, v Version, date, eff time.Time) (*store.DocVersion, []*store.DocCopy, error) {
	serial := p.request
	r := request(f, serial)
	if r == nil {
		return nil, nil, foreignRequest(tx, f, serial)
	}
	if err := CheckIssue(f, r, v, date); err != nil {
		return nil, nil, err
	}
	hs := p.holders
	if hs == nil {
		hs = currentHolders(f)
	}
	nv := &store.DocVersion{Number: f.Doc.Number, Version: v.String(), State: Controlled, Issued: date, Effective: eff,
		Request: serial, Trainer: p.trainer, Trainees: p.trainees}
	var copies []*store.DocCopy
	for i, h := range hs {
		copies = append(copies, &store.DocCopy{Number: nv.Number, Version: nv.Version, No: i + 1, Holder: h, Issued: date})
	}
	return nv, copies, nil
}

// foreignRequest explains a request serial that is not this document's.
func foreignRequest(tx *store.Tx, f *store.DocFile, serial string) error {
	n, err := tx.DocRequestNumber(serial)
	if errors.Is(err, store.ErrNotFound) {
		return rule("修订申请 %s 不存在；发放 %s 需要一份经审核、批准的修订申请（doc revise → doc review → doc approve）", serial, f.Doc.Number)
	}
	if err != nil {
		return err
	}
	return rule("申请单 %s 是文件 %s 的修订申请，不是 %s 的；发放 %s 需要它自己经批准的修订申请", serial, n, f.Doc.Number, f.Doc.Number)
}

// currentHolders are the departments holding the version in force.
func currentHolders(f *store.DocFile) []string {
	var out []string
	if cur := Current(f); cur != nil {
		for _, c := range Copies(f, cur.Version) {
			if !containsStr(out, c.Holder) {
				out = append(out, c.Holder)
			}
		}
	}
	return out
}

// storeIssue supersedes the current version, stores the new one with its
// training serial, and marks the request issued.
func (w *Workspace) storeIssue(tx *store.Tx, f *store.DocFile, nv *store.DocVersion, copies []*store.DocCopy) error {
	const src = "command: doc issue"
	if cur := Current(f); cur != nil {
		old := *cur
		cur.State, cur.Superseded = Recalling, nv.Issued
		if len(Outstanding(f, cur.Version)) == 0 {
			cur.State = Recalled
		}
		if err := tx.UpdateDocVersion(&old, cur, src, "superseded by "+nv.Version); err != nil {
			return err
		}
	}
	seq, err := tx.AllocDocSerial(w.Cfg.Documents.TrainingForm, nv.Issued.Year())
	if err != nil {
		return err
	}
	nv.Training = w.Cfg.DocSerial(w.Cfg.Documents.TrainingPattern, nv.Issued.Year(), seq)
	if err := tx.AddDocVersion(nv, copies, src); err != nil {
		return err
	}
	old := request(f, nv.Request)
	r := *old
	r.State, r.IssuedVersion = Issued, nv.Version
	return tx.UpdateDocRequest(old, &r, src, "")
}

// RefOptions name one version: NUMBER@VERSION, with a date.
type RefOptions struct {
	Ref, Date string
}

// versionStep loads the version a ref names and lets step check and change it.
func (w *Workspace) versionStep(o RefOptions, cmd string, step func(tx *store.Tx, f *store.DocFile, v *store.DocVersion, date time.Time) error) error {
	number, ver, err := ParseRef(o.Ref)
	if err != nil {
		return err
	}
	date, err := w.Day(o.Date, "--date")
	if err != nil {
		return err
	}
	return w.change(number, "command: doc "+cmd, func(tx *store.Tx) (*stagedFile, error) {
		f, err := w.loadDoc(tx, number)
		if err != nil {
			return nil, err
		}
		v := Find(f, ver)
		if v == nil {
			return nil, rule("%s 没有版本 %s；已有版本：%s", number, ver, versionList(f))
		}
		return nil, step(tx, f, v, date)
	})
}

func versionList(f *store.DocFile) string {
	var out []string
	for _, v := range f.Versions {
		out = append(out, v.Version+"（"+StateLabel(v.State)+"）")
	}
	return strings.Join(out, "、")
}

// Recall records the return of a department's copies of a superseded version.
func (w *Workspace) Recall(o RefOptions, dept, returnedBy string) error {
	if strings.TrimSpace(dept) == "" {
		return usage("--dept 必填：交回副本的部门")
	}
	d, err := w.Dept(dept, "--dept")
	if err != nil {
		return err
	}
	return w.versionStep(o, "recall", func(tx *store.Tx, f *store.DocFile, v *store.DocVersion, date time.Time) error {
		held, err := CheckRecall(f, v, d, date)
		if err != nil {
			return err
		}
		for _, c := range held {
			nc := *c
			nc.Returned, nc.ReturnedBy = date, strings.TrimSpace(returnedBy)
			if err := tx.UpdateDocCopy(c, &nc, "command: doc recall", ""); err != nil {
				return err
			}
		}
		if len(Outstanding(f, v.Version)) > len(held) {
			return nil
		}
		nv := *v
		nv.State = Recalled
		return tx.UpdateDocVersion(v, &nv, "command: doc recall", "every copy returned")
	})
}
