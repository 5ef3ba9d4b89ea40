package intake

import (
	"fmt"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"
)

// mark is a bad cell in the copy sheet and what is wrong with it.
type mark struct {
	row  int
	col  string
	msgs []string
}

// marks gathers problems by cell; whole-row problems, and problems of a
// field the file has no column for, are noted on the row's first cell.
type marks struct {
	cells map[string]*mark
	bad   map[string]bool // cells that are themselves wrong
	rows  map[int]bool    // rows with any problem
}

func collectMarks(l *layout, problems []Problem) *marks {
	m := &marks{cells: map[string]*mark{}, bad: map[string]bool{}, rows: map[int]bool{}}
	for _, p := range problems {
		row, ok := l.rowOf[p.Line]
		if !ok {
			continue // whole-file problems live in 问题清单 only
		}
		m.rows[row] = true
		col, msg := l.colOf[p.Field], p.Msg
		if p.Field == "" || col == "" {
			col = l.firstCol()
			if p.Field != "" {
				msg = "「" + fieldLabel(p.Field) + "」" + msg
			}
		} else {
			m.bad[col+fmt.Sprint(row)] = true
		}
		m.add(row, col, msg)
	}
	return m
}

func (m *marks) add(row int, col, msg string) {
	ref := fmt.Sprintf("%s%d", col, row)
	if m.cells[ref] == nil {
		m.cells[ref] = &mark{row: row, col: col}
	}
	m.cells[ref].msgs = append(m.cells[ref].msgs, msg)
}

// sorted lists the marks top to bottom, left to right, so the report is
// the same bytes for the same problems.
func (m *marks) sorted() []*mark {
	out := make([]*mark, 0, len(m.cells))
	for _, c := range m.cells {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.row != b.row {
			return a.row < b.row
		}
		return colIndex(a.col) < colIndex(b.col)
	})
	return out
}

func colIndex(col string) int {
	n, _ := excelize.ColumnNameToNumber(col)
	return n
}

func (l *layout) firstCol() string {
	if l.lineCol != "" {
		return l.lineCol
	}
	first := ""
	for _, c := range l.colOf {
		if first == "" || colIndex(c) < colIndex(first) {
			first = c
		}
	}
	if first == "" {
		return "A"
	}
	return first
}

func (l *layout) lastCol() string {
	last := l.firstCol()
	for _, c := range l.colOf {
		if colIndex(c) > colIndex(last) {
			last = c
		}
	}
	return last
}

func writeCopy(x *excelize.File, f *File, l *layout, problems []Problem, st reportStyles) error {
	m := collectMarks(l, problems)
	if err := writeCopyHeader(x, l, st); err != nil {
		return err
	}
	partial := f.total() > fullCopyRows
	for _, r := range f.Rows {
		if partial && !m.rows[l.rowOf[r.Line]] {
			continue
		}
		if err := writeCopyRow(x, l, r); err != nil {
			return err
		}
	}
	if err := highlight(x, l, m, st); err != nil {
		return err
	}
	return finishCopy(x, l)
}

func writeCopyHeader(x *excelize.File, l *layout, st reportStyles) error {
	if l.lineCol != "" {
		if err := setStr(x, copySheet, l.lineCol, l.header, "行号", st.header); err != nil {
			return err
		}
	}
	for _, k := range l.fields {
		if err := setStr(x, copySheet, l.colOf[k], l.header, l.label[k], st.header); err != nil {
			return err
		}
	}
	return nil
}

func writeCopyRow(x *excelize.File, l *layout, r Row) error {
	row := l.rowOf[r.Line]
	if l.lineCol != "" {
		if err := x.SetCellInt(copySheet, fmt.Sprintf("%s%d", l.lineCol, row), int64(r.Line)); err != nil {
			return err
		}
	}
	for _, k := range l.fields {
		if v := r.Values[k]; v != "" {
			if err := x.SetCellStr(copySheet, fmt.Sprintf("%s%d", l.colOf[k], row), v); err != nil {
				return err
			}
		}
	}
	return nil
}

// highlight colours bad rows pale and bad cells red, and attaches the
// comments, up to maxComments.
func highlight(x *excelize.File, l *layout, m *marks, st reportStyles) error {
	first, last := l.firstCol(), l.lastCol()
	rows := make([]int, 0, len(m.rows))
	for row := range m.rows {
		rows = append(rows, row)
	}
	sort.Ints(rows)
	for _, row := range rows {
		if err := x.SetCellStyle(copySheet, fmt.Sprintf("%s%d", first, row), fmt.Sprintf("%s%d", last, row), st.badRow); err != nil {
			return err
		}
	}
	for i, c := range m.sorted() {
		ref := fmt.Sprintf("%s%d", c.col, c.row)
		if m.bad[ref] {
			if err := x.SetCellStyle(copySheet, ref, ref, st.bad); err != nil {
				return err
			}
		}
		if i >= maxComments {
			continue
		}
		if err := x.AddComment(copySheet, noteFor(ref, c.msgs)); err != nil {
			return err
		}
	}
	return nil
}

func noteFor(ref string, msgs []string) excelize.Comment {
	text := strings.Join(msgs, "\n")
	if r := []rune(text); len(r) > maxNoteRunes {
		text = string(r[:maxNoteRunes]) + "…"
	}
	return excelize.Comment{Cell: ref, Author: author, Paragraph: []excelize.RichTextRun{{Text: text}},
		Width: 300, Height: 80}
}

func finishCopy(x *excelize.File, l *layout) error {
	wide := map[string]bool{"title": true, "content": true, "measures": true, "feedback": true, "remarks": true}
	for _, k := range l.fields {
		wd := 16.0
		if wide[k] {
			wd = 36
		}
		if err := x.SetColWidth(copySheet, l.colOf[k], l.colOf[k], wd); err != nil {
			return err
		}
	}
	return x.SetPanes(copySheet, &excelize.Panes{Freeze: true, YSplit: l.header,
		TopLeftCell: fmt.Sprintf("A%d", l.header+1), ActivePane: "bottomLeft"})
}
