package intake

import (
	"fmt"
	"io"

	"github.com/qdoc/qdoc/internal/record"
	"github.com/xuri/excelize/v2"
)

// Problem is one reason a file was rejected. Line is a Row's Line (0 for
// the whole file); Field is a field key, or "" for the whole row.
type Problem struct {
	Line  int
	Field string
	Value string
	Msg   string
}

const (
	listSheet = "问题清单"
	copySheet = "错误报告"
	// fullCopyRows bounds the copy: a bigger file gets only its bad rows, so
	// the report of a rejected 100,000-row register stays small and fast.
	fullCopyRows = 10000
	// maxComments bounds the cell comments; excelize adds each in time
	// proportional to those already there. Cells past it are still red and
	// listed in 问题清单.
	maxComments  = 2000
	maxNoteRunes = 1000
	author       = "qdoc"
)

// WriteRejectReport writes the clerk's report on a rejected file as an xlsx:
// sheet 问题清单 lists every problem (行/列/字段/值/问题), and sheet 错误报告
// holds the file's data at the same rows and columns as the original, each
// bad cell red with a comment saying what is wrong. Every text is written
// as a string cell, so a value like "=cmd|..." can never become a formula.
func WriteRejectReport(w io.Writer, f *File, problems []Problem) error {
	if f == nil {
		f = &File{} // a file that could not be read: the list alone
	}
	x := excelize.NewFile()
	defer x.Close()
	st, err := newReportStyles(x)
	if err != nil {
		return err
	}
	lay := newLayout(f)
	if err := x.SetSheetName("Sheet1", listSheet); err != nil {
		return err
	}
	if err := writeList(x, f, lay, problems, st); err != nil {
		return err
	}
	if _, err := x.NewSheet(copySheet); err != nil {
		return err
	}
	if err := writeCopy(x, f, lay, problems, st); err != nil {
		return err
	}
	x.SetActiveSheet(0)
	return x.Write(w)
}

type reportStyles struct{ header, bad, badRow, wrap int }

func newReportStyles(x *excelize.File) (reportStyles, error) {
	var st reportStyles
	var errs [4]error
	border := []excelize.Border{{Type: "left", Color: "BFBFBF", Style: 1}, {Type: "right", Color: "BFBFBF", Style: 1},
		{Type: "top", Color: "BFBFBF", Style: 1}, {Type: "bottom", Color: "BFBFBF", Style: 1}}
	fill := func(c string) excelize.Fill { return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c}} }
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	st.header, errs[0] = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("D9E1F2"), Border: border, Alignment: top})
	st.bad, errs[1] = x.NewStyle(&excelize.Style{Font: &excelize.Font{Color: "9C0006", Bold: true}, Fill: fill("FF9999"), Border: border, Alignment: top})
	st.badRow, errs[2] = x.NewStyle(&excelize.Style{Fill: fill("FFE0E0"), Border: border, Alignment: top})
	st.wrap, errs[3] = x.NewStyle(&excelize.Style{Border: border, Alignment: top})
	for _, err := range errs {
		if err != nil {
			return st, err
		}
	}
	return st, nil
}

// layout places the file's data in the copy sheet. A spreadsheet keeps its
// own rows and columns, so the clerk finds every cell where it was; YAML
// has no grid, so its items get one row each after a line-number column.
type layout struct {
	header  int               // header row in the copy
	colOf   map[string]string // field → column letter
	label   map[string]string // field → header text
	rowOf   map[int]int       // Row.Line → row in the copy
	byLine  map[int]Row
	lineCol string // column holding the source line (yaml), or ""
	fields  []string
}

func newLayout(f *File) *layout {
	l := &layout{colOf: map[string]string{}, label: map[string]string{}, rowOf: map[int]int{}, byLine: map[int]Row{}}
	for _, r := range f.Rows {
		l.byLine[r.Line] = r
	}
	if f.grid != nil {
		l.gridLayout(f)
	} else {
		l.listLayout(f)
	}
	return l
}

func (l *layout) gridLayout(f *File) {
	l.header = max(f.HeaderLine, 1)
	for _, k := range record.Fields {
		if c := f.grid.letters[k]; c != "" {
			l.colOf[k], l.label[k] = c, f.grid.headers[k]
			l.fields = append(l.fields, k)
		}
	}
	for _, r := range f.Rows {
		l.rowOf[r.Line] = r.Line
	}
}

func (l *layout) listLayout(f *File) {
	l.header, l.lineCol = 1, "A"
	for i, k := range record.Fields {
		l.colOf[k], l.label[k] = colLetter(i+1), fieldLabel(k)
		l.fields = append(l.fields, k)
	}
	for i, r := range f.Rows {
		l.rowOf[r.Line] = i + 2
	}
}

// where names a problem's place as the clerk sees it in the source file.
func (l *layout) where(f *File, p Problem) string {
	if p.Field == "" {
		return ""
	}
	if r, ok := l.byLine[p.Line]; ok && f.grid == nil {
		return r.Cols[p.Field]
	}
	if f.grid != nil {
		return f.grid.letters[p.Field]
	}
	return p.Field
}

func writeList(x *excelize.File, f *File, l *layout, problems []Problem, st reportStyles) error {
	sheet := listSheet
	where := f.Name
	if f.Sheet != "" {
		where += "（工作表 " + f.Sheet + "）"
	}
	note := fmt.Sprintf("%s 共有 %d 处问题，整个文件未导入。请在原文件中改正后重新放入收件夹；“错误报告”页标出了每个有问题的单元格。", where, len(problems))
	if err := x.SetCellStr(sheet, "A1", note); err != nil {
		return err
	}
	if f.total() > fullCopyRows {
		part := fmt.Sprintf("文件共 %d 行数据，“错误报告”页只列出了有问题的行。", f.total())
		if err := x.SetCellStr(sheet, "A2", part); err != nil {
			return err
		}
	}
	heads := []string{"行", "列", "字段", "值", "问题"}
	for i, h := range heads {
		if err := setStr(x, sheet, colLetter(i), 3, h, st.header); err != nil {
			return err
		}
	}
	for i, p := range problems {
		if err := writeListRow(x, sheet, 4+i, f, l, p, st); err != nil {
			return err
		}
	}
	widths := []float64{8, 10, 14, 40, 60}
	for i, wd := range widths {
		if err := x.SetColWidth(sheet, colLetter(i), colLetter(i), wd); err != nil {
			return err
		}
	}
	return x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"})
}

func writeListRow(x *excelize.File, sheet string, row int, f *File, l *layout, p Problem, st reportStyles) error {
	if p.Line > 0 {
		if err := x.SetCellInt(sheet, fmt.Sprintf("A%d", row), int64(p.Line)); err != nil {
			return err
		}
	}
	field := "（整行）"
	if p.Field != "" {
		field = fieldLabel(p.Field)
	}
	if p.Line == 0 && p.Field == "" {
		field = "（整个文件）"
	}
	cells := []string{l.where(f, p), field, p.Value, p.Msg}
	for i, s := range cells {
		if err := setStr(x, sheet, colLetter(i+1), row, s, st.wrap); err != nil {
			return err
		}
	}
	return nil
}

// setStr writes text as a string cell (never a formula) with a style.
func setStr(x *excelize.File, sheet, col string, row int, s string, style int) error {
	cell := fmt.Sprintf("%s%d", col, row)
	if err := x.SetCellStr(sheet, cell, s); err != nil {
		return err
	}
	return x.SetCellStyle(sheet, cell, cell, style)
}
