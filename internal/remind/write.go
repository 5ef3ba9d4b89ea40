package remind

import (
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/record"
)

// Title is the list's printed name.
const Title = "提醒清单"

// Result is a reminder list and where it was written.
type Result struct {
	Today  time.Time
	Groups []Group
	Path   string
}

// Count is the number of items in all groups.
func (r *Result) Count() int {
	n := 0
	for _, g := range r.Groups {
		n += len(g.Items)
	}
	return n
}

// Path is where the list of a day is written: out/reminders/提醒清单 2026-11-28.xlsx.
func Path(s *batch.Session, today time.Time) string {
	return filepath.Join(s.Cfg.OutDir(), "reminders", fmt.Sprintf("%s %s.xlsx", Title, record.FormatDate(today)))
}

// Generate collects the reminders as of today and writes the workbook.
func Generate(s *batch.Session, today time.Time) (*Result, error) {
	gs, err := Collect(s, today)
	if err != nil {
		return nil, err
	}
	r := &Result{Today: today, Groups: gs, Path: Path(s, today)}
	err = fsutil.WriteFile(r.Path, func(w io.Writer) error { return writeXLSX(w, s.Cfg.Company, r) })
	return r, err
}

var header = []any{"类型", "编号", "事项", "期限/日期", "超期/已过天数", "涉及部门", "说明"}
var widths = []float64{12, 22, 40, 12, 12, 24, 40}

// writeXLSX writes one printable sheet: title, counts per kind, then one
// row per item. Every value goes in as a string or number cell, never a
// formula.
func writeXLSX(w io.Writer, company string, r *Result) error {
	f := excelize.NewFile()
	defer f.Close()
	const sh = "Sheet1"
	if err := f.SetSheetName(sh, Title); err != nil {
		return err
	}
	x := &sheet{f: f, name: Title}
	x.text(fmt.Sprintf("%s %s（截至 %s）", company, Title, record.FormatDate(r.Today)), x.style(14, true, false))
	x.text(summary(r), x.style(10, false, false))
	x.row++
	x.values(header, x.style(10, true, true))
	body := x.style(10, false, true)
	for _, g := range r.Groups {
		for _, it := range g.Items {
			x.values([]any{it.Kind, it.Ref, it.Title, record.FormatDate(it.Due), it.Days, it.Who, it.Note}, body)
		}
	}
	if x.err != nil {
		return x.err
	}
	return x.finish(w)
}

// summary is the one line that says how many of each kind there are.
func summary(r *Result) string {
	if r.Count() == 0 {
		return "无需提醒的事项。"
	}
	s := ""
	for i, g := range r.Groups {
		if i > 0 {
			s += "；"
		}
		s += fmt.Sprintf("%s %d 项", g.Kind, len(g.Items))
	}
	return s + "。"
}
