package doc

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/fsutil"
)

var writeAtomic = fsutil.WriteFile

const registerHeaderRow = 2

type registerStyles struct{ title, header, body, done, due int }

func newRegisterStyles(x *excelize.File) (registerStyles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "000000", Style: 1}, {Type: "right", Color: "000000", Style: 1},
		{Type: "top", Color: "000000", Style: 1}, {Type: "bottom", Color: "000000", Style: 1},
	}
	wrap := &excelize.Alignment{Vertical: "center", WrapText: true}
	var s registerStyles
	var err error
	specs := []struct {
		dst *int
		st  *excelize.Style
	}{
		{&s.title, &excelize.Style{Font: &excelize.Font{Bold: true, Size: 16}, Alignment: &excelize.Alignment{Horizontal: "center"}}},
		{&s.header, &excelize.Style{Font: &excelize.Font{Bold: true}, Border: border, Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
			Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9D9D9"}}}},
		{&s.body, &excelize.Style{Border: border, Alignment: wrap}},
		{&s.done, &excelize.Style{Border: border, Alignment: wrap, Font: &excelize.Font{Color: "808080"}}},
		{&s.due, &excelize.Style{Border: border, Alignment: wrap, Font: &excelize.Font{Color: "C00000", Bold: true}}},
	}
	for _, sp := range specs {
		if *sp.dst, err = x.NewStyle(sp.st); err != nil {
			return s, err
		}
	}
	return s, nil
}

// registerCells writes the title, header and rows. Every value is a string
// cell, so text that looks like a formula stays text. Destroyed versions
// print grey; a periodic review past due, red.
func registerCells(x *excelize.File, sheet, company string, rows [][]string, st registerStyles) error {
	last, _ := excelize.ColumnNumberToName(len(registerHeader))
	if err := x.MergeCell(sheet, "A1", last+"1"); err != nil {
		return err
	}
	x.SetCellStr(sheet, "A1", company+" "+RegisterTitle)
	x.SetCellStyle(sheet, "A1", last+"1", st.title)
	if err := writeRow(x, sheet, registerHeaderRow, registerHeader, st.header); err != nil {
		return err
	}
	for i, r := range rows {
		style := st.body
		if r[4] == StateLabel(Destroyed) {
			style = st.done
		}
		if err := writeRow(x, sheet, registerHeaderRow+1+i, r, style); err != nil {
			return err
		}
		if strings.Contains(r[11], "已到期") {
			c := fmt.Sprintf("L%d", registerHeaderRow+1+i)
			x.SetCellStyle(sheet, c, c, st.due)
		}
	}
	for i, wd := range registerWidths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return x.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: registerHeaderRow, TopLeftCell: "A3", ActivePane: "bottomLeft"})
}

func writeRow(x *excelize.File, sheet string, row int, vals []string, style int) error {
	for j, v := range vals {
		c, _ := excelize.CoordinatesToCellName(j+1, row)
		if err := x.SetCellStr(sheet, c, v); err != nil {
			return err
		}
	}
	first, _ := excelize.CoordinatesToCellName(1, row)
	last, _ := excelize.CoordinatesToCellName(len(vals), row)
	return x.SetCellStyle(sheet, first, last, style)
}

// registerPage prints the register as the department files it: A4
// landscape, one page wide, the header row on every page, company and title
// above, page numbers below.
func registerPage(x *excelize.File, sheet, company string) error {
	p := func(v int) *int { return &v }
	if err := x.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptrBool(true)}); err != nil {
		return err
	}
	orient := "landscape"
	if err := x.SetPageLayout(sheet, &excelize.PageLayoutOptions{Size: p(9), Orientation: &orient, FitToWidth: p(1), FitToHeight: p(0)}); err != nil {
		return err
	}
	hf := strings.ReplaceAll(company, "&", "&&")
	if err := x.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + hf + "&C" + RegisterTitle, OddFooter: "&C第 &P 页 共 &N 页",
	}); err != nil {
		return err
	}
	return x.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Titles", Scope: sheet,
		RefersTo: fmt.Sprintf("'%s'!$%d:$%d", sheet, registerHeaderRow, registerHeaderRow),
	})
}

func ptrBool(b bool) *bool { return &b }
