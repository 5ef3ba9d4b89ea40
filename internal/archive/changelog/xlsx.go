package changelog

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

const sheet = "数据修改报表"

// widths are the xlsx column widths (characters): 序号, then Columns.
var widths = []float64{6, 17, 14, 10, 10, 30, 30, 22, 22}

// WriteXLSX writes the report as a workbook: title, column header
// repeated on every printed page, then per record a group row and its
// changes. Cells are plain strings, so text starting with "=" stays inert.
func WriteXLSX(w io.Writer, r *Report) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st, err := newXStyles(f)
	if err != nil {
		return err
	}
	if err := setup(f); err != nil {
		return err
	}
	row := heading(f, st, r)
	for _, g := range r.Groups {
		row = writeGroup(f, st, g, row)
	}
	footer(f, row+1)
	return f.Write(w)
}

type xstyles struct{ title, header, group, body int }

func newXStyles(f *excelize.File) (xstyles, error) {
	border := []excelize.Border{{Type: "left", Style: 1, Color: "000000"}, {Type: "right", Style: 1, Color: "000000"},
		{Type: "top", Style: 1, Color: "000000"}, {Type: "bottom", Style: 1, Color: "000000"}}
	var s xstyles
	var errs [4]error
	s.title, errs[0] = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 16},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}})
	s.header, errs[1] = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}})
	s.group, errs[2] = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Border: border,
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"F2F2F2"}}})
	s.body, errs[3] = f.NewStyle(&excelize.Style{Border: border,
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	for _, e := range errs {
		if e != nil {
			return s, e
		}
	}
	return s, nil
}

// setup prints A4 landscape, one page wide, header row on every page.
func setup(f *excelize.File) error {
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	one, zero, a4, land := 1, 0, 9, "landscape"
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: &a4, Orientation: &land, FitToWidth: &one, FitToHeight: &zero}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{OddFooter: "&C第 &P 页 共 &N 页"}); err != nil {
		return err
	}
	return f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", Scope: sheet, RefersTo: "'" + sheet + "'!$3:$3"})
}

func heading(f *excelize.File, st xstyles, r *Report) int {
	last, _ := excelize.ColumnNumberToName(len(widths))
	f.SetCellStr(sheet, "A1", fmt.Sprintf("%s %s", Title, r.Period()))
	f.MergeCell(sheet, "A1", last+"1")
	f.SetCellStyle(sheet, "A1", "A1", st.title)
	f.SetRowHeight(sheet, 1, 28)
	f.SetCellStr(sheet, "A2", r.Company+"　　"+r.Summary())
	f.MergeCell(sheet, "A2", last+"2")
	for i, h := range append([]string{"序号"}, Columns...) {
		c, _ := excelize.CoordinatesToCellName(i+1, 3)
		f.SetCellStr(sheet, c, h)
	}
	f.SetCellStyle(sheet, "A3", last+"3", st.header)
	return 4
}

func writeGroup(f *excelize.File, st xstyles, g Group, row int) int {
	last, _ := excelize.ColumnNumberToName(len(widths))
	a := fmt.Sprintf("A%d", row)
	f.SetCellStr(sheet, a, fmt.Sprintf("记录 %s（%d 处）", g.Record, len(g.Rows)))
	f.MergeCell(sheet, a, fmt.Sprintf("%s%d", last, row))
	f.SetCellStyle(sheet, a, fmt.Sprintf("%s%d", last, row), st.group)
	row++
	for i, r := range g.Rows {
		f.SetCellInt(sheet, fmt.Sprintf("A%d", row), int64(i+1))
		for j, v := range r.cells() {
			c, _ := excelize.CoordinatesToCellName(j+2, row)
			f.SetCellStr(sheet, c, v)
		}
		f.SetCellStyle(sheet, fmt.Sprintf("A%d", row), fmt.Sprintf("%s%d", last, row), st.body)
		row++
	}
	return row
}

// footer leaves room for the signatures the seed's form asks for.
func footer(f *excelize.File, row int) {
	f.SetCellStr(sheet, fmt.Sprintf("B%d", row), "制表：")
	f.SetCellStr(sheet, fmt.Sprintf("E%d", row), "审核：")
	f.SetCellStr(sheet, fmt.Sprintf("H%d", row), "日期：")
}
