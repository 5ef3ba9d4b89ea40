package form

import (
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// Labels turns the canonical codes of an entry into the labels printed on
// forms: Chinese, English or both, as the workspace's language asks (the
// workspace may rename them in config.yaml).
type Labels interface {
	Category(code string) string
	Channel(code string) string
	Class(code string) string
	Status(code string) string
}

// FM30Data is the 信息传递反馈单 of entry e. Field names match
// templates/fm30.yaml. The issue date is the day the serial was registered,
// so a form rendered again later is the same form. FormCode is left for the
// caller, who knows the workspace prefix: d.FormCode = cfg.FormCode(l.Code).
// The marks and separators it adds are Chinese; see FM30DataWords.
func FM30Data(e *record.Entry, company string, labels Labels) Data {
	return FM30DataWords(e, company, labels, ChineseWords, nil)
}

// FM30DataWords is FM30Data with the words of the layout it is printed on
// (Layout.Words), so an English form says "Void" and "Late", and with the
// workspace's departments (all), to whom an A-class form goes (seed §6:
// A-class information is handled jointly, its form goes to every department).
func FM30DataWords(e *record.Entry, company string, labels Labels, w Words, all []string) Data {
	w = w.withDefaults()
	f := map[string]string{
		"received":     date(e.Received),
		"channel":      labels.Channel(e.Channel),
		"category":     labels.Category(e.Category),
		"class":        labels.Class(e.Class),
		"status":       labels.Status(e.Status),
		"title":        e.Title,
		"content":      e.Content,
		"reporter":     e.Reporter,
		"departments":  strings.Join(e.Departments, w.List),
		"distribution": distribution(e, w, all),
		"measures":     e.Measures,
		"feedback":     e.Feedback,
		"closed":       date(e.Closed),
		"remarks":      remarks(e, w),
	}
	for k, v := range f {
		if v == "" {
			delete(f, k)
		}
	}
	return Data{Serial: e.Serial, Company: company, IssueDate: date(e.Registered), Fields: f}
}

// distribution is who receives the form: every department for class A,
// the involved departments otherwise.
func distribution(e *record.Entry, w Words, all []string) string {
	if e.Class == "A" && len(all) > 0 {
		return w.All + strings.Join(all, w.List)
	}
	return strings.Join(e.Departments, w.List)
}

// remarks adds the entry's standing marks to its remarks, so a late or
// void form says so on paper.
func remarks(e *record.Entry, w Words) string {
	var marks []string
	switch {
	case e.Void && e.VoidReason != "":
		marks = append(marks, w.VoidReason+e.VoidReason)
	case e.Void:
		marks = append(marks, w.Void)
	}
	if e.Late {
		marks = append(marks, w.Late)
	}
	if e.Remarks != "" {
		marks = append(marks, e.Remarks)
	}
	return strings.Join(marks, w.Separator)
}

// date prints a civil date as 2006-01-02; the zero time prints nothing.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
