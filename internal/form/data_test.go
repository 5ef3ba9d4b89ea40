package form

import (
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

func TestExpand(t *testing.T) {
	l := &Layout{Code: "FM-30", Title: "反馈单", Version: "A/0"}
	d := &Data{Serial: "S-1", Company: "公司", IssueDate: "2026-01-12",
		Fields: map[string]string{"applied": "2026-07-03", "title": "字段标题", "who": "张三", "odd": "下周"}}
	sc := scope{l: l, d: d, page: 2, pages: 3}
	tests := map[string]string{
		"{form_code} {form_version} {form_title}": "FM-30 A/0 反馈单",
		"第 {page} 页 共 {pages} 页":                  "第 2 页 共 3 页",
		"{title}":                                 "字段标题", // a field, not the form's title
		"{ymd:applied}|{md:applied}":              "2026 年 7 月 3 日|7 月 3 日",
		"{ymd:missing}|{md:missing}":              "      年    月    日|    月    日",
		"{ymd:odd}":                               "下周",
		"{sign:who}|{sign:nobody}":                "张三|　　　　　　",
		"{serial} {company} {issue_date}":         "S-1 公司 2026-01-12",
		"open { brace":                            "open { brace",
		"{unknown}x":                              "x",
	}
	for in, want := range tests {
		if got := sc.expand(in); got != want {
			t.Errorf("expand(%q) = %q, want %q", in, got, want)
		}
	}
	d.FormCode = "LDMD-FM-30"
	if got := sc.expand("{form_code}"); got != "LDMD-FM-30" {
		t.Errorf("Data.FormCode not preferred: %q", got)
	}
}

func TestClean(t *testing.T) {
	for in, want := range map[string]string{
		"a\r\nb\rc\td": "a\nb\nc d", "bell\x07": "bell", "ok 中文": "ok 中文", "bad\xffutf8": "badutf8", "\u0085nel": "nel",
	} {
		if got := clean(in); got != want {
			t.Errorf("clean(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestFM30Data(t *testing.T) {
	e := sampleEntry()
	e.Closed = time.Date(2026, 1, 15, 0, 0, 0, 0, time.UTC)
	e.Late, e.Void, e.VoidReason = true, true, "重复登记"
	d := FM30Data(e, "本公司", testLabels{})
	want := map[string]string{
		"received": "2026-01-12", "closed": "2026-01-15", "channel": "外部", "category": "法规政策", "class": "B类",
		"status": "待反馈", "departments": "仓储部、质管部、销售部", "reporter": "采购部", "remarks": "作废：重复登记；补登；纳入年度质量回顾",
	}
	for k, v := range want {
		if d.Fields[k] != v {
			t.Errorf("Fields[%s] = %q, want %q", k, d.Fields[k], v)
		}
	}
	if d.Serial != e.Serial || d.IssueDate != "2026-01-12" || d.Company != "本公司" || d.FormCode != "" {
		t.Errorf("furniture: %+v", d)
	}
	e2 := &record.Entry{Serial: "X", Void: true}
	if r := FM30Data(e2, "", testLabels{}).Fields["remarks"]; r != "作废" {
		t.Errorf("void without reason: %q", r)
	}
}

// A B- or C-class form goes to the departments involved; an A-class form
// to every department of the workspace (seed §6).
func TestFM30Distribution(t *testing.T) {
	all := []string{"质管部", "采购部", "仓储部", "销售部", "财务部", "行政部"}
	e := sampleEntry()
	if got := FM30DataWords(e, "", testLabels{}, Words{}, all).Fields["distribution"]; got != "仓储部、质管部、销售部" {
		t.Errorf("class B distribution %q", got)
	}
	e.Class = "A"
	if got := FM30DataWords(e, "", testLabels{}, Words{}, all).Fields["distribution"]; got != "全体部门（A类）：质管部、采购部、仓储部、销售部、财务部、行政部" {
		t.Errorf("class A distribution %q", got)
	}
}
