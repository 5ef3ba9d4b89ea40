package intake

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

const formulaText = "=cmd|' /C calc'!A0"

func TestWriteRejectReportXLSX(t *testing.T) {
	p := writeXLSX(t, t.TempDir(), "登记.xlsx", sheetData{"2026", [][]any{
		{"质量信息登记表"},
		{"标题", "内容", "等级", "涉及部门"},
		{formulaText, "c", "X", "仓储部"},
		{"+1+2", "c2", "B", "@SUM(A1)"},
	}})
	f := mustRead(t, p)
	problems := []Problem{
		{Line: 3, Field: "class", Value: "X", Msg: "等级应为 A、B 或 C"},
		{Line: 3, Field: "class", Value: "X", Msg: "C 类只能涉及一个部门"},
		{Line: 4, Field: "", Msg: "与第 3 行重复"},
		{Line: 4, Field: "received", Msg: "缺少接收日期"},
		{Line: 0, Msg: "文件中没有可导入的行"},
	}
	x := writeReport(t, f, problems)
	if got := x.GetSheetList(); len(got) != 2 || got[0] != listSheet || got[1] != copySheet {
		t.Fatalf("sheets %v", got)
	}
	comments, err := x.GetComments(copySheet)
	must(t, err)
	notes := map[string]string{}
	for _, c := range comments {
		notes[c.Cell] = commentText(c)
	}
	if !strings.Contains(notes["C3"], "等级应为") || !strings.Contains(notes["C3"], "一个部门") {
		t.Errorf("C3 note %q (all %v)", notes["C3"], notes)
	}
	if !strings.Contains(notes["A4"], "重复") || !strings.Contains(notes["A4"], "「接收日期」缺少") {
		t.Errorf("A4 note %q", notes["A4"])
	}
	assertFill(t, x, copySheet, "C3", "FF9999")
	for _, cell := range []string{"A3", "A4", "D4"} {
		assertInert(t, x, copySheet, cell)
	}
	if v, _ := x.GetCellValue(copySheet, "A2"); v != "标题" {
		t.Errorf("header A2 = %q", v)
	}
	rows, err := x.GetRows(listSheet)
	must(t, err)
	if len(rows) != 3+len(problems) || strings.Join(rows[3], "|") != "3|C|等级|X|等级应为 A、B 或 C" {
		t.Errorf("list rows %q", rows)
	}
	if strings.Join(rows[7], "|") != "||（整个文件）||文件中没有可导入的行" {
		t.Errorf("file row %q", rows[7])
	}
}

func TestWriteRejectReportYAMLAndCSV(t *testing.T) {
	dir := t.TempDir()
	y := mustRead(t, writeBytes(t, dir, "e.yaml", []byte("entries:\n  - title: \"=1+1\"\n    class: Z\n")))
	c := mustRead(t, writeBytes(t, dir, "e.csv", []byte("备注,标题,内容,等级\n-x,t,c,Z\n")))
	tests := []struct {
		f               *File
		bad, list, text string
	}{
		{y, "F2", "2|class|等级|Z|bad", "G2"}, // yaml: line in A, then record.Fields from B
		{c, "D2", "2|D|等级|Z|bad", "A2"},
	}
	for _, tt := range tests {
		x := writeReport(t, tt.f, []Problem{{Line: 2, Field: "class", Value: "Z", Msg: "bad"}})
		comments, err := x.GetComments(copySheet)
		must(t, err)
		if len(comments) != 1 || comments[0].Cell != tt.bad {
			t.Errorf("%s: comments %+v", tt.f.Kind, comments)
		}
		rows, _ := x.GetRows(listSheet)
		if strings.Join(rows[3], "|") != tt.list {
			t.Errorf("%s: list %q", tt.f.Kind, rows[3])
		}
		if v, _ := x.GetCellValue(copySheet, tt.text); v != "=1+1" && v != "-x" {
			t.Errorf("%s: %s = %q", tt.f.Kind, tt.text, v)
		}
		assertInert(t, x, copySheet, tt.text)
	}
}

func writeReport(t *testing.T, f *File, problems []Problem) *excelize.File {
	t.Helper()
	var b bytes.Buffer
	must(t, WriteRejectReport(&b, f, problems))
	x, err := excelize.OpenReader(&b)
	must(t, err)
	t.Cleanup(func() { x.Close() })
	return x
}

func commentText(c excelize.Comment) string {
	s := c.Text
	for _, r := range c.Paragraph {
		s += r.Text
	}
	return s
}

// assertInert checks a cell holds no formula: text like "=cmd|..." from a
// clerk's file must never run when the report is opened.
func assertInert(t *testing.T, x *excelize.File, sheet, cell string) {
	t.Helper()
	if fm, err := x.GetCellFormula(sheet, cell); err != nil || fm != "" {
		t.Errorf("%s has formula %q (%v)", cell, fm, err)
	}
	if typ, _ := x.GetCellType(sheet, cell); typ == excelize.CellTypeFormula {
		t.Errorf("%s is a formula cell", cell)
	}
}

func assertFill(t *testing.T, x *excelize.File, sheet, cell, color string) {
	t.Helper()
	id, err := x.GetCellStyle(sheet, cell)
	must(t, err)
	st, err := x.GetStyle(id)
	must(t, err)
	if len(st.Fill.Color) == 0 || !strings.EqualFold(st.Fill.Color[0], color) {
		t.Errorf("%s fill %v, want %s", cell, st.Fill.Color, color)
	}
}

// TestWriteRejectReportDeterministic: the same problems give the same
// bytes, so a rerun on an unchanged bad file rewrites nothing.
func TestWriteRejectReportDeterministic(t *testing.T) {
	f := mustRead(t, writeBytes(t, t.TempDir(), "d.csv", []byte("备注,标题,内容,等级\n-x,t,c,Z\n,t2,c2,Y\n")))
	p := []Problem{{Line: 2, Field: "class", Msg: "a"}, {Line: 3, Msg: "b"}, {Line: 3, Field: "title", Msg: "c"}, {Line: 3, Field: "closed", Msg: "d"}}
	var a, b bytes.Buffer
	must(t, WriteRejectReport(&a, f, p))
	must(t, WriteRejectReport(&b, f, p))
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two reports of the same problems differ")
	}
	must(t, WriteRejectReport(&a, nil, []Problem{{Msg: "unreadable"}}))
}
