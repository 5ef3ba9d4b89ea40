package doc

import (
	"fmt"
	"io"

	"github.com/xuri/excelize/v2"
)

// WriteImportReport writes the clerk's error workbook for a rejected
// document list: one row per problem — 行, 列, 字段, 值, 问题 — under a line
// saying nothing was imported. Every value is a string cell, so text that
// looks like a formula stays inert.
func WriteImportReport(w io.Writer, res *ImportResult) error {
	x := excelize.NewFile()
	defer x.Close()
	const sheet = "问题清单"
	if err := x.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	note := fmt.Sprintf("%s 共有 %d 处问题，整个文件未导入。请在原文件中改正后重新运行 qdoc doc import。", res.File, len(res.Report))
	rows := [][]string{{note}, {}, {"行", "列", "字段", "值", "问题"}}
	for _, p := range res.Report {
		rows = append(rows, []string{fmt.Sprint(p.Line), p.Col, p.Field, p.Value, p.Msg})
	}
	for i, r := range rows {
		for j, v := range r {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := x.SetCellStr(sheet, cell, v); err != nil {
				return err
			}
		}
	}
	for col, wd := range map[string]float64{"A": 8, "B": 8, "C": 14, "D": 30, "E": 70} {
		if err := x.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return x.Write(w)
}
