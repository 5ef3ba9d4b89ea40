package ledger

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/record"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

var testLabels = VocabLabels{
	Categories: vocab(record.Term{Code: "customer", Label: "用户投诉"}, record.Term{Code: "supplier", Label: "供应商质量"}),
	Channels:   vocab(record.Term{Code: "external", Label: "外部"}, record.Term{Code: "internal", Label: "内部"}),
	Classes:    vocab(record.Term{Code: "A", Label: "A类"}, record.Term{Code: "B", Label: "B类"}, record.Term{Code: "C", Label: "C类"}),
	Statuses:   vocab(record.Term{Code: "open", Label: "待处理"}, record.Term{Code: "closed", Label: "已关闭"}),
}

func vocab(t ...record.Term) *record.Vocab { v, _ := record.NewVocab(t); return v }

func entry(seq int, title string) *record.Entry {
	return &record.Entry{
		Serial: "LDMD-FM-30-2026-" + string(rune('0'+seq/1000%10)) + string(rune('0'+seq/100%10)) + string(rune('0'+seq/10%10)) + string(rune('0'+seq%10)),
		Year:   2026, Seq: seq, Received: day(2026, 7, 1), Channel: "external", Category: "customer",
		Class: "C", Title: title, Content: "客户反映包装破损", Reporter: "销售部",
		Departments: []string{"仓储部"}, Status: "closed", Closed: day(2026, 7, 3),
		Registered: day(2026, 7, 1),
	}
}

// testEntries covers the cases the ledger must show: formula-looking text,
// a void, a late registration, an overdue entry and a very long content.
func testEntries() []*record.Entry {
	es := []*record.Entry{
		entry(1, "=1+2"), entry(2, "+86 138 0000 0000"), entry(3, "-x"), entry(4, "@SUM(A1)"),
		entry(5, "作废的信息"), entry(6, "补登的信息"), entry(7, "超期未关闭"), entry(8, "长内容"),
	}
	es[4].Void, es[4].VoidReason = true, "重复登记"
	es[5].Late, es[5].Received, es[5].Closed = true, day(2026, 6, 20), day(2026, 6, 22)
	es[6].Class, es[6].Departments, es[6].Status, es[6].Closed = "B", []string{"采购部", "仓储部"}, "open", time.Time{}
	es[7].Content = strings.Repeat("长内容测试，", 334)[:6000] // 2,000 CJK characters
	return es
}

func sliceSource(es []*record.Entry) Source {
	return func(fn func(*record.Entry) error) error {
		for _, e := range es {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	}
}

func testOptions() Options {
	return Options{
		Company: "广州耕海科技开发有限公司 R&D", FormCode: "LDMD-FM-31", Year: 2026, Labels: testLabels,
		Deadlines: map[string]int{"A": 1, "B": 3, "C": 7}, Today: day(2026, 7, 20),
	}
}

// writeLedger writes a ledger and reopens it.
func writeLedger(t *testing.T, es []*record.Entry) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	n, err := WriteFM31(&buf, testOptions(), sliceSource(es))
	if err != nil {
		t.Fatal(err)
	}
	if n != len(es) {
		t.Fatalf("rows = %d, want %d", n, len(es))
	}
	return openBytes(t, buf.Bytes()), buf.Bytes()
}

func openBytes(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// col returns the column letter of a layout key in the built-in layout.
func col(t *testing.T, key string) string {
	t.Helper()
	l, err := LoadLayout("")
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range l.Columns {
		if c.Key == key {
			name, _ := excelize.ColumnNumberToName(i + 1)
			return name
		}
	}
	t.Fatalf("no column %s", key)
	return ""
}

func get(t *testing.T, f *excelize.File, cell string) string {
	t.Helper()
	v, err := f.GetCellValue("质量信息台帐", cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestFM31HeaderAndRows(t *testing.T) {
	f, _ := writeLedger(t, testEntries())
	rows, err := f.GetRows("质量信息台帐")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2+8 {
		t.Fatalf("got %d rows, want title + header + 8", len(rows))
	}
	if !strings.Contains(rows[0][0], "广州耕海科技开发有限公司") || !strings.Contains(rows[0][0], "2026") {
		t.Errorf("title row = %q", rows[0][0])
	}
	l, _ := LoadLayout("")
	for i, c := range l.Columns {
		if rows[1][i] != c.Label {
			t.Errorf("header %d = %q, want %q", i+1, rows[1][i], c.Label)
		}
	}
	if got := get(t, f, col(t, "category")+"3"); got != "用户投诉" {
		t.Errorf("category label = %q", got)
	}
	if got := get(t, f, col(t, "seq")+"10"); got != "8" {
		t.Errorf("seq of last row = %q", got)
	}
}

func TestFM31FormulaTextIsInert(t *testing.T) {
	f, raw := writeLedger(t, testEntries())
	tc := col(t, "title")
	for i, want := range []string{"=1+2", "+86 138 0000 0000", "-x", "@SUM(A1)"} {
		cell := tc + string(rune('3'+i))
		if got := get(t, f, cell); got != want {
			t.Errorf("%s = %q, want %q", cell, got, want)
		}
		if fo, _ := f.GetCellFormula("质量信息台帐", cell); fo != "" {
			t.Errorf("%s has formula %q", cell, fo)
		}
	}
	if strings.Contains(sheetXML(t, raw), "<f>") {
		t.Error("sheet XML contains a formula element")
	}
}

func TestFM31DateCells(t *testing.T) {
	f, _ := writeLedger(t, testEntries())
	for _, key := range []string{"received", "deadline", "closed", "registered"} {
		cell := col(t, key) + "3"
		typ, _ := f.GetCellType("质量信息台帐", cell)
		raw, _ := f.GetCellValue("质量信息台帐", cell, excelize.Options{RawCellValue: true})
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber || raw == "" || raw[0] < '0' || raw[0] > '9' {
			t.Errorf("%s (%s): type %v raw %q, want a date number", key, cell, typ, raw)
		}
		if got := get(t, f, cell); !strings.HasPrefix(got, "2026-07-") {
			t.Errorf("%s shows %q, want yyyy-mm-dd", key, got)
		}
		if fmtCode := numFmt(t, f, cell); fmtCode != dateFormat {
			t.Errorf("%s number format %q", key, fmtCode)
		}
	}
	if got := get(t, f, col(t, "closed")+"9"); got != "" {
		t.Errorf("open entry's closed date = %q, want empty", got)
	}
}

func numFmt(t *testing.T, f *excelize.File, cell string) string {
	id, err := f.GetCellStyle("质量信息台帐", cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt == nil {
		return ""
	}
	return *st.CustomNumFmt
}

func TestFM31Marks(t *testing.T) {
	f, _ := writeLedger(t, testEntries())
	flags, over := col(t, "flags"), col(t, "overdue")
	cases := []struct{ row, flag, overdue string }{
		{"3", "", "否"}, {"7", "作废", ""}, {"8", "补登", "否"}, {"9", "", "是"},
	}
	for _, c := range cases {
		if got := get(t, f, flags+c.row); got != c.flag {
			t.Errorf("row %s flags = %q, want %q", c.row, got, c.flag)
		}
		if got := get(t, f, over+c.row); got != c.overdue {
			t.Errorf("row %s overdue = %q, want %q", c.row, got, c.overdue)
		}
	}
	if got := get(t, f, col(t, "remarks")+"7"); !strings.Contains(got, "重复登记") {
		t.Errorf("void remarks = %q, want the reason", got)
	}
	st := style(t, f, over+"9")
	if len(st.Fill.Color) == 0 || st.Fill.Color[0] != "FFC7CE" {
		t.Errorf("overdue cell fill = %v", st.Fill.Color)
	}
	if st := style(t, f, col(t, "title")+"7"); !st.Font.Strike {
		t.Error("void row is not struck through")
	}
}

func style(t *testing.T, f *excelize.File, cell string) *excelize.Style {
	id, _ := f.GetCellStyle("质量信息台帐", cell)
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestFM31RowHeights(t *testing.T) {
	f, _ := writeLedger(t, testEntries())
	long, _ := f.GetRowHeight("质量信息台帐", 10)
	short, _ := f.GetRowHeight("质量信息台帐", 3)
	if long != maxRowHeight {
		t.Errorf("2,000-character row height = %v, want the cap %v", long, float64(maxRowHeight))
	}
	if short <= 0 || short >= long {
		t.Errorf("short row height = %v", short)
	}
}

func TestFM31PageSetup(t *testing.T) {
	f, raw := writeLedger(t, testEntries())
	pl, err := f.GetPageLayout("质量信息台帐")
	if err != nil {
		t.Fatal(err)
	}
	if *pl.Size != paperA4 || *pl.Orientation != "landscape" || *pl.FitToWidth != 1 || *pl.FitToHeight != 0 {
		t.Errorf("page layout size %d %s fit %dx%d", *pl.Size, *pl.Orientation, *pl.FitToWidth, *pl.FitToHeight)
	}
	hf, err := f.GetHeaderFooter("质量信息台帐")
	if err != nil || hf == nil {
		t.Fatalf("no header/footer: %v", err)
	}
	if want := "&L广州耕海科技开发有限公司 R&&D&C质量信息台帐&RLDMD-FM-31"; hf.OddHeader != want {
		t.Errorf("header = %q, want %q", hf.OddHeader, want)
	}
	if hf.OddFooter != "&C第 &P 页 共 &N 页" {
		t.Errorf("footer = %q", hf.OddFooter)
	}
	assertDefinedName(t, f, "_xlnm.Print_Titles", "'质量信息台帐'!$2:$2")
	assertDefinedName(t, f, "_xlnm._FilterDatabase", "'质量信息台帐'!$A$2:$S$10")
	xml := sheetXML(t, raw)
	for _, want := range []string{`<autoFilter ref="$A$2:$S$10"`, `state="frozen"`, `ySplit="2"`, `fitToPage="true"`,
		`<cols><col min="1" max="1" width="6" customWidth="1"/><col min="2" max="2"`} {
		if !strings.Contains(xml, want) {
			t.Errorf("sheet XML lacks %s", want)
		}
	}
}

func assertDefinedName(t *testing.T, f *excelize.File, name, refersTo string) {
	t.Helper()
	for _, d := range f.GetDefinedName() {
		if d.Name == name {
			if d.RefersTo != refersTo {
				t.Errorf("%s = %q, want %q", name, d.RefersTo, refersTo)
			}
			return
		}
	}
	t.Errorf("no defined name %s", name)
}

// sheetXML returns the ledger sheet's XML from the written bytes.
func sheetXML(t *testing.T, raw []byte) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(raw), int64(len(raw)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := zf.Open()
			b, _ := io.ReadAll(rc)
			rc.Close()
			return string(b)
		}
	}
	t.Fatal("no sheet1.xml")
	return ""
}

func TestFM31EmptyYear(t *testing.T) {
	f, _ := writeLedger(t, nil)
	rows, _ := f.GetRows("质量信息台帐")
	if len(rows) != 2 {
		t.Fatalf("empty year has %d rows, want title + header", len(rows))
	}
	assertDefinedName(t, f, "_xlnm._FilterDatabase", "'质量信息台帐'!$A$2:$S$2")
}

func TestFM31Deterministic(t *testing.T) {
	_, a := writeLedger(t, testEntries())
	_, b := writeLedger(t, testEntries())
	if !bytes.Equal(a, b) {
		t.Error("the same entries gave different bytes")
	}
}

func TestFM31SourceError(t *testing.T) {
	boom := io.ErrUnexpectedEOF
	src := func(fn func(*record.Entry) error) error { return boom }
	if _, err := WriteFM31(io.Discard, testOptions(), src); err != boom {
		t.Errorf("err = %v, want the source's error", err)
	}
}

// Control characters and Excel's own escape syntax in user text must not
// break the file or change the text.
func TestFM31OddText(t *testing.T) {
	e := entry(1, "a\x01b _x0041_ <tag> & \"q\"")
	e.Content = "  leading and trailing spaces  \n第二行"
	f, _ := writeLedger(t, []*record.Entry{e})
	if got := get(t, f, col(t, "title")+"3"); !strings.Contains(got, "_x0041_ <tag> & \"q\"") {
		t.Errorf("title = %q", got)
	}
	if got := get(t, f, col(t, "content")+"3"); got != e.Content {
		t.Errorf("content = %q, want %q", got, e.Content)
	}
}
