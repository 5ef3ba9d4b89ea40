package ledger

import (
	"bufio"
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
// When src fails, its error is returned as is and w holds a partial file.
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
	fr, err := newFrame(l, &opt)
	if err != nil {
		return 0, err
	}
	rw := newRowWriter(l, &opt, fr.styles)
	err = writePackage(w, fr, func(bw *bufio.Writer) (int, error) { return rw.write(bw, src) })
	return rw.rows, err
}

// frame is the ledger workbook without its entry rows, as excelize writes
// it: styles, page setup, columns, panes, the title and header rows and an
// auto-filter over the header alone. writePackage puts the rows in.
type frame struct {
	zip     []byte      // the xlsx package
	styles  []colStyles // the body styles of each column
	lastCol string      // the last column's letters
}

// filterRef is the auto-filter's range over the header and rows entry rows,
// as excelize writes it.
func (fr *frame) filterRef(rows int) string {
	return fmt.Sprintf("$A$%d:$%s$%d", headerRow, fr.lastCol, headerRow+rows)
}

// newFrame builds the frame with excelize and serialises it.
func newFrame(l *Layout, opt *Options) (*frame, error) {
	f := excelize.NewFile()
	defer f.Close() // removes the stream writer's temp files, should it make any
	lw := &fm31Writer{f: f, l: l, opt: opt, st: newStyles(f, l)}
	if err := lw.begin(); err != nil {
		return nil, err
	}
	styles, err := lw.st.bodyStyles(l.Columns)
	if err != nil {
		return nil, err
	}
	fr := &frame{styles: styles, lastCol: columnName(len(l.Columns))}
	if err := lw.end(); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	fr.zip = buf.Bytes()
	return fr, nil
}

// fm31Writer holds the state of one ledger frame being built.
type fm31Writer struct {
	f   *excelize.File
	sw  *excelize.StreamWriter
	l   *Layout
	opt *Options
	st  *styles
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

// end sets the auto-filter over the header alone, which writePackage
// stretches over the rows, then closes the sheet. AutoFilter must come
// before Flush: Flush serialises the sheet and drops it from the file.
func (lw *fm31Writer) end() error {
	last := cellName(len(lw.l.Columns), headerRow)
	if err := lw.f.AutoFilter(lw.l.Sheet, cellName(1, headerRow)+":"+last, nil); err != nil {
		return err
	}
	return lw.sw.Flush()
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
