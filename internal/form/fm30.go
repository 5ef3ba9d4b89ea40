package form

import (
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// Labels turns the canonical codes of an entry into the Chinese labels
// printed on forms (the workspace may rename them in config.yaml).
type Labels interface {
	Category(code string) string
	Channel(code string) string
	Class(code string) string
	Status(code string) string
}

// VocabLabels adapts the workspace's vocabularies (config.Vocabs) to Labels.
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

// FM30Data is the 信息传递反馈单 of entry e. Field names match
// templates/fm30.yaml. The issue date is the day the serial was registered,
// so a form rendered again later is the same form. FormCode is left for the
// caller, who knows the workspace prefix: d.FormCode = cfg.FormCode(l.Code).
func FM30Data(e *record.Entry, company string, labels Labels) Data {
	f := map[string]string{
		"received":    date(e.Received),
		"channel":     labels.Channel(e.Channel),
		"category":    labels.Category(e.Category),
		"class":       labels.Class(e.Class),
		"status":      labels.Status(e.Status),
		"title":       e.Title,
		"content":     e.Content,
		"reporter":    e.Reporter,
		"departments": strings.Join(e.Departments, "、"),
		"measures":    e.Measures,
		"feedback":    e.Feedback,
		"closed":      date(e.Closed),
		"remarks":     remarks(e),
	}
	for k, v := range f {
		if v == "" {
			delete(f, k)
		}
	}
	return Data{Serial: e.Serial, Company: company, IssueDate: date(e.Registered), Fields: f}
}

// remarks adds the entry's standing marks to its remarks, so a late or
// void form says so on paper.
func remarks(e *record.Entry) string {
	var marks []string
	if e.Void {
		marks = append(marks, strings.TrimSuffix("作废："+e.VoidReason, "："))
	}
	if e.Late {
		marks = append(marks, "补登")
	}
	if e.Remarks != "" {
		marks = append(marks, e.Remarks)
	}
	return strings.Join(marks, "；")
}

// date prints a civil date as 2006-01-02; the zero time prints nothing.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}
