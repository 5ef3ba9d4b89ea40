package ledger

import (
	"fmt"
	"io"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/record"
)

// Labels turns canonical codes into the labels printed on paper (Chinese,
// English or both, as the workspace's language asks).
type Labels interface {
	Category(code string) string
	Channel(code string) string
	Class(code string) string
	Status(code string) string
}

// Options are what the FM-31 ledger shows besides its entries.
type Options struct {
	Company, FormCode string // e.g. "广州耕海科技开发有限公司", "LDMD-FM-31"
	Title             string // e.g. "质量信息台帐"; "" = the layout's title
	Year              int
	Labels            Labels         // nil = codes as is
	Deadlines         map[string]int // class -> days
	Today             time.Time      // for overdue marking
	TemplateDir       string         // workspace templates override dir ("" = built-in)
	Template          string         // layout file, e.g. "fm31.en.yaml"; "" = "fm31.yaml"
}

// Source streams entries ordered by serial; fn is called once per entry.
// An error from fn must be returned as is.
type Source func(fn func(e *record.Entry) error) error

// titleRow and headerRow are the sheet rows above the entries.
const (
	titleRow  = 1
	headerRow = 2
)

// WriteFM31 writes the FM-31 quality-information ledger of one year as an
// xlsx workbook to w, one row per entry from src, and returns the number of
// entry rows. Rows are streamed, so memory stays flat however large the year.
func WriteFM31(w io.Writer, opt Options, src Source) (rows int, err error) {
	l, err := LoadLayoutNamed(opt.Template, opt.TemplateDir)
	if err != nil {
		return 0, err
	}
	return WriteFM31Layout(w, l, opt, src)
}

// WriteFM31Layout is WriteFM31 with a layout already loaded.
func WriteFM31Layout(w io.Writer, l *Layout, opt Options, src Source) (int, error) {
	if opt.Title == "" {
		opt.Title = l.Title
	}
	if opt.Labels == nil {
		opt.Labels = codeLabels{}
	}
	f := excelize.NewFile()
	defer f.Close() // removes the stream writer's temp files
	lw := &fm31Writer{f: f, l: l, opt: &opt, st: newStyles(f, l), words: l.Words.withDefaults()}
	if err := lw.begin(); err != nil {
		return 0, err
	}
	if err := src(lw.add); err != nil {
		return lw.rows, err
	}
	if err := lw.end(); err != nil {
		return lw.rows, err
	}
	return lw.rows, f.Write(w)
}

// fm31Writer holds the state of one ledger being streamed.
type fm31Writer struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	l     *Layout
	opt   *Options
	st    *styles
	words Words // l.Words with defaults, for a layout not parsed from YAML
	rows  int
	// cells and row are reused for every entry: row holds pointers into
	// cells, which SetRow accepts, so no Cell is boxed per row.
	cells []excelize.Cell
	row   []any
}

// begin sets up the sheet and writes the rows above the entries. The order
// matters: excelize's stream writer serialises sheet properties when it is
// created, and column widths and panes before the first row.
func (lw *fm31Writer) begin() error {
	if err := lw.f.SetSheetName("Sheet1", lw.l.Sheet); err != nil {
		return err
	}
	if err := lw.pageSetup(); err != nil {
		return err
	}
	sw, err := lw.f.NewStreamWriter(lw.l.Sheet)
	if err != nil {
		return err
	}
	lw.sw = sw
	if err := lw.columns(); err != nil {
		return err
	}
	if err := lw.titleRow(); err != nil {
		return err
	}
	return lw.headerRow()
}

// columns sets widths and freezes the rows above the entries. Widths go in
// from the last column back: excelize (v2.11) puts each new <col> before the
// ones already set and the stream writer does not sort them, and Excel wants
// them in ascending order.
func (lw *fm31Writer) columns() error {
	for i := len(lw.l.Columns) - 1; i >= 0; i-- {
		if err := lw.sw.SetColWidth(i+1, i+1, lw.l.Columns[i].Width); err != nil {
			return err
		}
	}
	top := cellName(1, headerRow+1)
	return lw.sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: headerRow, TopLeftCell: top, ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: top, ActiveCell: top, Pane: "bottomLeft"}},
	})
}

func (lw *fm31Writer) titleRow() error {
	id, err := lw.st.title()
	if err != nil {
		return err
	}
	cell := excelize.Cell{StyleID: id, Value: lw.l.titleText(*lw.opt)}
	h := rowHeight(1, lw.l.FontSize+4) + 6
	if err := lw.sw.SetRow(cellName(1, titleRow), []any{cell}, excelize.RowOpts{Height: h}); err != nil {
		return err
	}
	return lw.sw.MergeCell(cellName(1, titleRow), cellName(len(lw.l.Columns), titleRow))
}

func (lw *fm31Writer) headerRow() error {
	id, err := lw.st.header()
	if err != nil {
		return err
	}
	vals, lines := make([]any, len(lw.l.Columns)), 1
	for i, c := range lw.l.Columns {
		vals[i] = excelize.Cell{StyleID: id, Value: c.Label}
		lines = max(lines, textLines(c.Label, c.Width))
	}
	opts := excelize.RowOpts{Height: rowHeight(lines, lw.l.FontSize)}
	return lw.sw.SetRow(cellName(1, headerRow), vals, opts)
}

// add writes one entry's row.
func (lw *fm31Writer) add(e *record.Entry) error {
	lw.rows++
	r := &rowCtx{e: e, seq: lw.rows, opt: lw.opt, w: &lw.words, overdue: e.Overdue(lw.opt.Deadlines, lw.opt.Today)}
	if lw.row == nil {
		lw.cells, lw.row = make([]excelize.Cell, len(lw.l.Columns)), make([]any, len(lw.l.Columns))
		for i := range lw.cells {
			lw.row[i] = &lw.cells[i]
		}
	}
	lines := 1
	for i, c := range lw.l.Columns {
		cell, n, err := lw.cell(c, r)
		if err != nil {
			return fmt.Errorf("FM-31 ledger, entry %s: %w", e.Serial, err)
		}
		lw.cells[i], lines = cell, max(lines, n)
	}
	opts := excelize.RowOpts{Height: rowHeight(lines, lw.l.FontSize)}
	if err := lw.sw.SetRow(cellName(1, headerRow+lw.rows), lw.row, opts); err != nil {
		return fmt.Errorf("FM-31 ledger, entry %s: %w", e.Serial, err)
	}
	return nil
}

// cell builds one cell and says how many lines it needs. User text always
// goes in as a string value, never as Cell.Formula, so "=1+2" stays text.
func (lw *fm31Writer) cell(c Column, r *rowCtx) (excelize.Cell, int, error) {
	v := cellFuncs[c.Key](r)
	k := styleKey{wrap: c.Wrap, center: c.Align == "center", void: r.e.Void,
		overdue: c.Key == "overdue" && r.overdue}
	if t, ok := v.(time.Time); ok {
		v, k.date = dateValue(t, c.Date)
	}
	id, err := lw.st.body(k)
	if err != nil {
		return excelize.Cell{}, 0, err
	}
	lines := 1
	if c.Wrap {
		lines = textLines(cellText(v), c.Width)
	}
	return excelize.Cell{StyleID: id, Value: v}, lines, nil
}

// dateValue is a real date cell, or its text when the layout asks for text;
// a missing date is an empty cell rather than Excel's 1899-12-30.
func dateValue(t time.Time, asDate bool) (any, bool) {
	switch {
	case t.IsZero():
		return nil, false
	case asDate:
		return t, true
	}
	return record.FormatDate(t), false
}

// end adds what needs the last row, then closes the sheet. AutoFilter must
// come before Flush: Flush serialises the sheet and drops it from the file.
func (lw *fm31Writer) end() error {
	last := cellName(len(lw.l.Columns), headerRow+lw.rows)
	if err := lw.f.AutoFilter(lw.l.Sheet, cellName(1, headerRow)+":"+last, nil); err != nil {
		return err
	}
	return lw.sw.Flush()
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
