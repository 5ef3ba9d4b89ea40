package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Sheet names of the workbook.
const (
	SheetMain   = "汇总分析"
	SheetCharts = "图表"
	SheetA      = "A类信息"
	SheetOpen   = "未结事项"
)

// WriteXLSX writes the report as a workbook: the analysis with its tables,
// notes and distribution block; the charts with their data; the A-class
// entries in full; the open entries. Every user value is a string cell,
// never a formula.
func WriteXLSX(w io.Writer, d *Doc) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &xlsxWriter{f: f, d: d, st: newStyles(f)}
	if err := x.write(); err != nil {
		return err
	}
	sortContentTypes(f)
	return f.Write(w)
}

type xlsxWriter struct {
	f   *excelize.File
	d   *Doc
	st  *styles
	row int // next free row of the sheet being written
}

func (x *xlsxWriter) write() error {
	if err := x.f.SetSheetName("Sheet1", SheetMain); err != nil {
		return err
	}
	for _, s := range []string{SheetCharts, SheetA, SheetOpen} {
		if _, err := x.f.NewSheet(s); err != nil {
			return err
		}
	}
	steps := []func() error{x.main, x.charts, x.aClass, x.open}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	x.f.SetActiveSheet(0)
	return nil
}

// head is the page header of every sheet: company, title, form code.
func (x *xlsxWriter) head() [3]string {
	return [3]string{x.d.Company, Title + " " + x.d.Quarter.String(), x.d.FormCode}
}

// title writes the sheet's title and the report-period lines above its
// content, merged over cols columns.
func (x *xlsxWriter) title(sheet, text string, cols int) error {
	x.row = 1
	t := x.d.Company + " " + text
	if err := x.line(sheet, t, cols, x.st.text(16, true, "", true), 30); err != nil {
		return err
	}
	info := x.d.FormCode + "    " + x.d.Quarter.Label()
	if err := x.line(sheet, info, cols, x.st.text(10, false, "", true), 18); err != nil {
		return err
	}
	for _, h := range x.d.Head {
		color := ""
		if h[0] == "状态" && x.d.Provisional {
			color = "C00000"
		}
		if err := x.line(sheet, h[0]+"："+h[1], cols, x.st.text(10, color != "", color, false), 18); err != nil {
			return err
		}
	}
	x.row++
	return nil
}

// line writes one merged text line of height h points (0: wrap estimate).
func (x *xlsxWriter) line(sheet, text string, cols, style int, h float64) error {
	a, b := cellName(1, x.row), cellName(cols, x.row)
	if err := x.f.SetCellStr(sheet, a, text); err != nil {
		return err
	}
	if cols > 1 {
		if err := x.f.MergeCell(sheet, a, b); err != nil {
			return err
		}
	}
	if err := x.f.SetCellStyle(sheet, a, b, style); err != nil {
		return err
	}
	if h == 0 {
		h = 15 * float64(1+len([]rune(text))/(cols*9))
	}
	x.row++
	return x.f.SetRowHeight(sheet, x.row-1, h)
}

// table writes t at the current row, title first.
func (x *xlsxWriter) table(sheet string, t *Table, cols int) error {
	if err := x.line(sheet, t.Title, cols, x.st.text(12, true, "", false), 22); err != nil {
		return err
	}
	if err := x.values(sheet, headerValues(t.Header), cellStyle{header: true}); err != nil {
		return err
	}
	if len(t.Rows) == 0 && t.Empty != "" {
		return x.line(sheet, t.Empty, cols, x.st.text(10, false, "", false), 18)
	}
	for i, r := range t.Rows {
		k := cellStyle{bold: t.TotalRow && i == len(t.Rows)-1}
		if err := x.values(sheet, r, k); err != nil {
			return err
		}
	}
	x.row++
	return nil
}

func headerValues(h []string) []Value {
	v := make([]Value, len(h))
	for i, s := range h {
		v[i] = T(s)
	}
	return v
}

// values writes one row of a table; text goes in as string cells so a
// title such as "=1+2" stays text.
func (x *xlsxWriter) values(sheet string, r []Value, k cellStyle) error {
	for i, v := range r {
		c := cellName(i+1, x.row)
		var err error
		if v.Numeric() {
			err = x.f.SetCellValue(sheet, c, v.N)
		} else {
			err = x.f.SetCellStr(sheet, c, v.S)
		}
		if err != nil {
			return err
		}
		k.numFmt, k.wrap = v.NumFmt(), !v.Numeric()
		if err := x.f.SetCellStyle(sheet, c, c, x.st.cell(k)); err != nil {
			return err
		}
	}
	x.row++
	return nil
}

// widths sets column widths, the widest each column needs in any table.
func (x *xlsxWriter) widths(sheet string, tables ...*Table) error {
	var w []float64
	for _, t := range tables {
		for i, v := range t.Widths {
			if i >= len(w) {
				w = append(w, v)
			}
			w[i] = max(w[i], v)
		}
	}
	for i, v := range w {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := x.f.SetColWidth(sheet, col, col, v); err != nil {
			return err
		}
	}
	return nil
}

func (x *xlsxWriter) main() error {
	const cols = 8
	if err := x.widths(SheetMain, x.d.Tables...); err != nil {
		return err
	}
	if err := x.title(SheetMain, Title, cols); err != nil {
		return err
	}
	if err := x.line(SheetMain, "分析摘要", cols, x.st.text(12, true, "", false), 22); err != nil {
		return err
	}
	for _, s := range x.d.Summary {
		if err := x.line(SheetMain, s, cols, x.st.text(10, false, "", false), 0); err != nil {
			return err
		}
	}
	x.row++
	for _, t := range x.d.Tables {
		if err := x.table(SheetMain, t, cols); err != nil {
			return err
		}
	}
	if err := x.notes(cols); err != nil {
		return err
	}
	if err := x.distribution(cols); err != nil {
		return err
	}
	return printSetup(x.f, SheetMain, false, x.head())
}

func (x *xlsxWriter) notes(cols int) error {
	if err := x.line(SheetMain, "注：", cols, x.st.text(10, true, "", false), 18); err != nil {
		return err
	}
	for i, n := range x.d.Notes {
		if err := x.line(SheetMain, fmt.Sprintf("%d. %s", i+1, n), cols, x.st.text(9, false, "", false), 0); err != nil {
			return err
		}
	}
	x.row++
	return nil
}

// distribution is the block the departments sign when they receive the
// report, and the prepared / reviewed / approved boxes.
func (x *xlsxWriter) distribution(cols int) error {
	t := &Table{Title: "九、分发与签收", Header: []string{"分发部门", "签收人", "签收日期"}}
	for _, d := range x.d.Departments {
		t.Rows = append(t.Rows, []Value{T(d), T(""), T("")})
	}
	if err := x.table(SheetMain, t, cols); err != nil {
		return err
	}
	// One signer a row: the sheet is too narrow for 编制, 审核 and 批准
	// each with a signature and a date box side by side.
	for _, s := range x.d.Signers {
		if err := x.values(SheetMain, []Value{T(s + "："), T(""), T("日期："), T("")}, cellStyle{}); err != nil {
			return err
		}
		if err := x.f.SetRowHeight(SheetMain, x.row-1, 30); err != nil {
			return err
		}
	}
	return nil
}

func (x *xlsxWriter) aClass() error {
	t := x.d.AClass
	if err := x.widths(SheetA, t); err != nil {
		return err
	}
	if err := x.title(SheetA, strings.TrimPrefix(t.Title, "七、"), len(t.Header)); err != nil {
		return err
	}
	if err := x.table(SheetA, t, len(t.Header)); err != nil {
		return err
	}
	return printSetup(x.f, SheetA, true, x.head())
}

func (x *xlsxWriter) open() error {
	t := x.d.Open
	if err := x.widths(SheetOpen, t); err != nil {
		return err
	}
	if err := x.title(SheetOpen, strings.TrimPrefix(t.Title, "八、"), len(t.Header)); err != nil {
		return err
	}
	if err := x.table(SheetOpen, t, len(t.Header)); err != nil {
		return err
	}
	return printSetup(x.f, SheetOpen, true, x.head())
}
