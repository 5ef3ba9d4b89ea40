// Package record holds the domain's records — quality-information entries —
// their vocabularies, and the rules that make an entry valid.
package record

import "time"

// Entry is one quality-information entry (质量信息). Dates are civil dates
// held as UTC midnight; the zero time means "not given".
type Entry struct {
	Serial      string    // 编号, e.g. LDMD-FM-30-2026-0001; empty until numbered
	Year        int       // the serial's year (year received)
	Seq         int       // the serial's sequence within its year
	Received    time.Time // 接收日期
	Channel     string    // canonical code: policy, internal, external
	Category    string    // canonical code: regulation … customer
	Class       string    // A, B or C
	Title       string    // 标题
	Content     string    // 内容
	Reporter    string    // 报告部门
	Departments []string  // 涉及部门, in the order given
	Measures    string    // 处理措施
	Feedback    string    // 反馈结果
	Status      string    // canonical code: open, processing, awaiting, closed
	Closed      time.Time // 关闭日期
	Remarks     string    // 备注

	Registered time.Time // the date the serial was given (printed as issue date)
	Late       bool      // 补登: registered after a later-received entry of its year
	Void       bool      // 作废
	VoidReason string
	Reserved   bool // 预留: a serial reserved for a blank form, not yet filled
	Archived   bool // 已归档: a signed scan of its form is filed in the archive
}

// Fields lists the entry's user-facing fields in ledger/intake order, by
// their English key. Used by intake headers, audit rows and the ledger.
var Fields = []string{
	"number", "received", "channel", "category", "class", "title", "content",
	"reporter", "departments", "measures", "feedback", "status", "closed", "remarks",
}

// FieldLabels are the Chinese column names for Fields.
var FieldLabels = map[string]string{
	"number": "编号", "received": "接收日期", "channel": "信息渠道", "category": "信息类别",
	"class": "等级", "title": "标题", "content": "内容", "reporter": "报告部门",
	"departments": "涉及部门", "measures": "处理措施", "feedback": "反馈结果",
	"status": "状态", "closed": "关闭日期", "remarks": "备注",
}

// Deadline returns the date by which an entry of this class must be closed,
// given per-class deadlines in days. ok is false when the class has none.
func (e *Entry) Deadline(days map[string]int) (time.Time, bool) {
	d, ok := days[e.Class]
	if !ok || e.Received.IsZero() {
		return time.Time{}, false
	}
	return e.Received.AddDate(0, 0, d), true
}

// Overdue reports whether the entry missed its class deadline as of today:
// closed after the deadline, or still open past it.
func (e *Entry) Overdue(days map[string]int, today time.Time) bool {
	if e.Void || e.Reserved {
		return false
	}
	dl, ok := e.Deadline(days)
	if !ok {
		return false
	}
	if !e.Closed.IsZero() {
		return e.Closed.After(dl)
	}
	return today.After(dl)
}

// HandlingDays is the number of days from received to closed, or -1 while open.
func (e *Entry) HandlingDays() int {
	if e.Closed.IsZero() || e.Received.IsZero() {
		return -1
	}
	return int(e.Closed.Sub(e.Received).Hours() / 24)
}
