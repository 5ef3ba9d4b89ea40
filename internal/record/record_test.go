package record

import (
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	ok := map[string]string{
		"2026-07-03": "2026-07-03", "2026/7/3": "2026-07-03", "2026年7月3日": "2026-07-03",
		"2026.7.3": "2026-07-03", "20260703": "2026-07-03", " 2026-07-03 ": "2026-07-03",
		"２０２６－０７－０３": "2026-07-03", "46206": "2026-07-03", "46206.5": "2026-07-03",
		"2026-07-03 14:30": "2026-07-03", "2024-02-29": "2024-02-29", "": "",
	}
	for in, want := range ok {
		got, err := ParseDate(in)
		if err != nil || FormatDate(got) != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, FormatDate(got), err, want)
		}
	}
	for _, in := range []string{"2026-02-30", "2025-02-29", "2026-13-01", "July 3", "3/7/2026", "12", "0", "2026年7月", "99999999"} {
		if _, err := ParseDate(in); err == nil {
			t.Errorf("ParseDate(%q) accepted", in)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-07-03", "2026年7月3日", "46206", "2026/7/3 10:00", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err == nil && !d.IsZero() && (d.Year() < 1900 || d.Year() > 9999) {
			t.Errorf("ParseDate(%q) = %v out of range", s, d)
		}
	})
}

func testRules() *Rules {
	cat, _ := NewVocab([]Term{{Code: "customer", Label: "用户投诉", Aliases: []string{"投诉", "2.7"}}, {Code: "regulation", Label: "法规政策", Aliases: []string{"2.1"}}})
	ch, _ := NewVocab([]Term{{Code: "external", Label: "外部"}, {Code: "internal", Label: "内部"}})
	cl, _ := NewVocab([]Term{{Code: "A", Label: "A类"}, {Code: "B", Label: "B类"}, {Code: "C", Label: "C类"}})
	st, _ := NewVocab([]Term{{Code: "open", Label: "待处理"}, {Code: "closed", Label: "已关闭", Aliases: []string{"已处理"}}})
	return &Rules{Category: cat, Channel: ch, Class: cl, Status: st,
		Depts: NewDepartments([]string{"质管部", "销售部", "仓储部"}, map[string]string{"质量部": "质管部"}),
		Today: time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)}
}

func row(kv ...string) map[string]string {
	m := map[string]string{"received": "2026-07-03", "channel": "外部", "category": "用户投诉", "class": "B",
		"title": "t", "content": "c", "reporter": "销售部", "departments": "销售部、质管部"}
	for i := 0; i < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func TestParseValuesAsTyped(t *testing.T) {
	r := testRules()
	for _, v := range []map[string]string{
		row("class", " b "), row("class", "Ｂ类"), row("category", "2.7"), row("category", "CUSTOMER"),
		row("departments", "销售部，质量部"), row("departments", "销售部 ; 质管部"), row("departments", "销售部,质管部,销售部"),
	} {
		e, probs := r.Parse(v)
		if len(probs) > 0 || e.Class != "B" || e.Category != "customer" || len(e.Departments) != 2 {
			t.Errorf("Parse(%v) = %+v %v", v, e, probs)
		}
	}
}

func TestParseProblems(t *testing.T) {
	r := testRules()
	cases := []struct {
		row   map[string]string
		field string
		msg   string
	}{
		{row("class", "C"), "class", "只涉及一个部门"},
		{row("departments", "销售部"), "class", "两个及以上"},
		{row("class", "A", "departments", "销售部"), "class", "至少应列两个"},
		{row("class", "D"), "class", "不是有效值"},
		{row("received", "2026-02-30"), "received", "不是有效日期"},
		{row("received", "2026-12-01"), "received", "不能晚于今天"},
		{row("closed", "2026-07-01"), "closed", "早于接收日期"},
		{row("status", "已关闭"), "closed", "必须填写关闭日期"},
		{row("status", "待处理", "closed", "2026-07-05"), "status", "状态应为已关闭"},
		{row("title", ""), "title", "必填"},
		{row("reporter", "研发部"), "reporter", "不是已配置的部门"},
		{row("content", strings.Repeat("字", MaxText+1)), "content", "太长"},
	}
	for _, c := range cases {
		_, probs := r.Parse(c.row)
		found := false
		for _, p := range probs {
			found = found || (p.Field == c.field && strings.Contains(p.Msg, c.msg))
		}
		if !found {
			t.Errorf("%v: want problem on %s containing %q, got %v", c.row, c.field, c.msg, probs)
		}
	}
}

func TestKeyNormalises(t *testing.T) {
	r := testRules()
	a, _ := r.Parse(row("title", " 输液器  包装破损 "))
	b, _ := r.Parse(row("title", "输液器 包装破损"))
	c, _ := r.Parse(row("title", "输液器包装破损（二）"))
	if a.Key() != b.Key() {
		t.Error("white space changes the key")
	}
	if a.Key() == c.Key() {
		t.Error("different titles share a key")
	}
	if !NearTitle("输液器包装破损", "输液器包装破损（二）") || NearTitle("甲", "乙") {
		t.Error("NearTitle")
	}
}

func TestStatusDefaults(t *testing.T) {
	r := testRules()
	e, _ := r.Parse(row("closed", "2026-07-05"))
	if e.Status != "closed" {
		t.Errorf("closed date without status: %s", e.Status)
	}
	e, _ = r.Parse(row())
	if e.Status != "open" {
		t.Errorf("default status: %s", e.Status)
	}
}

// FuzzParse feeds whole intake rows through the value rules. Property: a
// row is either refused with problems naming known fields, or it gives an
// entry whose every coded value is one the vocabularies know, whose
// departments are configured ones agreeing with its class, and whose dates
// are real and in order — never a panic, never a half-valid entry.
func FuzzParse(f *testing.F) {
	f.Add("2026-07-03", "外部", "用户投诉", "B类", "标题", "内容", "销售部", "销售部、质管部", "已处理", "2026-07-05")
	f.Add("2026年7月3日", "external", "2.7", " c ", "=cmd|' /C calc'!A0", "x", "质量部", "质管部", "", "")
	f.Add("46206", "内部", "投诉", "ａ", "t", "c", "仓储部", "仓储部 销售部;质管部", "待处理", "46200")
	f.Fuzz(func(t *testing.T, received, channel, category, class, title, content, reporter, depts, status, closed string) {
		r := testRules()
		e, probs := r.Parse(map[string]string{
			"received": received, "channel": channel, "category": category, "class": class, "title": title,
			"content": content, "reporter": reporter, "departments": depts, "status": status, "closed": closed,
		})
		known := map[string]bool{"": true, "received": true, "channel": true, "category": true, "class": true, "title": true,
			"content": true, "reporter": true, "departments": true, "status": true, "closed": true}
		for _, p := range probs {
			if !known[p.Field] || p.Msg == "" {
				t.Fatalf("problem %+v names no field of the row or says nothing", p)
			}
		}
		if len(probs) > 0 {
			return
		}
		for _, c := range []struct {
			v   *Vocab
			got string
		}{{r.Channel, e.Channel}, {r.Category, e.Category}, {r.Class, e.Class}} {
			if _, ok := c.v.Lookup(c.got); !ok {
				t.Fatalf("accepted an unknown code %q", c.got)
			}
		}
		if e.Received.IsZero() || e.Received.After(r.Today) || (!e.Closed.IsZero() && e.Closed.Before(e.Received)) {
			t.Fatalf("accepted dates received %v closed %v", e.Received, e.Closed)
		}
		names := map[string]bool{}
		for _, n := range r.Depts.Names() {
			names[n] = true
		}
		for _, d := range append([]string{e.Reporter}, e.Departments...) {
			if !names[d] {
				t.Fatalf("accepted an unknown department %q", d)
			}
		}
		if (e.Class == "C") != (len(e.Departments) == 1) {
			t.Fatalf("class %s with departments %v accepted", e.Class, e.Departments)
		}
	})
}
