package changelog

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/form/pdftext"
	"github.com/qdoc/qdoc/internal/store"
)

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

func rows() []store.AuditRow {
	return []store.AuditRow{
		{ID: 1, At: "2026-10-02T01:00:00Z", Who: "质量管理员", OSUser: "qa", Serial: "LDMD-FM-30-2026-0002", Action: "create", Field: "*", After: `{"received":"2026-10-01","title":"包装破损"}`},
		{ID: 2, At: "2026-10-03T01:00:00Z", Who: "质量管理员", OSUser: "qa", Serial: "LDMD-FM-30-2026-0002", Action: "render", Field: "FM-30"},
		{ID: 3, At: "2026-10-05T02:00:00Z", Who: "张工", OSUser: "zhang", Serial: "LDMD-FM-30-2026-0002", Action: "update", Field: "feedback", Before: "", After: "已联系客户王小明 13812345678", Source: "command: info close"},
		{ID: 4, At: "2026-10-06T02:00:00Z", Who: "质量管理员", OSUser: "qa", Serial: "LDMD-FM-30-2026-0001", Action: "void", Field: "void", After: "作废", Source: "command: info void", Reason: "重复登记"},
	}
}

func opts(redact bool) Options {
	return Options{Company: "测试医疗器械有限公司", Year: 2026, Month: time.October, Loc: shanghai, Redact: redact}
}

func TestRestoreIsTheWholeStores(t *testing.T) {
	rs := append(rows(), store.AuditRow{ID: 5, At: "2026-10-07T02:00:00Z", Who: "质量管理员", OSUser: "qa", Serial: store.RestoreRecord,
		Action: "restore", Field: "store", Before: "data/qdoc.db.before-restore-1", After: "从备份 E:/bk 恢复", Source: "command: restore E:/bk"})
	g := Build(rs, opts(false)).Groups[0]
	if g.Record != "（整个库）" || g.Rows[0].Action != "恢复备份" || g.Rows[0].Field != "库" || g.Rows[0].After != "从备份 E:/bk 恢复" {
		t.Errorf("restore group %+v", g)
	}
}

func TestBuildGroupsByRecordAndSkipsRegistrations(t *testing.T) {
	r := Build(rows(), opts(false))
	if r.New != 1 || len(r.Groups) != 2 || Count(r.Groups) != 2 {
		t.Fatalf("report: new %d, groups %+v", r.New, r.Groups)
	}
	if r.Groups[0].Record != "LDMD-FM-30-2026-0001" || r.Groups[0].Rows[0].Action != "作废" || r.Groups[0].Rows[0].Reason != "重复登记" {
		t.Errorf("first group %+v", r.Groups[0])
	}
	row := r.Groups[1].Rows[0]
	if row.At != "2026-10-05 10:00" || row.Field != "反馈结果" || row.Who != "张工（zhang）" {
		t.Errorf("printed row %+v", row)
	}
	all := opts(false)
	all.All = true
	if n := Count(Build(rows(), all).Groups); n != 4 {
		t.Errorf("with All: %d rows, want 4", n)
	}
}

func TestRedactedReport(t *testing.T) {
	r := Build(rows(), opts(true))
	after := r.Groups[1].Rows[0].After
	if strings.Contains(after, "13812345678") || strings.Contains(after, "王小明") {
		t.Errorf("not masked: %q", after)
	}
	if opts(true).FileName(".xlsx") != "数据修改报表 2026-10（脱敏）.xlsx" {
		t.Errorf("file name %q", opts(true).FileName(".xlsx"))
	}
}

func TestWriteXLSXAndPDF(t *testing.T) {
	r := Build(rows(), opts(false))
	var x bytes.Buffer
	if err := WriteXLSX(&x, r); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := f.GetRows(sheet)
	text := ""
	for _, row := range got {
		text += strings.Join(row, "|") + "\n"
	}
	for _, want := range []string{"数据修改报表 2026年10月", "记录 LDMD-FM-30-2026-0001（1 处）", "已联系客户王小明 13812345678", "序号|时间|操作人"} {
		if !strings.Contains(text, want) {
			t.Errorf("xlsx lacks %q:\n%s", want, text)
		}
	}
	eng, err := form.NewEngine(nil)
	if err != nil {
		t.Fatal(err)
	}
	var p1, p2 bytes.Buffer
	at := time.Date(2026, 10, 6, 2, 0, 0, 0, time.UTC)
	if err := WritePDF(&p1, eng, r, at); err != nil {
		t.Fatal(err)
	}
	WritePDF(&p2, eng, r, at)
	if !bytes.Equal(p1.Bytes(), p2.Bytes()) {
		t.Error("the same report gave different PDF bytes")
	}
	pages, err := pdftext.Pages(p1.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	all := strings.Join(pages[0], "")
	for _, want := range []string{"数据修改报表 2026年10月", "LDMD-FM-30-2026-0002", "重复登记", "第 1 页 共 1 页"} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
}

// Many changes run onto several pages, each numbered.
func TestPDFPages(t *testing.T) {
	var many []store.AuditRow
	for i := 0; i < 120; i++ {
		many = append(many, store.AuditRow{ID: int64(i), At: "2026-10-05T02:00:00Z", Who: "张工", Serial: "LDMD-FM-30-2026-0001",
			Action: "update", Field: "content", Before: strings.Repeat("旧内容", 20), After: strings.Repeat("新内容", 30)})
	}
	eng, _ := form.NewEngine(nil)
	var b bytes.Buffer
	if err := WritePDF(&b, eng, Build(many, opts(false)), time.Time{}); err != nil {
		t.Fatal(err)
	}
	pages, err := pdftext.Pages(b.Bytes())
	if err != nil || len(pages) < 3 {
		t.Fatalf("%d pages, %v", len(pages), err)
	}
	last := strings.Join(pages[len(pages)-1], "")
	if !strings.Contains(last, "序号") || !strings.Contains(last, "共 "+strconv.Itoa(len(pages))+" 页") {
		t.Errorf("last page lacks the header or page count: %s", last)
	}
}
