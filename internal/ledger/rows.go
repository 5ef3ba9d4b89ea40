package ledger

import (
	"bufio"
	"fmt"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/record"
)

// rowWriter writes one sheet row of XML per entry.
type rowWriter struct {
	x     xmlWriter
	cols  []rowColumn
	opt   *Options
	words Words
	font  float64 // the layout's font size, for row heights
	rows  int
	ctx   rowCtx  // the entry being written; a field, so not allocated per row
	vals  []value // its values
}

// rowColumn is a layout column with what writing its cells needs.
type rowColumn struct {
	Column
	value  cellFunc
	name   string // column letters, e.g. "A"
	styles colStyles
}

func newRowWriter(l *Layout, opt *Options, styles []colStyles) *rowWriter {
	rw := &rowWriter{opt: opt, words: l.Words.withDefaults(), font: l.FontSize,
		cols: make([]rowColumn, len(l.Columns)), vals: make([]value, len(l.Columns))}
	for i, c := range l.Columns {
		rw.cols[i] = rowColumn{Column: c, value: cellFuncs[c.Key], name: columnName(i + 1), styles: styles[i]}
	}
	return rw
}

// write streams src's entries as rows into w; it returns src's error as is.
func (rw *rowWriter) write(w *bufio.Writer, src Source) (int, error) {
	rw.x.w = w
	err := src(rw.add)
	return rw.rows, err
}

// add writes one entry's row. The row's height comes first in the XML, so
// every value is computed before any is written.
func (rw *rowWriter) add(e *record.Entry) error {
	if headerRow+rw.rows >= excelize.TotalRows {
		return fmt.Errorf("FM-31 ledger, entry %s: a sheet holds %d rows, so a year's ledger at most %d entries", e.Serial, excelize.TotalRows, excelize.TotalRows-headerRow)
	}
	rw.rows++
	r := &rw.ctx
	*r = rowCtx{e: e, seq: rw.rows, opt: rw.opt, w: &rw.words, overdue: e.Overdue(rw.opt.Deadlines, rw.opt.Today)}
	lines := 1
	for i := range rw.cols {
		c := &rw.cols[i]
		v := c.cellValue(r)
		if c.Wrap {
			lines = max(lines, textLines(cellText(v), c.Width))
		}
		rw.vals[i] = v
	}
	row := headerRow + rw.rows
	rw.x.startRow(row, rowHeight(lines, rw.font))
	for i := range rw.cols {
		c := &rw.cols[i]
		rw.cell(c, row, e.Void, c.Key == "overdue" && r.overdue, rw.vals[i])
	}
	if err := rw.x.endRow(); err != nil {
		return fmt.Errorf("FM-31 ledger, entry %s: %w", e.Serial, err)
	}
	return nil
}

// cellValue is the column's value for the entry. A date the layout shows
// as text becomes its text; a missing date stays the zero date, an empty
// cell rather than Excel's 1899-12-30.
func (c *rowColumn) cellValue(r *rowCtx) value {
	v := c.value(r)
	if v.kind == dateKind && !c.Date && !v.t.IsZero() {
		return text(record.FormatDate(v.t))
	}
	return v
}

// cell writes one cell. User text always goes in as an inline string, never
// as a formula, so "=1+2" stays text.
func (rw *rowWriter) cell(c *rowColumn, row int, void, overdue bool, v value) {
	st := &c.styles[b2i(void)][b2i(overdue)]
	switch {
	case v.kind == textKind:
		rw.x.writeText(c.name, row, st[0], v.s)
	case v.kind == numberKind:
		rw.x.writeIntCell(c.name, row, st[0], v.n)
	case v.t.IsZero():
		rw.x.writeBlank(c.name, row, st[0])
	default:
		rw.x.writeDate(c.name, row, st[1], v.t)
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// columnName is a column's letters: 1 is A, 27 is AA.
func columnName(col int) string {
	s, _ := excelize.ColumnNumberToName(col)
	return s
}
