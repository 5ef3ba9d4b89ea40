package ledger

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdoc/qdoc/internal/record"
)

// TestBuiltinLayout pins the built-in layout: the column order an inspector
// sees, and the date columns.
func TestBuiltinLayout(t *testing.T) {
	l, err := LoadLayout("")
	if err != nil {
		t.Fatal(err)
	}
	var keys, labels, dates []string
	for _, c := range l.Columns {
		keys, labels = append(keys, c.Key), append(labels, c.Label)
		if c.Date {
			dates = append(dates, c.Key)
		}
	}
	want := "seq number received channel category class title content reporter departments measures feedback status deadline closed overdue registered flags remarks"
	if got := strings.Join(keys, " "); got != want {
		t.Errorf("keys:\n got %s\nwant %s", got, want)
	}
	wantLabels := "序号 编号 接收日期 信息渠道 信息类别 等级 标题 内容 报告部门 涉及部门 处理措施 反馈结果 状态 处理时限 关闭日期 是否超期 登记日期 标记 备注"
	if got := strings.Join(labels, " "); got != wantLabels {
		t.Errorf("labels:\n got %s\nwant %s", got, wantLabels)
	}
	if got := strings.Join(dates, " "); got != "received deadline closed registered" {
		t.Errorf("date columns = %s", got)
	}
	if l.Sheet != "质量信息台帐" || l.FontSize != 10 || l.Font != "宋体" {
		t.Errorf("sheet %q font %s %v", l.Sheet, l.Font, l.FontSize)
	}
}

// Every intake field appears in the ledger under the same Chinese name,
// so a clerk finds in the ledger what she typed in the register.
func TestLayoutCoversIntakeFields(t *testing.T) {
	l, _ := LoadLayout("")
	byKey := map[string]string{}
	for _, c := range l.Columns {
		byKey[c.Key] = c.Label
	}
	for _, f := range record.Fields {
		if f == "number" {
			continue
		}
		if byKey[f] != record.FieldLabels[f] {
			t.Errorf("%s: ledger label %q, intake label %q", f, byKey[f], record.FieldLabels[f])
		}
	}
}

func TestLayoutErrors(t *testing.T) {
	cases := []struct{ name, yaml, want string }{
		{"unknown field", "sheet: x\ncolour: red\ncolumns: [{key: seq, label: 序号, width: 6}]", "colour"},
		{"unknown key", "columns: [{key: price, label: 价格, width: 6}]", "unknown key"},
		{"twice", "columns: [{key: seq, label: a, width: 6}, {key: seq, label: b, width: 6}]", "listed twice"},
		{"no width", "columns: [{key: seq, label: 序号}]", "width 0"},
		{"date on text", "columns: [{key: title, label: 标题, width: 6, date: true}]", "date: true"},
		{"bad sheet", "sheet: 'a/b'\ncolumns: [{key: seq, label: 序号, width: 6}]", "sheet"},
		{"no columns", "sheet: x", "at least one column"},
		{"bad colour", "header_fill: blue\ncolumns: [{key: seq, label: 序号, width: 6}]", "header_fill"},
		{"bad align", "columns: [{key: seq, label: 序号, width: 6, align: right}]", "align"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseLayout([]byte(c.yaml), "test.yaml")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "test.yaml") {
				t.Errorf("err = %v, want it to name test.yaml and mention %q", err, c.want)
			}
		})
	}
}

// All problems of a layout are reported at once.
func TestLayoutCollectsErrors(t *testing.T) {
	_, err := ParseLayout([]byte("columns: [{key: price, width: 0}, {key: seq, label: x, width: 6, align: up}]"), "t")
	for _, want := range []string{"column 1 (price): unknown key", "column 1 (price): label is empty", "column 1 (price): width 0", "column 2 (seq): align"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("err = %v, want %q", err, want)
		}
	}
}

// A workspace's copy of fm31.yaml replaces the built-in layout.
func TestLayoutOverride(t *testing.T) {
	dir := t.TempDir()
	yaml := "sheet: 台帐\ncolumns:\n  - {key: number, label: 信息编号, width: 20}\n  - {key: title, label: 标题, width: 30, wrap: true}\n"
	if err := os.WriteFile(filepath.Join(dir, FM31Template), []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	opt := testOptions()
	opt.TemplateDir = dir
	var buf bytes.Buffer
	if _, err := WriteFM31(&buf, opt, sliceSource(testEntries())); err != nil {
		t.Fatal(err)
	}
	f := openBytes(t, buf.Bytes())
	rows, err := f.GetRows("台帐")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows[1]) != 2 || rows[1][0] != "信息编号" || rows[2][1] != "=1+2" {
		t.Errorf("override not applied: header %v, first row %v", rows[1], rows[2])
	}
}

// A date column the layout prints as text holds text, not a date number.
func TestLayoutDateAsText(t *testing.T) {
	l, err := ParseLayout([]byte("columns: [{key: received, label: 接收日期, width: 12}]"), "t")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := WriteFM31Layout(&buf, l, testOptions(), sliceSource(testEntries()[:1])); err != nil {
		t.Fatal(err)
	}
	f := openBytes(t, buf.Bytes())
	raw, _ := f.GetCellValue(l.Sheet, "A3")
	if raw != "2026-07-01" {
		t.Errorf("A3 = %q", raw)
	}
}
