package doc

import (
	"errors"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/store"
)

// AddOptions are the values of `doc add`: a document already in force,
// registered with its current version and the departments holding copies.
type AddOptions struct {
	Number, Title, Owner, Version string
	Holders                       string
	Effective, ReviewEvery, File  string
	Date                          string // issue date of the version; default today
}

// newDoc is a validated document with its first version, ready to store.
type newDoc struct {
	doc     *store.Document
	version *store.DocVersion
	copies  []*store.DocCopy
}

// Add registers a controlled document with its version in force (受控)
// and returns that version.
func (w *Workspace) Add(o AddOptions) (*store.DocVersion, error) {
	nd, err := w.parseAdd(o)
	if err != nil {
		return nil, err
	}
	if err := w.openStore(false); err != nil {
		return nil, err
	}
	return nd.version, w.changeIn(nd.doc.Number, "command: doc add", func(tx *store.Tx) (*stagedFile, error) {
		if err := w.checkNew(tx, nd.doc.Number); err != nil {
			return nil, err
		}
		sf, err := w.stageFile(nd.doc.Number, MustVersion(nd.version.Version), o.File)
		if err != nil {
			return nil, err
		}
		if sf != nil {
			nd.version.File, nd.version.FileSHA256 = sf.Rel, sf.Sum
		}
		if err := w.storeNew(tx, nd, "command: doc add"); err != nil {
			sf.abort()
			return nil, err
		}
		return sf, nil
	})
}

func (w *Workspace) parseAdd(o AddOptions) (*newDoc, error) {
	number, err := ParseNumber(o.Number)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(o.Title) == "" {
		return nil, usage("--title 必填：文件名称")
	}
	date, err := w.Day(o.Date, "--date")
	if err != nil {
		return nil, err
	}
	row := DocRow{Number: number, Title: strings.TrimSpace(o.Title), Issued: date}
	var errs problems
	row.Version, err = ParseVersion(or(o.Version, "A/0"))
	errs.add(err)
	if strings.TrimSpace(o.Owner) == "" {
		errs.add(usage("--owner 必填：归口部门"))
	} else {
		row.Owner, err = w.Dept(o.Owner, "--owner")
		errs.add(err)
	}
	row.Holders, err = w.Depts(o.Holders, "--holders")
	errs.add(err)
	row.Effective, err = w.effective(o.Effective, date)
	errs.add(err)
	row.ReviewMonths, err = w.reviewMonths(o.ReviewEvery)
	errs.add(err)
	errs.add(checkFile(o.File))
	if err := errs.err(); err != nil {
		return nil, err
	}
	return w.build(row), nil
}

// problems collects the errors of a command's values, to report them all
// at once: a usage error (exit 2) if any value could not be read, else a
// rule (exit 1).
type problems struct {
	msgs  []string
	usage bool
}

func (p *problems) add(err error) {
	if err == nil {
		return
	}
	var u *Usage
	p.usage = p.usage || errors.As(err, &u)
	p.msgs = append(p.msgs, err.Error())
}

func (p *problems) err() error {
	switch {
	case len(p.msgs) == 0:
		return nil
	case p.usage:
		return usage("%s", strings.Join(p.msgs, "\n"))
	}
	return rule("%s", strings.Join(p.msgs, "\n"))
}

func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}

// effective reads an effective date: default the issue date, never before it.
func (w *Workspace) effective(s string, issued time.Time) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return issued, nil
	}
	t, err := parseDate(s, "--effective")
	if err == nil && t.Before(issued) {
		err = rule("--effective %s 早于发放日期 %s；生效日期不能早于发放", fd(t), fd(issued))
	}
	return t, err
}

func (w *Workspace) reviewMonths(s string) (int, error) {
	if strings.TrimSpace(s) == "" {
		return w.Cfg.ReviewMonths(), nil
	}
	n, err := config.ParseMonths(s)
	if err != nil {
		return 0, usage("--review-every：%v", err)
	}
	return n, nil
}

// DocRow is a document to register, checked: from `doc add` or a row of
// `doc import`.
type DocRow struct {
	Number, Title, Owner string
	Version              Version
	Holders              []string
	Issued, Effective    time.Time
	ReviewMonths         int
}

func (w *Workspace) build(r DocRow) *newDoc {
	v := &store.DocVersion{Number: r.Number, Version: r.Version.String(), State: Controlled, Issued: r.Issued, Effective: r.Effective}
	nd := &newDoc{version: v, doc: &store.Document{
		Number: r.Number, Title: r.Title, Owner: r.Owner, ReviewMonths: r.ReviewMonths, Registered: w.Actor.Today,
	}}
	for i, h := range r.Holders {
		nd.copies = append(nd.copies, &store.DocCopy{Number: r.Number, Version: v.Version, No: i + 1, Holder: h, Issued: r.Issued})
	}
	return nd
}

// checkNew refuses a number already registered, or one whose folder name
// would be another's (LDMD/QP/003 and LDMD_QP_003). A number that makes no
// folder name at all (CON) ParseNumber refuses.
func (w *Workspace) checkNew(tx *store.Tx, number string) error {
	if _, err := tx.LoadDoc(number); !errors.Is(err, store.ErrNotFound) {
		if err != nil {
			return err
		}
		return rule("文件 %s 已登记；新版本请走修订流程（doc revise → review → approve → issue）", number)
	}
	nums, err := tx.DocNumbers()
	if err != nil {
		return err
	}
	for _, n := range nums {
		if DirName(n) == DirName(number) {
			return rule("文件编号 %s 与已登记的 %s 存档文件夹同名（%s）；请用不同的编号", number, n, DirName(n))
		}
	}
	return nil
}

func (w *Workspace) storeNew(tx *store.Tx, nd *newDoc, source string) error {
	if err := tx.AddDocument(nd.doc, source); err != nil {
		return err
	}
	return tx.AddDocVersion(nd.version, nd.copies, source)
}
