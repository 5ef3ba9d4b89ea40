package ledger

import (
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// rowCtx is what a column needs to compute its cell for one entry.
type rowCtx struct {
	e       *record.Entry
	seq     int
	opt     *Options
	w       *Words
	overdue bool
}

// cellFunc returns a cell's value: a string, an int, or a time.Time (the
// zero time is an empty cell).
type cellFunc func(r *rowCtx) any

// cellFuncs maps a layout column key to its value; layouts may use only these.
var cellFuncs = map[string]cellFunc{
	"seq":         func(r *rowCtx) any { return r.seq },
	"number":      func(r *rowCtx) any { return r.e.Serial },
	"received":    func(r *rowCtx) any { return r.e.Received },
	"channel":     func(r *rowCtx) any { return r.opt.Labels.Channel(r.e.Channel) },
	"category":    func(r *rowCtx) any { return r.opt.Labels.Category(r.e.Category) },
	"class":       func(r *rowCtx) any { return r.opt.Labels.Class(r.e.Class) },
	"title":       func(r *rowCtx) any { return r.e.Title },
	"content":     func(r *rowCtx) any { return r.e.Content },
	"reporter":    func(r *rowCtx) any { return r.e.Reporter },
	"departments": func(r *rowCtx) any { return strings.Join(r.e.Departments, r.w.List) },
	"measures":    func(r *rowCtx) any { return r.e.Measures },
	"feedback":    func(r *rowCtx) any { return r.e.Feedback },
	"status":      func(r *rowCtx) any { return r.opt.Labels.Status(r.e.Status) },
	"closed":      func(r *rowCtx) any { return r.e.Closed },
	"remarks":     remarksCell,
	"deadline":    deadlineCell,
	"overdue":     overdueCell,
	"registered":  func(r *rowCtx) any { return r.e.Registered },
	"flags":       flagsCell,
}

// columnKeys lists the keys in the order the template documents them, for
// error messages.
var columnKeys = []string{
	"seq", "number", "received", "channel", "category", "class", "title", "content",
	"reporter", "departments", "measures", "feedback", "status", "closed", "remarks",
	"deadline", "overdue", "registered", "flags",
}

// remarksCell shows the void reason with the remarks: an inspector reading
// 作废 on paper must also see why.
func remarksCell(r *rowCtx) any {
	if !r.e.Void || r.e.VoidReason == "" {
		return r.e.Remarks
	}
	s := r.w.VoidReason + r.e.VoidReason
	if r.e.Remarks != "" {
		s += r.w.Separator + r.e.Remarks
	}
	return s
}

func deadlineCell(r *rowCtx) any {
	if r.e.Void || r.e.Reserved {
		return time.Time{}
	}
	dl, _ := r.e.Deadline(r.opt.Deadlines)
	return dl
}

// overdueCell is 是 or 否 where a deadline applies, so the column filters
// cleanly; blank where none does (void, reserved, class without deadline).
func overdueCell(r *rowCtx) any {
	if _, ok := r.e.Deadline(r.opt.Deadlines); !ok || r.e.Void || r.e.Reserved {
		return ""
	}
	if r.overdue {
		return r.w.Yes
	}
	return r.w.No
}

func flagsCell(r *rowCtx) any {
	var f []string
	if r.e.Late {
		f = append(f, r.w.Late)
	}
	if r.e.Void {
		f = append(f, r.w.Void)
	}
	if r.e.Reserved {
		f = append(f, r.w.Reserved)
	}
	if r.e.Archived {
		f = append(f, r.w.Archived)
	}
	return strings.Join(f, r.w.List)
}

// cellText is the text a value prints as, for row-height estimates.
func cellText(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case time.Time:
		return record.FormatDate(v)
	}
	return ""
}

// codeLabels is the Labels used when the caller gives none: codes as is.
type codeLabels struct{}

func (codeLabels) Category(c string) string { return c }
func (codeLabels) Channel(c string) string  { return c }
func (codeLabels) Class(c string) string    { return c }
func (codeLabels) Status(c string) string   { return c }

// VocabLabels adapts the configured vocabularies to Labels.
type VocabLabels struct {
	Categories, Channels, Classes, Statuses *record.Vocab
}

func (v VocabLabels) Category(c string) string { return vocabLabel(v.Categories, c) }
func (v VocabLabels) Channel(c string) string  { return vocabLabel(v.Channels, c) }
func (v VocabLabels) Class(c string) string    { return vocabLabel(v.Classes, c) }
func (v VocabLabels) Status(c string) string   { return vocabLabel(v.Statuses, c) }

func vocabLabel(v *record.Vocab, code string) string {
	if v == nil {
		return code
	}
	return v.Label(code)
}
