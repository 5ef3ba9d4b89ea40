package batch

import (
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/intake"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// testPlanner plans rows against a store index holding the given entries.
func testPlanner(t *testing.T, legacy bool, stored ...record.Entry) *planner {
	t.Helper()
	cfg, err := config.Parse(nil)
	if err != nil {
		t.Fatal(err)
	}
	r := &Run{Session: &Session{Cfg: cfg, Actor: store.Actor{Today: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}}, Legacy: legacy}
	ix := store.EmptyIndex()
	for i := range stored {
		e := &stored[i]
		ix.Put(&store.Brief{Serial: e.Serial, Key: e.Key(), Digest: e.Digest(),
			Received: record.FormatDate(e.Received), Reporter: e.Reporter, Title: e.Title})
	}
	return r.newPlanner(ix)
}

func entry(serial, received, title, content string) record.Entry {
	d, _ := time.Parse("2006-01-02", received)
	return record.Entry{Serial: serial, Received: d, Reporter: "仓储部", Title: title, Content: content}
}

// row is a valid C-class intake row; kv pairs override its fields.
func row(line int, kv ...string) intake.Row {
	v := map[string]string{"received": "2026-07-01", "channel": "内部", "category": "验收", "class": "C",
		"title": "标题", "content": "内容", "reporter": "仓储部", "departments": "仓储部"}
	for i := 0; i+1 < len(kv); i += 2 {
		v[kv[i]] = kv[i+1]
	}
	return intake.Row{Line: line, Values: v}
}

func problemsText(p *planner) string {
	var b strings.Builder
	for _, pr := range p.probs {
		b.WriteString(pr.Field + "|" + pr.Value + "|" + pr.Msg + "\n")
	}
	return b.String()
}

func TestPlanSerialYearIsReceivedYear(t *testing.T) {
	stored := entry("LDMD-FM-30-2026-0001", "2026-01-03", "旧标题", "内容")
	tests := []struct {
		name   string
		legacy bool
		row    intake.Row
		want   string // "" = accepted
	}{
		{"update moved to last year", false, row(2, "number", "LDMD-FM-30-2026-0001", "received", "2025-12-30"),
			"received|2025-12-30|接收日期在 2025 年，但编号 LDMD-FM-30-2026-0001 是 2026 年的"},
		{"update within its year", false, row(2, "number", "LDMD-FM-30-2026-0001", "received", "2026-02-01"), ""},
		{"legacy of another year", true, row(2, "number", "LDMD-FM-30-2023-0003", "received", "2026-01-05"),
			"number|LDMD-FM-30-2023-0003|编号中的年份是 2023，但接收日期是 2026-01-05"},
		{"legacy of its year", true, row(2, "number", "LDMD-FM-30-2023-0003", "received", "2023-05-05"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := testPlanner(t, tt.legacy, stored)
			_, ok := p.row(tt.row)
			got := problemsText(p)
			if tt.want == "" && (!ok || got != "") {
				t.Fatalf("refused: %s", got)
			}
			if tt.want != "" && (ok || !strings.Contains(got, tt.want)) {
				t.Fatalf("ok=%v problems:\n%s\nwant %q", ok, got, tt.want)
			}
		})
	}
}

func TestPlanLegacyMatchesStoredEntries(t *testing.T) {
	stored := entry("LDMD-FM-30-2026-0005", "2026-07-01", "冷链温度超标", "冷库 2 号")
	p := testPlanner(t, true, stored)
	// the same entry under another number: refused, naming the stored one
	if _, ok := p.row(row(2, "number", "LDMD-FM-30-2026-0100", "title", "冷链温度超标", "content", "冷库 2 号")); ok {
		t.Fatal("a stored entry was accepted again under another number")
	}
	if got := problemsText(p); !strings.Contains(got, "与已登记的 LDMD-FM-30-2026-0005 是同一条信息") {
		t.Fatalf("problems: %s", got)
	}
	// a near-identical title: accepted, flagged
	pl, ok := p.row(row(3, "number", "LDMD-FM-30-2026-0101", "title", "冷链温度超标。", "content", "另一次"))
	if !ok || pl.act != actLegacy || pl.nearDup != "LDMD-FM-30-2026-0005" {
		t.Fatalf("ok=%v act=%v nearDup=%q", ok, pl.act, pl.nearDup)
	}
}

func TestPlanNearDuplicateInOneFile(t *testing.T) {
	p := testPlanner(t, false)
	first, ok1 := p.row(row(2, "title", "冷链温度超标"))
	second, ok2 := p.row(row(3, "title", "冷链温度超标。", "content", "另一段内容"))
	other, ok3 := p.row(row(4, "title", "冷链温度超标", "reporter", "销售部", "departments", "销售部"))
	later, ok4 := p.row(row(5, "title", "冷链温度超标（续）", "received", "2026-07-02"))
	if !ok1 || !ok2 || !ok3 || !ok4 {
		t.Fatalf("refused: %s", problemsText(p))
	}
	if first.nearLine != 0 || second.nearLine != 2 || other.nearLine != 0 || later.nearLine != 0 {
		t.Errorf("nearLine = %d %d %d %d; want 0 2 0 0", first.nearLine, second.nearLine, other.nearLine, later.nearLine)
	}
	var fr FileResult
	warnNear(&fr, &second)
	if len(fr.Warnings) != 1 || !strings.Contains(fr.Warnings[0], "第 3 行") || !strings.Contains(fr.Warnings[0], "本文件第 2 行") {
		t.Errorf("warning = %q", fr.Warnings)
	}
}

func TestReportNameKeepsExtension(t *testing.T) {
	if a, b := reportName("d.csv"), reportName("d.xlsx"); a == b || a != "d.csv-错误报告.xlsx" {
		t.Errorf("reportName: %q %q", a, b)
	}
	if got := reportName(strings.Repeat("长", 80) + ".xlsx"); got != "错误报告.xlsx" {
		t.Errorf("too long a name: %q", got)
	}
}
