package doc

import (
	"errors"
	"fmt"
	"strings"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/store"
)

// ImportResult is what `doc import` did with a document list.
type ImportResult struct {
	File               string
	New, Unchanged     int
	Problems, Warnings []string
	// Report holds the same problems, one per cell, for the clerk's error
	// workbook (WriteImportReport).
	Report []ImportProblem
}

// ImportProblem is one problem of a document list, where Excel shows it.
type ImportProblem struct {
	Line                   int
	Col, Field, Value, Msg string
}

// Import registers the documents of a list (xlsx or csv: 文件编号, 文件名称,
// 版本, 归口部门, 持有部门, 发放日期, 生效日期, 复审周期), as intake does: the
// whole file is checked first and every problem reported with its row and
// column; a file with any problem stores nothing. A row for a document
// already registered with the same facts is unchanged; with other facts
// it is a problem (a registered document changes only by revision).
func (w *Workspace) Import(path string) (*ImportResult, error) {
	f, err := readImport(path, max(w.Cfg.Limits.XLSXMB, w.Cfg.Limits.TextMB))
	if err != nil {
		return nil, err
	}
	res := &ImportResult{File: f.name, Warnings: f.warns}
	err = w.openStore(true)
	if errors.Is(err, errNoStore) {
		// Nothing is registered yet: the list is checked alone, and the
		// store is created only for a list that is accepted.
		if _, err := w.checkImport(nil, f, res); err != nil || len(res.Problems) > 0 {
			return res, err
		}
		res = &ImportResult{File: f.name, Warnings: f.warns}
		err = w.openStore(false)
	}
	if err != nil {
		return nil, err
	}
	tx, err := w.Store.Begin(w.Actor)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	docs, err := w.checkImport(tx, f, res)
	if err != nil || len(res.Problems) > 0 {
		return res, err
	}
	for _, nd := range docs {
		if err := w.storeNew(tx, nd, "import: "+f.name); err != nil {
			return res, err
		}
	}
	res.New = len(docs)
	return res, tx.Commit()
}

// checkImport checks every row and returns the documents to store; tx
// nil is a workspace with nothing registered.
func (w *Workspace) checkImport(tx *store.Tx, f *importFile, res *ImportResult) ([]*newDoc, error) {
	known, err := w.knownDirs(tx)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{} // folder name → line
	var out []*newDoc
	for _, r := range f.rows {
		p := &rowProblems{f: f, line: r.line}
		row := w.parseImportRow(r, p)
		if p.ok() {
			nd, dup, err := w.importDoc(tx, row, known, seen, r.line, p)
			if err != nil {
				return nil, err
			}
			if dup {
				res.Unchanged++
			} else if nd != nil {
				out = append(out, nd)
			}
		}
		res.Problems = append(res.Problems, p.msgs...)
		res.Report = append(res.Report, p.report...)
	}
	return out, nil
}

// rowProblems collects the problems of one row, each naming the file, the
// row as Excel shows it, the column and the field.
type rowProblems struct {
	f      *importFile
	line   int
	msgs   []string
	report []ImportProblem
	bad    bool
}

func (p *rowProblems) add(field, value string, err error) {
	where := fmt.Sprintf("%s 第 %d 行", p.f.name, p.line)
	if col := p.f.cols[field]; col != "" {
		where += " " + col + " 列"
	}
	if field != "" {
		where += " " + fieldName(field)
	}
	msg := err.Error()
	if value != "" && !strings.Contains(msg, value) {
		msg = fmt.Sprintf("%q %s", value, msg)
	}
	p.msgs = append(p.msgs, where+": "+msg)
	p.report = append(p.report, ImportProblem{Line: p.line, Col: p.f.cols[field], Field: fieldName(field), Value: value, Msg: err.Error()})
	p.bad = true
}

func (p *rowProblems) ok() bool { return !p.bad }

func (w *Workspace) parseImportRow(r importRow, p *rowProblems) DocRow {
	v := r.values
	var row DocRow
	var err error
	check := func(field string, e error) {
		if e != nil {
			p.add(field, v[field], e)
		}
	}
	for _, req := range []string{"number", "title", "version", "owner", "effective"} {
		if v[req] == "" {
			p.add(req, "", errors.New("必填，不能为空"))
		}
	}
	if v["number"] != "" {
		row.Number, err = ParseNumber(v["number"])
		check("number", err)
	}
	row.Title = v["title"]
	if v["version"] != "" {
		row.Version, err = ParseVersion(v["version"])
		check("version", err)
	}
	if v["owner"] != "" {
		row.Owner, err = w.Dept(v["owner"], "")
		check("owner", err)
	}
	row.Holders, err = w.Depts(v["holders"], "")
	check("holders", err)
	w.importDates(&row, v, check)
	row.ReviewMonths = w.Cfg.ReviewMonths()
	if v["review_every"] != "" {
		row.ReviewMonths, err = config.ParseMonths(v["review_every"])
		check("review_every", err)
	}
	return row
}

func (w *Workspace) importDates(row *DocRow, v map[string]string, check func(string, error)) {
	var err error
	if v["effective"] != "" {
		row.Effective, err = parseDate(v["effective"], "")
		check("effective", err)
	}
	row.Issued = row.Effective
	if v["issued"] != "" {
		row.Issued, err = w.Day(v["issued"], "")
		check("issued", err)
		if err == nil && !row.Effective.IsZero() && row.Effective.Before(row.Issued) {
			check("effective", rule("早于发放日期 %s；生效日期不能早于发放", fd(row.Issued)))
		}
	} else if row.Issued.After(w.Actor.Today) {
		check("issued", rule("缺发放日期，而生效日期 %s 在将来；请填写发放日期", fd(row.Effective)))
	}
}

// importDoc matches a checked row against the store and the rows before it.
func (w *Workspace) importDoc(tx *store.Tx, row DocRow, known map[string]string, seen map[string]int, line int, p *rowProblems) (*newDoc, bool, error) {
	dir := DirName(row.Number)
	if prev, ok := seen[dir]; ok {
		p.add("number", row.Number, fmt.Errorf("与第 %d 行重复；每份文件只登记一行", prev))
		return nil, false, nil
	}
	seen[dir] = line
	nd := w.build(row)
	if other, ok := known[dir]; ok && other != row.Number {
		p.add("number", row.Number, fmt.Errorf("与已登记的 %s 存档文件夹同名；请用不同的编号", other))
		return nil, false, nil
	} else if ok {
		return w.sameAsStored(tx, nd, p)
	}
	return nd, false, nil
}

// sameAsStored accepts a row for a registered document when it says what
// is stored, so a list can be imported again.
func (w *Workspace) sameAsStored(tx *store.Tx, nd *newDoc, p *rowProblems) (*newDoc, bool, error) {
	f, err := tx.LoadDoc(nd.doc.Number)
	if err != nil {
		return nil, false, err
	}
	v := Find(f, MustVersion(nd.version.Version))
	same := v != nil && f.Doc.Title == nd.doc.Title && f.Doc.Owner == nd.doc.Owner && fd(v.Effective) == fd(nd.version.Effective)
	if !same {
		p.add("number", nd.doc.Number, errors.New("已登记，且与本行内容不同；已登记文件只能通过修订（doc revise）变更，'qdoc doc show' 可查看"))
	}
	return nil, same, nil
}

func (w *Workspace) knownDirs(tx *store.Tx) (map[string]string, error) {
	m := map[string]string{}
	if tx == nil {
		return m, nil
	}
	nums, err := tx.DocNumbers()
	for _, n := range nums {
		m[DirName(n)] = n
	}
	return m, err
}
