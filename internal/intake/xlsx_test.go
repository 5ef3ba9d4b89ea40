package intake

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/record"
	"github.com/xuri/excelize/v2"
)

func TestReadXLSXHeaderAfterTitleRows(t *testing.T) {
	dir := t.TempDir()
	p := writeXLSX(t, dir, "质量信息登记.xlsx", sheetData{"登记", [][]any{
		{"质量信息登记表"},
		{"LDMD-FM-31", nil, nil, "2026 年"},
		append(append([]any{}, fullHeader...), "经办人"),
		{nil, "2026-07-03", "外部", "用户投诉", "B", "  包装破损  ", "客户反映外包装破损", "销售部", "仓储部、销售部", nil, nil, "待处理", nil, nil, "张三"},
		{},
		{nil, "2026/7/4", "内部", "验收", "C", "标签模糊", "验收时发现标签模糊", "仓储部", "仓储部"},
	}})
	f := mustRead(t, p)
	if f.Kind != "xlsx" || f.Sheet != "登记" || f.HeaderLine != 3 || f.Name != "质量信息登记.xlsx" {
		t.Fatalf("file = %+v", f)
	}
	if len(f.Rows) != 2 || f.Rows[0].Line != 4 || f.Rows[1].Line != 6 {
		t.Fatalf("rows = %+v", f.Rows)
	}
	r := f.Rows[0]
	want := map[string]string{"received": "2026-07-03", "channel": "外部", "category": "用户投诉", "class": "B",
		"title": "包装破损", "content": "客户反映外包装破损", "reporter": "销售部", "departments": "仓储部、销售部", "status": "待处理"}
	for k, v := range want {
		if r.Values[k] != v {
			t.Errorf("%s = %q, want %q", k, r.Values[k], v)
		}
	}
	if _, ok := r.Values["number"]; ok {
		t.Errorf("blank number present: %q", r.Values["number"])
	}
	if r.Cols["class"] != "E" || r.Cols["remarks"] != "N" || r.Cols["number"] != "A" {
		t.Errorf("cols = %v", r.Cols)
	}
	if len(f.Warnings) != 1 || f.Warnings[0] != "未知列 '经办人'（第 3 行 O 列）已忽略" {
		t.Errorf("warnings = %q", f.Warnings)
	}
}

func TestReadXLSXColumnOrderAndAliases(t *testing.T) {
	dir := t.TempDir()
	p := writeXLSX(t, dir, "a.xlsx", sheetData{"Sheet1", [][]any{
		{"Remarks", "ＴＩＴＬＥ", " 等 级 ", "content", "接收日期（必填）", "涉及部门*", "日期备注"},
		{"备", "T1", "a", "C1", "2026-07-01", "行政部"},
	}})
	f := mustRead(t, p)
	r := f.Rows[0]
	got := fmt.Sprint(r.Values["remarks"], r.Values["title"], r.Values["class"], r.Values["content"], r.Values["received"], r.Values["departments"])
	if got != "备T1aC12026-07-01行政部" {
		t.Errorf("values = %v", r.Values)
	}
	if r.Cols["title"] != "B" || r.Cols["received"] != "E" {
		t.Errorf("cols = %v", r.Cols)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "日期备注") {
		t.Errorf("warnings = %q", f.Warnings)
	}
}

func TestFindHeader(t *testing.T) {
	tests := []struct {
		name string
		rows [][]string
		want int
	}{
		{"first row", [][]string{{"编号", "标题", "内容"}}, 0},
		{"after title", [][]string{{"质量信息登记表"}, {}, {"标题", "等级", "日期"}}, 2},
		{"too few", [][]string{{"标题", "等级"}}, -1},
		{"no title or content", [][]string{{"编号", "等级", "状态", "备注"}}, -1},
		{"best wins", [][]string{{"标题", "内容", "备注"}, {"标题", "内容", "备注", "等级"}}, 1},
		{"duplicates count once", [][]string{{"标题", "title", "标题"}}, -1},
		{"english", [][]string{{"Number", "Title", "Class"}}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := findHeader(tt.rows); got != tt.want {
				t.Errorf("findHeader = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestHeaderNamesCoverFields(t *testing.T) {
	for _, k := range record.Fields {
		if fieldOf(k) != k || fieldOf(record.FieldLabels[k]) != k {
			t.Errorf("field %s (%s) not recognised", k, record.FieldLabels[k])
		}
	}
}

func TestReadXLSXRefusals(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, want string
		rows       [][]any
	}{
		{"dup.xlsx", "出现了两次", [][]any{{"标题", "内容", "等级", "Title"}}},
		{"none.xlsx", "找不到表头", [][]any{{"a", "b"}, {"标题"}}},
	}
	for _, tt := range tests {
		p := writeXLSX(t, dir, tt.name, sheetData{"S", tt.rows})
		if e := readErr(t, p, Limits{}); !strings.Contains(e.Msg, tt.want) {
			t.Errorf("%s: %s", tt.name, e.Msg)
		}
	}
}

func TestReadXLSXPicksSheetWithHeader(t *testing.T) {
	p := writeXLSX(t, t.TempDir(), "b.xlsx",
		sheetData{"说明", [][]any{{"请在第二页填写"}}},
		sheetData{"2026", [][]any{{"标题", "内容", "等级"}, {"t", "c", "A"}}},
		sheetData{"2025", [][]any{{"标题", "内容", "等级"}, {}, {"", "", "", "合计：0"}}})
	f := mustRead(t, p)
	if f.Sheet != "2026" || len(f.Rows) != 1 || f.Rows[0].Values["title"] != "t" {
		t.Fatalf("sheet %q rows %+v", f.Sheet, f.Rows)
	}
	if len(f.Warnings) != 1 || !strings.Contains(f.Warnings[0], "'2025'") || !strings.Contains(f.Warnings[0], "没有数据行") {
		t.Errorf("warnings = %q", f.Warnings)
	}
}

// Rows on a second sheet would be lost if only the first were read: the
// whole file is refused, naming every sheet that holds rows.
func TestReadXLSXRowsOnSeveralSheets(t *testing.T) {
	late := [][]any{{"标题", "内容", "等级"}}
	for i := 0; i < 30; i++ {
		late = append(late, []any{})
	}
	late = append(late, []any{"第 32 行才有数据", "c", "B"})
	p := writeXLSX(t, t.TempDir(), "multi.xlsx",
		sheetData{"2026", [][]any{{"登记表"}, {"标题", "内容", "等级"}, {"t", "c", "A"}}},
		sheetData{"空表", [][]any{{"标题", "内容", "等级"}}},
		sheetData{"2025", [][]any{{"标题", "内容", "等级"}, {"old", "c", "A"}}},
		sheetData{"12月", late})
	e := readErr(t, p, Limits{})
	for _, want := range []string{"'2026'", "'2025'、'12月'", "同一个工作表", "inbox/", "only one sheet"} {
		if !strings.Contains(e.Msg, want) {
			t.Errorf("message lacks %q: %s", want, e.Msg)
		}
	}
	if strings.Contains(e.Msg, "空表") {
		t.Errorf("a sheet with a header and no rows is named: %s", e.Msg)
	}
	// ReadEach hands over the first sheet's rows before it sees the
	// second; the caller must still get the error and store nothing.
	n := 0
	if _, err := ReadEach(p, Limits{}, func(Row) { n++ }); err == nil {
		t.Fatalf("ReadEach accepted rows on two sheets (%d rows)", n)
	}
}

func TestReadXLSXDateSerialKeptRaw(t *testing.T) {
	x := excelize.NewFile()
	must(t, x.SetSheetRow("Sheet1", "A1", &[]any{"标题", "内容", "接收日期", "关闭日期"}))
	must(t, x.SetSheetRow("Sheet1", "A2", &[]any{"t", "c", time.Date(2026, 7, 3, 0, 0, 0, 0, time.UTC), 46210}))
	var b bytes.Buffer
	must(t, x.Write(&b))
	f := mustRead(t, writeBytes(t, t.TempDir(), "d.xlsx", b.Bytes()))
	v := f.Rows[0].Values
	if v["received"] != "46206" || v["closed"] != "46210" {
		t.Fatalf("values = %v", v)
	}
	d, err := record.ParseDate(v["received"])
	if err != nil || record.FormatDate(d) != "2026-07-03" {
		t.Errorf("ParseDate(%s) = %v, %v", v["received"], d, err)
	}
}

func TestReadXLSXMergedCellsTopLeftOnly(t *testing.T) {
	x := excelize.NewFile()
	must(t, x.SetSheetRow("Sheet1", "A1", &[]any{"标题", "内容", "等级", "备注"}))
	must(t, x.SetSheetRow("Sheet1", "A2", &[]any{"t", "shown", "hidden", "r"}))
	must(t, x.SetSheetRow("Sheet1", "A3", &[]any{"t3", "c3", "hidden too", "r3"}))
	must(t, x.MergeCell("Sheet1", "B2", "C3")) // keeps the covered cells' values, as LibreOffice can
	var b bytes.Buffer
	must(t, x.Write(&b))
	f := mustRead(t, writeBytes(t, t.TempDir(), "m.xlsx", b.Bytes()))
	r2, r3 := f.Rows[0].Values, f.Rows[1].Values
	if r2["content"] != "shown" || r2["class"] != "" || r3["content"] != "" || r3["class"] != "" || r3["title"] != "t3" {
		t.Errorf("row2 %v row3 %v", r2, r3)
	}
}

func TestReadXLSXControlCharsAndLongCells(t *testing.T) {
	long := strings.Repeat("长", 12000)
	data := xlsxBytes(t, sheetData{"S", [][]any{{"标题", "内容", "等级"}, {"aSOHbVTc", long, "  \tB\n "}}})
	// Excel escapes control characters as _xHHHH_; excelize's writer would
	// replace them, so the escapes are put in by hand.
	data = rewriteZip(t, data, "xl/sharedStrings.xml", "SOH", "_x0001_", "VT", "_x000B_")
	v := mustRead(t, writeBytes(t, t.TempDir(), "c.xlsx", data)).Rows[0].Values
	if v["title"] != "abc" || v["content"] != long || v["class"] != "B" {
		t.Errorf("title %q class %q content %d runes", v["title"], v["class"], len([]rune(v["content"])))
	}
}

// bombZip is a zip whose worksheet is 100 MB of '0' compressed about 1027:1.
func bombZip(t testing.TB) []byte {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	w, err := zw.Create("xl/worksheets/sheet1.xml")
	must(t, err)
	chunk := bytes.Repeat([]byte("0"), 1<<20)
	for range 100 {
		_, err := w.Write(chunk)
		must(t, err)
	}
	must(t, zw.Close())
	return b.Bytes()
}

func TestReadXLSXZipBomb(t *testing.T) {
	p := writeBytes(t, t.TempDir(), "bomb.xlsx", bombZip(t))
	for _, lim := range []Limits{{}, {XLSXBytes: 1 << 40}} {
		start := time.Now()
		e := readErr(t, p, lim)
		if d := time.Since(start); d > time.Second {
			t.Errorf("took %v", d)
		}
		if !strings.Contains(e.Msg, "压缩炸弹") {
			t.Errorf("msg = %s", e.Msg)
		}
	}
}

func TestReadXLSXTooLarge(t *testing.T) {
	p := writeXLSX(t, t.TempDir(), "big.xlsx", sheetData{"S", [][]any{{"标题", "内容", "等级"}}})
	if e := readErr(t, p, Limits{XLSXBytes: 4000}); !strings.Contains(e.Msg, "上限") {
		t.Errorf("msg = %s", e.Msg)
	}
}

func TestReadXLSXStillBeingWritten(t *testing.T) {
	dir := t.TempDir()
	data := xlsxBytes(t, sheetData{"S", [][]any{{"标题", "内容", "等级"}, {"t", "c", "A"}}})
	p := writeBytes(t, dir, "质量信息登记表.xlsx", data[:len(data)/2])
	if e := readErr(t, p, Limits{}); e.Retry || !strings.Contains(e.Msg, "损坏") {
		t.Errorf("without lock: retry=%v %s", e.Retry, e.Msg)
	}
	writeBytes(t, dir, "~$信息登记表.xlsx", []byte("owner"))
	if e := readErr(t, p, Limits{}); !e.Retry || !strings.Contains(e.Msg, "下次运行") {
		t.Errorf("with lock: retry=%v %s", e.Retry, e.Msg)
	}
}

func TestReadXLSXEncrypted(t *testing.T) {
	p := writeBytes(t, t.TempDir(), "enc.xlsx", append(append([]byte{}, oleMagic...), make([]byte, 600)...))
	if e := readErr(t, p, Limits{}); !strings.Contains(e.Msg, "密码") {
		t.Errorf("msg = %s", e.Msg)
	}
}

func TestReadXLSX100000Rows(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("large workbook: skipped with -short and -race")
	}
	const n = 100000
	p := filepath.Join(t.TempDir(), "big.xlsx")
	writeBigXLSX(t, p, n)
	start := time.Now()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	// Inline strings make this workbook bigger than Excel's shared-string
	// one (about 70 MB unzipped), hence the raised limit.
	f, err := Read(p, Limits{XLSXBytes: 256 << 20})
	must(t, err)
	runtime.GC()
	runtime.ReadMemStats(&after)
	t.Logf("read %d rows in %v, retained heap %d MB", len(f.Rows), time.Since(start), (after.HeapInuse-before.HeapInuse)>>20)
	if len(f.Rows) != n || f.Rows[n-1].Line != n+2 || f.Rows[n-1].Values["title"] != fmt.Sprint("标题 ", n-1) {
		t.Fatalf("rows %d, last %+v", len(f.Rows), f.Rows[len(f.Rows)-1])
	}
}

func writeBigXLSX(t testing.TB, path string, n int) {
	x := excelize.NewFile()
	defer x.Close()
	sw, err := x.NewStreamWriter("Sheet1")
	must(t, err)
	must(t, sw.SetRow("A1", []any{"质量信息台帐"}))
	must(t, sw.SetRow("A2", fullHeader))
	for i := range n {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		row := []any{nil, 46206 + i%300, "外部", "用户投诉", "B", fmt.Sprint("标题 ", i), fmt.Sprint("内容内容内容 ", i),
			"销售部", "仓储部、销售部", "处理", "已反馈", "已关闭", 46210 + i%300, "备注"}
		must(t, sw.SetRow(cell, row))
	}
	must(t, sw.Flush())
	fh, err := os.Create(path)
	must(t, err)
	defer fh.Close()
	must(t, x.Write(fh))
}

// rewriteZip returns data with strings replaced in one part.
func rewriteZip(t testing.TB, data []byte, part string, oldnew ...string) []byte {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	must(t, err)
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, z := range zr.File {
		rc, err := z.Open()
		must(t, err)
		body, err := io.ReadAll(rc)
		must(t, err)
		if z.Name == part {
			body = []byte(strings.NewReplacer(oldnew...).Replace(string(body)))
		}
		w, err := zw.Create(z.Name)
		must(t, err)
		_, err = w.Write(body)
		must(t, err)
	}
	must(t, zw.Close())
	return b.Bytes()
}
