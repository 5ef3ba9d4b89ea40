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

// cellFunc returns a cell's value.
type cellFunc func(r *rowCtx) value

// value is a cell's value: text, a whole number, or a date (the zero date
// is an empty cell). A struct rather than an any, which would allocate for
// every cell of every row.
type value struct {
	kind valueKind
	s    string
	n    int
	t    time.Time
}

type valueKind uint8

const (
	textKind valueKind = iota
	numberKind
	dateKind
)

func text(s string) value    { return value{kind: textKind, s: s} }
func number(n int) value     { return value{kind: numberKind, n: n} }
func date(t time.Time) value { return value{kind: dateKind, t: t} }

// cellFuncs maps a layout column key to its value; layouts may use only these.
var cellFuncs = map[string]cellFunc{
	"seq":         func(r *rowCtx) value { return number(r.seq) },
	"number":      func(r *rowCtx) value { return text(r.e.Serial) },
	"received":    func(r *rowCtx) value { return date(r.e.Received) },
	"channel":     func(r *rowCtx) value { return text(r.opt.Labels.Channel(r.e.Channel)) },
	"category":    func(r *rowCtx) value { return text(r.opt.Labels.Category(r.e.Category)) },
	"class":       func(r *rowCtx) value { return text(r.opt.Labels.Class(r.e.Class)) },
	"title":       func(r *rowCtx) value { return text(r.e.Title) },
	"content":     func(r *rowCtx) value { return text(r.e.Content) },
	"reporter":    func(r *rowCtx) value { return text(r.e.Reporter) },
	"departments": func(r *rowCtx) value { return text(strings.Join(r.e.Departments, r.w.List)) },
	"measures":    func(r *rowCtx) value { return text(r.e.Measures) },
	"feedback":    func(r *rowCtx) value { return text(r.e.Feedback) },
	"status":      func(r *rowCtx) value { return text(r.opt.Labels.Status(r.e.Status)) },
	"closed":      func(r *rowCtx) value { return date(r.e.Closed) },
	"remarks":     remarksCell,
	"deadline":    deadlineCell,
	"overdue":     overdueCell,
	"registered":  func(r *rowCtx) value { return date(r.e.Registered) },
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
func remarksCell(r *rowCtx) value {
	if !r.e.Void || r.e.VoidReason == "" {
		return text(r.e.Remarks)
	}
	s := r.w.VoidReason + r.e.VoidReason
	if r.e.Remarks != "" {
		s += r.w.Separator + r.e.Remarks
	}
	return text(s)
}

func deadlineCell(r *rowCtx) value {
	if r.e.Void || r.e.Reserved {
		return date(time.Time{})
	}
	dl, _ := r.e.Deadline(r.opt.Deadlines)
	return date(dl)
}

// overdueCell is 是 or 否 where a deadline applies, so the column filters
// cleanly; blank where none does (void, reserved, class without deadline).
func overdueCell(r *rowCtx) value {
	if _, ok := r.e.Deadline(r.opt.Deadlines); !ok || r.e.Void || r.e.Reserved {
		return text("")
	}
	if r.overdue {
		return text(r.w.Yes)
	}
	return text(r.w.No)
}

func flagsCell(r *rowCtx) value {
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
	return text(strings.Join(f, r.w.List))
}

// cellText is the text a value prints as, for row-height estimates.
func cellText(v value) string {
	switch v.kind {
	case textKind:
		return v.s
	case dateKind:
		return record.FormatDate(v.t)
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
