package remind

import (
	"io"

	"github.com/xuri/excelize/v2"
)

// sheet writes rows one after another, keeping the first error so the
// writer reads as a list of rows.
type sheet struct {
	f    *excelize.File
	name string
	row  int
	err  error
}

func (x *sheet) set(err error) {
	if x.err == nil {
		x.err = err
	}
}

func (x *sheet) style(size float64, bold, border bool) int {
	st := &excelize.Style{
		Font:      &excelize.Font{Family: "宋体", Size: size, Bold: bold},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: border},
	}
	if border {
		for _, side := range []string{"left", "top", "right", "bottom"} {
			st.Border = append(st.Border, excelize.Border{Type: side, Color: "000000", Style: 1})
		}
	}
	id, err := x.f.NewStyle(st)
	x.set(err)
	return id
}

// text writes a line merged across the table's width.
func (x *sheet) text(s string, style int) {
	x.row++
	a, b := cell(1, x.row), cell(len(widths), x.row)
	x.set(x.f.SetCellStr(x.name, a, s))
	x.set(x.f.MergeCell(x.name, a, b))
	x.set(x.f.SetCellStyle(x.name, a, b, style))
}

// values writes one table row; strings as string cells, so user text
// such as "=1+2" stays text.
func (x *sheet) values(row []any, style int) {
	x.row++
	for i, v := range row {
		c := cell(i+1, x.row)
		if s, ok := v.(string); ok {
			x.set(x.f.SetCellStr(x.name, c, s))
		} else {
			x.set(x.f.SetCellValue(x.name, c, v))
		}
	}
	x.set(x.f.SetCellStyle(x.name, cell(1, x.row), cell(len(row), x.row), style))
}

// finish sets widths and printing (A4 landscape, one page wide, the
// header row repeated) and writes the workbook.
func (x *sheet) finish(w io.Writer) error {
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		x.set(x.f.SetColWidth(x.name, col, col, wd))
	}
	x.set(x.f.SetSheetProps(x.name, &excelize.SheetPropsOptions{FitToPage: ptr(true)}))
	x.set(x.f.SetPageLayout(x.name, &excelize.PageLayoutOptions{
		Size: ptr(9), Orientation: ptr("landscape"), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}))
	x.set(x.f.SetHeaderFooter(x.name, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}))
	x.set(x.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: x.name,
		RefersTo: "'" + x.name + "'!$4:$4"}))
	if x.err != nil {
		return x.err
	}
	return x.f.Write(w)
}

func cell(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

func ptr[T any](v T) *T { return &v }
