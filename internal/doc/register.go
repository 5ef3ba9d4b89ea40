package doc

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/store"
)

// RegisterTitle is the printed name of the document status register.
const RegisterTitle = "文件状态档案"

// registerHeader is the register's columns, one row per document version.
var registerHeader = []string{
	"文件编号", "文件名称", "版本", "归口部门", "状态", "发放日期", "生效日期", "持有部门及回收日期",
	"销毁日期", "留档副本", "培训日期", "下次定期评审", "修订申请", "电子文件", "SHA-256",
}

var registerWidths = []float64{16, 24, 7, 10, 12, 11, 11, 40, 11, 16, 12, 12, 30, 30, 18}

// RegisterPath is where the register is written.
func (w *Workspace) RegisterPath() string {
	return filepath.Join(w.Cfg.OutDir(), w.Cfg.Documents.Register)
}

// registerRows is the register's content: every version of every document,
// by number and then version order. Review dates past today are marked.
func (w *Workspace) registerRows(files []*store.DocFile) [][]string {
	var rows [][]string
	for _, f := range files {
		vs := append([]*store.DocVersion(nil), f.Versions...)
		sort.SliceStable(vs, func(i, j int) bool {
			return MustVersion(vs[i].Version).Compare(MustVersion(vs[j].Version)) < 0
		})
		for _, v := range vs {
			rows = append(rows, w.registerRow(f, v))
		}
	}
	return rows
}

func (w *Workspace) registerRow(f *store.DocFile, v *store.DocVersion) []string {
	next := ""
	if v.State == Controlled {
		if t := NextReview(f); !t.IsZero() {
			next = fd(t)
			if t.Before(w.Actor.Today) {
				next += "（已到期）"
			}
		}
	}
	return []string{
		f.Doc.Number, f.Doc.Title, v.Version, f.Doc.Owner, StateLabel(v.State), fd(v.Issued), fd(v.Effective),
		copyLine(Copies(f, v.Version), v.State), fd(v.Destroyed), v.ArchivedCopy, trainingDates(f, v.Version),
		next, requestLine(f, v), v.File, short(v.FileSHA256),
	}
}

// copyLine lists each copy with its return date: 第1份 质管部 2026-09-03；
// copies of the version in force are simply held.
func copyLine(cs []*store.DocCopy, state string) string {
	out := make([]string, len(cs))
	for i, c := range cs {
		ret := fd(c.Returned)
		switch {
		case ret != "":
			ret = "回收 " + ret
		case state == Controlled:
			ret = "持有"
		default:
			ret = "未回收"
		}
		out[i] = sprintf("第%d份 %s %s", c.No, c.Holder, ret)
	}
	return strings.Join(out, "；")
}

func trainingDates(f *store.DocFile, version string) string {
	var out []string
	for _, t := range f.Trainings {
		if t.Version == version && !containsStr(out, fd(t.Date)) {
			out = append(out, fd(t.Date))
		}
	}
	return strings.Join(out, "、")
}

// requestLine names the request that issued a version and, on the version
// in force, a revision still in progress.
func requestLine(f *store.DocFile, v *store.DocVersion) string {
	var out []string
	if v.Request != "" {
		out = append(out, "依据 "+v.Request)
	}
	if r := OpenRequest(f); r != nil && v.State == Controlled {
		out = append(out, r.Serial+" "+StateLabel(r.State))
	}
	return strings.Join(out, "；")
}

func short(sum string) string {
	if len(sum) > 16 {
		return sum[:16]
	}
	return sum
}

// writeRegister writes the register if its content changed since it was
// last written; it reports whether it wrote.
func (w *Workspace) writeRegister(files []*store.DocFile) (bool, error) {
	if len(files) == 0 {
		return false, nil
	}
	rows := w.registerRows(files)
	digest := registerDigest(w.Cfg.Company, rows)
	path := w.RegisterPath()
	if w.exists(w.rel(path)) && w.Store.OutputDigest(path) == digest {
		return false, nil
	}
	err := writeAtomic(path, func(out io.Writer) error { return w.registerXLSX(out, rows) })
	if err != nil {
		return false, err
	}
	w.Written = append(w.Written, path)
	return true, w.Store.SetOutputDigest(path, digest, w.Actor.At)
}

func registerDigest(company string, rows [][]string) string {
	h := sha256.New()
	fmt.Fprintf(h, "register v1|%s|", company)
	for _, r := range rows {
		fmt.Fprintf(h, "%q\n", r)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// registerXLSX writes the workbook: a title row, the header, one row per
// version; printed A4 landscape, one page wide, header repeated.
func (w *Workspace) registerXLSX(out io.Writer, rows [][]string) error {
	x := excelize.NewFile()
	defer x.Close()
	sheet := RegisterTitle
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := newRegisterStyles(x)
	if err != nil {
		return err
	}
	if err := registerCells(x, sheet, w.Cfg.Company, rows, st); err != nil {
		return err
	}
	if err := registerPage(x, sheet, w.Cfg.Company); err != nil {
		return err
	}
	x.SetDocProps(&excelize.DocProperties{Creator: "qdoc", Title: RegisterTitle,
		Created: w.Actor.Today.Format(time.RFC3339), Modified: w.Actor.Today.Format(time.RFC3339)})
	_, err = x.WriteTo(out)
	return err
}
