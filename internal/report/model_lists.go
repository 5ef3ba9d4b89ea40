package report

import (
	"fmt"
	"strings"

	"github.com/qdoc/qdoc/internal/record"
)

// compare sets the quarter against the previous one and the same quarter
// of last year; a change is the difference, in counts or in percentage
// points for rates.
func (b *builder) compare() *Table {
	p, y := b.s.Prev, b.s.LastYear
	t := &Table{Title: "六、与上季度及去年同期比较",
		Header: []string{"指标", "本季度", "上季度 " + p.Quarter.String(), "环比增减", "去年同期 " + y.Quarter.String(), "同比增减"},
		Widths: []float64{24, 9, 12, 9, 13, 9}}
	count := func(name string, f func(*Period) int) {
		c := f(b.c)
		t.Rows = append(t.Rows, []Value{T(name), N(c), N(f(p)), Chg(c - f(p)), N(f(y)), Chg(c - f(y))})
	}
	rate := func(name string, f func(*Period) float64) {
		c := f(b.c)
		t.Rows = append(t.Rows, []Value{T(name), P(c), P(f(p)), ChgP(c - f(p)), P(f(y)), ChgP(c - f(y))})
	}
	count("信息总数", func(p *Period) int { return p.Total })
	for _, c := range b.classes() {
		count(b.l.Class(c), func(p *Period) int { return p.ByClass[c] })
	}
	for _, c := range b.c.ByCategory.Keys(b.s.Categories) {
		count(b.l.Category(c), func(p *Period) int { return p.ByCategory[c] })
	}
	for _, c := range b.c.ByChannel.Keys(b.s.Channels) {
		count("渠道："+b.l.Channel(c), func(p *Period) int { return p.ByChannel[c] })
	}
	count("已关闭", func(p *Period) int { return p.Closed })
	count("未结", func(p *Period) int { return p.Open })
	count("超期", func(p *Period) int { return p.Overdue })
	rate("关闭率", (*Period).ClosureRate)
	rate("按时关闭率", (*Period).TimelyRate)
	t.Rows = append(t.Rows, []Value{T("平均处理天数"), meanDays(b.c), meanDays(p), daysChange(b.c, p), meanDays(y), daysChange(b.c, y)})
	return t
}

// meanDays is a quarter's mean handling time, "—" when nothing was closed
// (0.0 would read as "handled the same day").
func meanDays(p *Period) Value {
	if p.Closed == 0 {
		return T("—")
	}
	return D(p.MeanDays())
}

func daysChange(cur, old *Period) Value {
	if cur.Closed == 0 || old.Closed == 0 {
		return T("—")
	}
	d := D(cur.MeanDays() - old.MeanDays())
	d.Kind = DaysDelta
	return d
}

// summary is the report's analysis in a few sentences a manager reads
// first; the tables below give the detail.
func (b *builder) summary() []string {
	c := b.c
	if c.Total == 0 {
		return []string{b.s.Quarter.Label() + "无质量信息（不含作废编号）。本表各项统计均为 0。"}
	}
	var cls []string
	for _, k := range b.classes() {
		cls = append(cls, fmt.Sprintf("%s %d 条", b.l.Class(k), c.ByClass[k]))
	}
	out := []string{
		fmt.Sprintf("本季度共收到质量信息 %d 条（%s）。", c.Total, strings.Join(cls, "，")),
		fmt.Sprintf("已关闭 %d 条，未结 %d 条，超期 %d 条；关闭率 %s，按时关闭率 %s。", c.Closed, c.Open, c.Overdue,
			P(c.ClosureRate()).String(), P(c.TimelyRate()).String()),
	}
	if c.Closed > 0 {
		out = append(out, fmt.Sprintf("平均处理 %s 天，最长 %d 天（%s）。", D(c.MeanDays()).String(), c.MaxDays, c.MaxSerial))
	}
	out = append(out, b.topCategory(), b.change())
	return out
}

func (b *builder) topCategory() string {
	best, n := "", -1
	for _, k := range b.c.ByCategory.Keys(b.s.Categories) {
		if b.c.ByCategory[k] > n {
			best, n = k, b.c.ByCategory[k]
		}
	}
	return fmt.Sprintf("数量最多的类别为“%s”，%d 条，占 %s。", b.l.Category(best), n, P(ratio(n, b.c.Total)).String())
}

func (b *builder) change() string {
	return fmt.Sprintf("与上季度（%d 条）相比%s，与去年同期（%d 条）相比%s。",
		b.s.Prev.Total, changeWords(b.c.Total, b.s.Prev.Total), b.s.LastYear.Total, changeWords(b.c.Total, b.s.LastYear.Total))
}

func changeWords(cur, old int) string {
	switch {
	case cur > old:
		return fmt.Sprintf("增加 %d 条", cur-old)
	case cur < old:
		return fmt.Sprintf("减少 %d 条", old-cur)
	}
	return "持平"
}

// entryHeader are the A-class list's columns: every field of the entry.
var entryHeader = []string{"编号", "接收日期", "信息渠道", "信息类别", "标题", "内容", "报告部门", "涉及部门",
	"处理措施", "反馈结果", "状态", "关闭日期", "处理天数", "超期", "备注"}

func (b *builder) aClass() *Table {
	t := &Table{Title: "七、本季度A类信息（全文）", Header: entryHeader,
		Widths: []float64{22, 11, 8, 14, 24, 40, 9, 16, 30, 30, 8, 11, 8, 6, 24}, Empty: "本季度无A类信息。"}
	for _, e := range b.s.AClass {
		days := T("")
		if d := e.HandlingDays(); d >= 0 {
			days = N(d)
		}
		t.Rows = append(t.Rows, []Value{T(e.Serial), T(record.FormatDate(e.Received)), T(b.l.Channel(e.Channel)),
			T(b.l.Category(e.Category)), T(e.Title), T(e.Content), T(e.Reporter), T(strings.Join(e.Departments, "、")),
			T(e.Measures), T(e.Feedback), T(b.l.Status(e.Status)), T(record.FormatDate(e.Closed)), days, T(b.overdue(e)), T(e.Remarks)})
	}
	return t
}

func (b *builder) overdue(e *record.Entry) string {
	if e.Overdue(b.s.Deadlines, b.s.AsOf) {
		return "是"
	}
	return "否"
}

func (b *builder) open() *Table {
	t := &Table{Title: "八、未结事项（上期结转及本季度未结）",
		Header: []string{"来源", "编号", "接收日期", "等级", "信息类别", "标题", "涉及部门", "状态", "处理时限至", "关闭日期", "超期"},
		Widths: []float64{9, 25, 13, 6, 12, 28, 15, 7, 13, 13, 6}, Empty: "无未结事项。"}
	for _, c := range b.s.Open {
		e, src := c.Entry, "本季度未结"
		if c.Before {
			src = "上期结转"
		}
		dl, _ := e.Deadline(b.s.Deadlines)
		t.Rows = append(t.Rows, []Value{T(src), T(e.Serial), T(record.FormatDate(e.Received)), T(b.l.Class(e.Class)),
			T(b.l.Category(e.Category)), T(e.Title), T(strings.Join(e.Departments, "、")), T(b.l.Status(e.Status)),
			T(record.FormatDate(dl)), T(record.FormatDate(e.Closed)), T(b.overdue(e))})
	}
	return t
}

// charts are the figures a manager reads at a glance.
func (b *builder) charts() []*Chart {
	cls, cats := b.classes(), b.c.ByCategory.Keys(b.s.Categories)
	byCat := &Chart{Title: "各类别信息数量（按等级）", Kind: ColumnStacked}
	for _, k := range cats {
		byCat.Categories = append(byCat.Categories, b.l.Category(k))
	}
	for _, c := range cls {
		s := Series{Name: b.l.Class(c)}
		for _, k := range cats {
			s.Values = append(s.Values, float64(b.c.Matrix[[2]string{c, k}]))
		}
		byCat.Series = append(byCat.Series, s)
	}
	ch := &Chart{Title: "信息渠道分布", Kind: Pie, Series: []Series{{Name: "数量"}}}
	for _, k := range b.c.ByChannel.Keys(b.s.Channels) {
		ch.Categories = append(ch.Categories, b.l.Channel(k))
		ch.Series[0].Values = append(ch.Series[0].Values, float64(b.c.ByChannel[k]))
	}
	return []*Chart{byCat, ch, b.closureChart(cls), b.compareChart(cls)}
}

func (b *builder) closureChart(cls []string) *Chart {
	ch := &Chart{Title: "各等级处理情况", Kind: Column,
		Series: []Series{{Name: "已关闭"}, {Name: "未结"}, {Name: "超期"}}}
	for _, c := range cls {
		r := b.c.Class(c, b.s.Deadlines)
		ch.Categories = append(ch.Categories, b.l.Class(c))
		for i, v := range []int{r.Closed, r.Open, r.Overdue} {
			ch.Series[i].Values = append(ch.Series[i].Values, float64(v))
		}
	}
	return ch
}

func (b *builder) compareChart(cls []string) *Chart {
	ch := &Chart{Title: "与上季度、去年同期比较", Kind: Column, Categories: []string{"总数"}}
	for _, c := range cls {
		ch.Categories = append(ch.Categories, b.l.Class(c))
	}
	names := []string{"本季度", "上季度", "去年同期"}
	for i, p := range []*Period{b.c, b.s.Prev, b.s.LastYear} {
		s := Series{Name: names[i] + " " + p.Quarter.String(), Values: []float64{float64(p.Total)}}
		for _, c := range cls {
			s.Values = append(s.Values, float64(p.ByClass[c]))
		}
		ch.Series = append(ch.Series, s)
	}
	return ch
}
