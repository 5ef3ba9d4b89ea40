package report

import "time"

// Title is the FM-32 form's printed name.
const Title = "质量信息汇总分析表"

// Labels turns codes into the Chinese labels printed on paper;
// config.Labels is one.
type Labels interface {
	Category(code string) string
	Channel(code string) string
	Class(code string) string
	Status(code string) string
}

// Doc is the report as printed. Both writers draw the same Doc, so the
// workbook and the PDF show the same numbers in the same order.
type Doc struct {
	Company, FormCode string
	Quarter           Quarter
	AsOf              time.Time
	Provisional       bool
	Empty             bool
	Head              [][2]string // label, value lines under the title
	Summary           []string    // the analysis in sentences
	Tables            []*Table    // the main sheet, in order
	Charts            []*Chart
	AClass            *Table // the quarter's A-class entries in full
	Open              *Table // carried over and still open
	Notes             []string
	Departments       []string // the departments the report is fed back to
	Signers           []string // 编制 / 审核 / 批准
}

// Table is one titled table.
type Table struct {
	Title    string
	Header   []string
	Rows     [][]Value
	Widths   []float64 // relative column widths (Excel character widths)
	TotalRow bool      // the last row is a total, printed bold
	Empty    string    // printed instead of the rows when there are none
}

// ChartKind is the kind of a chart.
type ChartKind int

const (
	ColumnStacked ChartKind = iota
	Column
	Pie
)

// Chart is one chart, drawn natively in Excel and by hand in the PDF.
type Chart struct {
	Title      string
	Kind       ChartKind
	Categories []string
	Series     []Series
}

// Series is one named row of chart values, one per category.
type Series struct {
	Name   string
	Values []float64
}

// Options are what the report shows besides its statistics.
type Options struct {
	Company, FormCode string
	LedgerCode        string // the FM-31 ledger the numbers reconcile with
	Labels            Labels
}

// Build lays out the report of s.
func Build(s *Stats, o Options) *Doc {
	b := &builder{s: s, l: o.Labels, c: s.Cur, o: o}
	d := &Doc{Company: o.Company, FormCode: o.FormCode, Quarter: s.Quarter, AsOf: s.AsOf,
		Provisional: s.Provisional, Empty: s.Cur.Total == 0, Departments: s.Departments,
		Signers: []string{"编制", "审核", "批准"}}
	d.Head = b.head()
	d.Summary = b.summary()
	d.Tables = []*Table{b.classCategory(), b.channels(), b.reporters(), b.involved(), b.timeliness(), b.compare()}
	d.Charts = b.charts()
	d.AClass, d.Open = b.aClass(), b.open()
	d.Notes = b.notes()
	return d
}

// builder holds what the table builders share.
type builder struct {
	s *Stats
	l Labels
	c *Period
	o Options
}

func (b *builder) head() [][2]string {
	q := b.s.Quarter
	state := "已结"
	if b.s.Provisional {
		state = "未结（季度尚未结束，本表为临时统计）"
	}
	return [][2]string{
		{"报告期", q.Label() + "（" + fmtDate(q.Start()) + " 至 " + fmtDate(q.Last()) + "）"},
		{"统计截至", fmtDate(b.s.AsOf)},
		{"状态", state},
	}
}

func fmtDate(t time.Time) string { return t.Format("2006-01-02") }

// classes are the class codes in printing order.
func (b *builder) classes() []string { return b.c.ByClass.Keys(b.s.Classes) }

func (b *builder) classCategory() *Table {
	cls := b.classes()
	t := &Table{Title: "一、按信息类别与等级统计", Header: []string{"信息类别"}, Widths: []float64{24}, TotalRow: true}
	for _, c := range cls {
		t.Header, t.Widths = append(t.Header, b.l.Class(c)), append(t.Widths, 10)
	}
	t.Header, t.Widths = append(t.Header, "合计"), append(t.Widths, 10)
	for _, cat := range b.c.ByCategory.Keys(b.s.Categories) {
		row := []Value{T(b.l.Category(cat))}
		for _, c := range cls {
			row = append(row, N(b.c.Matrix[[2]string{c, cat}]))
		}
		t.Rows = append(t.Rows, append(row, N(b.c.ByCategory[cat])))
	}
	total := []Value{T("合计")}
	for _, c := range cls {
		total = append(total, N(b.c.ByClass[c]))
	}
	t.Rows = append(t.Rows, append(total, N(b.c.Total)))
	return t
}

// share is a table of counts with their share of the total.
func (b *builder) share(title, what string, t Tally, keys []string, label func(string) string) *Table {
	tb := &Table{Title: title, Header: []string{what, "数量", "占比"}, Widths: []float64{24, 10, 10}, TotalRow: true}
	for _, k := range keys {
		tb.Rows = append(tb.Rows, []Value{T(label(k)), N(t[k]), P(ratio(t[k], b.c.Total))})
	}
	tb.Rows = append(tb.Rows, []Value{T("合计"), N(b.c.Total), P(ratio(b.c.Total, b.c.Total))})
	return tb
}

func (b *builder) channels() *Table {
	return b.share("二、按信息渠道统计", "信息渠道", b.c.ByChannel, b.c.ByChannel.Keys(b.s.Channels), b.l.Channel)
}

func (b *builder) reporters() *Table {
	return b.share("三、按报告部门统计", "报告部门", b.c.ByReporter, b.c.ByReporter.Keys(b.s.Departments), same)
}

func same(s string) string { return s }

// involved counts entries per involved department; one entry may involve
// several, so the column does not add up to the total.
func (b *builder) involved() *Table {
	t := &Table{Title: "四、按涉及部门统计", Header: []string{"涉及部门", "涉及条数", "占本季度总数"}, Widths: []float64{24, 10, 12}}
	for _, d := range b.c.ByInvolved.Keys(b.s.Departments) {
		t.Rows = append(t.Rows, []Value{T(d), N(b.c.ByInvolved[d]), P(ratio(b.c.ByInvolved[d], b.c.Total))})
	}
	return t
}

func (b *builder) timeliness() *Table {
	t := &Table{Title: "五、处理及时性（按各等级处理时限）", TotalRow: true,
		Header: []string{"等级", "时限(天)", "总数", "已关闭", "未结", "超期", "按时关闭", "关闭率"},
		Widths: []float64{12, 9, 8, 8, 8, 8, 9, 9}}
	for _, c := range b.classes() {
		r := b.c.Class(c, b.s.Deadlines)
		t.Rows = append(t.Rows, []Value{T(b.l.Class(c)), N(r.Deadline), N(r.Total), N(r.Closed),
			N(r.Open), N(r.Overdue), N(r.OK), P(ratio(r.Closed, r.Total))})
	}
	c := b.c
	t.Rows = append(t.Rows, []Value{T("合计"), T(""), N(c.Total), N(c.Closed), N(c.Open), N(c.Overdue), N(c.Timely), P(c.ClosureRate())})
	return t
}

// notes are the footnotes: what is counted and what is not.
func (b *builder) notes() []string {
	n := []string{
		"状态、超期均按统计截至日计算，与同日的 " + b.o.LedgerCode + " 质量信息台帐一致；超期指超过该等级处理时限仍未关闭或逾期关闭。",
		"作废编号不计入统计：本季度作废 " + N(b.c.Void).String() + " 个；预留未用编号（" + N(b.s.ReservedUnused).String() + " 个）尚无接收日期，不属于任何季度，亦不计入。",
		"处理天数为接收日期至关闭日期的天数，只计已关闭的信息；一条信息可涉及多个部门，故“按涉及部门统计”各行之和可大于总数。",
	}
	if b.s.Provisional {
		n = append(n, "本季度尚未结束，本表为临时统计（未结），季度结束后应重新生成。")
	}
	return n
}
