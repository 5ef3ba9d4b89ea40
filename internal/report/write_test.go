package report

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/form/pdftext"
)

// codes prints codes as is, so tests read the counts without a config.
type codes struct{}

func (codes) Category(c string) string { return c }
func (codes) Channel(c string) string  { return c }
func (codes) Class(c string) string    { return c + "类" }
func (codes) Status(c string) string   { return c }

func testDoc(q Quarter) *Doc {
	return Build(Compute(q, testEntries(), testParams), Options{Company: "测试公司", FormCode: "LDMD-FM-32", LedgerCode: "LDMD-FM-31", Labels: codes{}})
}

func TestWriteXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, testDoc(Quarter{2026, 3})); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "汇总分析,图表,A类信息,未结事项" {
		t.Errorf("sheets %s", got)
	}
	rows, _ := f.GetRows(SheetMain)
	text := joinRows(rows)
	for _, want := range []string{
		"合计\t2\t1\t1\t4",                     // class × category totals
		"合计\t\t4\t2\t2\t3\t1\t50.0%",         // closure against deadlines
		"信息总数\t4\t2\t+2\t1\t+3",              // against 2026Q2 and 2025Q3
		"平均处理天数\t10.5\t8.0\t+2.5\t1.0\t+9.5", // handled days
		"本季度作废 1 个", "预留未用编号（1 个）",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("main sheet lacks %q:\n%s", want, text)
		}
	}
	for _, signer := range []string{"编制", "审核", "批准"} {
		if !strings.Contains(text, signer+"：\t\t日期：") {
			t.Errorf("main sheet lacks a signature and a date box for %s:\n%s", signer, text)
		}
	}
	entries := testEntries()
	entries[0].Remarks = "客户要求书面答复" // an A-class entry
	doc := Build(Compute(Quarter{2026, 3}, entries, testParams), Options{Company: "测试公司", FormCode: "LDMD-FM-32", LedgerCode: "LDMD-FM-31", Labels: codes{}})
	buf.Reset()
	if err := WriteXLSX(&buf, doc); err != nil {
		t.Fatal(err)
	}
	fa, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	aRows, _ := fa.GetRows(SheetA)
	if a := joinRows(aRows); !strings.Contains(a, "备注") || !strings.Contains(a, "客户要求书面答复") {
		t.Errorf("A-class sheet lacks 备注 and its value:\n%s", a)
	}
	charts := 0
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts != 4 {
		t.Errorf("%d chart parts, want 4", charts)
	}
}

func TestWritePDF(t *testing.T) {
	eng, err := form.NewEngine(nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WritePDF(&buf, eng, testDoc(Quarter{2026, 3})); err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, p := range pages {
		all = append(all, strings.Join(p, ""))
	}
	text := strings.Join(all, "\n")
	for _, want := range []string{
		"本季度共收到质量信息 4 条（A类 2 条，B类 1 条，C类 1 条）。",
		"已关闭 2 条，未结 2 条，超期 3 条；关闭率 50.0%",
		"各类别信息数量（按等级）", "上期结转", "S-2025-08", "批准（签名）",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	var again bytes.Buffer
	WritePDF(&again, eng, testDoc(Quarter{2026, 3}))
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("the same report gave different PDF bytes")
	}
}

func TestWriteEmptyAndProvisional(t *testing.T) {
	d := testDoc(Quarter{2024, 2})
	if !d.Empty || len(d.Summary) != 1 || !strings.Contains(d.Summary[0], "2024年第二季度无质量信息") {
		t.Errorf("empty quarter summary %q", d.Summary)
	}
	var x, p bytes.Buffer
	eng, _ := form.NewEngine(nil)
	if err := WriteXLSX(&x, d); err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(&p, eng, d); err != nil {
		t.Fatal(err)
	}
	if d := testDoc(Quarter{2026, 4}); !d.Provisional || !strings.Contains(strings.Join(d.Notes, ""), "临时统计（未结）") {
		t.Error("2026Q4 on 2026-11-28 is not marked provisional")
	}
}

func joinRows(rows [][]string) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString(strings.Join(r, "\t"))
		b.WriteByte('\n')
	}
	return b.String()
}

func TestValueString(t *testing.T) {
	tests := map[Value]string{
		N(37): "37", P(0.7027): "70.3%", D(2.75): "2.8", Chg(-3): "-3", Chg(4): "+4", Chg(0): "0",
		ChgP(0.05): "+5.0%", ChgP(-0.0004): "0.0%", {Kind: DaysDelta, N: -1.25}: "-1.3", T("x"): "x",
	}
	for v, want := range tests {
		if got := v.String(); got != want {
			t.Errorf("%+v.String() = %q, want %q", v, got, want)
		}
	}
}
