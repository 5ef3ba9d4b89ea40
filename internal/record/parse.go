package record

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Rules turn raw intake values into an Entry and say what is wrong with them.
type Rules struct {
	Category, Channel, Class, Status *Vocab
	Depts                            *Departments
	Today                            time.Time
}

// Problem is one thing wrong with one field of one row; Field "" is the row.
type Problem struct {
	Field string
	Value string
	Msg   string
}

// Limits on free text, so a pasted document does not become a field.
const (
	MaxTitle = 500
	MaxText  = 20000
)

var required = []string{"received", "channel", "category", "class", "title", "content", "reporter", "departments"}

// Parse builds an entry from raw values keyed by field and collects every
// problem instead of stopping at the first.
func (r *Rules) Parse(v map[string]string) (Entry, []Problem) {
	p := &parser{r: r, v: v}
	e := Entry{Serial: Clean(v["number"])}
	for _, f := range required {
		if strings.TrimSpace(v[f]) == "" {
			p.add(f, "", "必填，不能为空")
		}
	}
	e.Received = p.date("received")
	e.Closed = p.date("closed")
	e.Channel = p.vocab("channel", r.Channel)
	e.Category = p.vocab("category", r.Category)
	e.Class = p.vocab("class", r.Class)
	e.Status = p.vocab("status", r.Status)
	e.Title = p.text("title", MaxTitle)
	e.Content = p.text("content", MaxText)
	e.Measures = p.text("measures", MaxText)
	e.Feedback = p.text("feedback", MaxText)
	e.Remarks = p.text("remarks", MaxText)
	e.Reporter = p.dept("reporter")
	e.Departments = p.depts("departments")
	p.checkDates(&e)
	p.checkStatus(&e)
	p.checkClass(&e)
	return e, p.probs
}

type parser struct {
	r     *Rules
	v     map[string]string
	probs []Problem
}

func (p *parser) add(field, value, msg string) {
	p.probs = append(p.probs, Problem{Field: field, Value: value, Msg: msg})
}

func (p *parser) date(f string) time.Time {
	s := p.v[f]
	t, err := ParseDate(s)
	if err != nil {
		p.add(f, s, "不是有效日期，请写成 2026-07-03、2026/7/3 或 2026年7月3日")
	}
	return t
}

func (p *parser) vocab(f string, v *Vocab) string {
	s := strings.TrimSpace(p.v[f])
	if s == "" {
		return ""
	}
	c, ok := v.Lookup(s)
	if !ok {
		p.add(f, s, "不是有效值，应为："+v.Hint())
	}
	return c
}

func (p *parser) text(f string, max int) string {
	s := strings.TrimSpace(p.v[f])
	if n := utf8.RuneCountInString(s); n > max {
		p.add(f, s[:min(len(s), 30)]+"…", fmt.Sprintf("太长（%d 字），最多 %d 字；请把长文放入附件", n, max))
	}
	return s
}

func (p *parser) dept(f string) string {
	s := strings.TrimSpace(p.v[f])
	if s == "" {
		return ""
	}
	n, ok := p.r.Depts.Lookup(s)
	if !ok {
		p.add(f, s, "不是已配置的部门，应为："+strings.Join(p.r.Depts.Names(), "、"))
	}
	return n
}

func (p *parser) depts(f string) []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range SplitDepartments(p.v[f]) {
		n, ok := p.r.Depts.Lookup(s)
		if !ok {
			p.add(f, p.v[f], fmt.Sprintf("其中「%s」不是已配置的部门，应为：%s", s, strings.Join(p.r.Depts.Names(), "、")))
			continue
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}

func (p *parser) checkDates(e *Entry) {
	if !e.Received.IsZero() && e.Received.After(p.r.Today) {
		p.add("received", FormatDate(e.Received), "接收日期不能晚于今天（"+FormatDate(p.r.Today)+"）")
	}
	if !e.Closed.IsZero() && !e.Received.IsZero() && e.Closed.Before(e.Received) {
		p.add("closed", FormatDate(e.Closed), "关闭日期早于接收日期（"+FormatDate(e.Received)+"）")
	}
	if !e.Closed.IsZero() && e.Closed.After(p.r.Today) {
		p.add("closed", FormatDate(e.Closed), "关闭日期不能晚于今天（"+FormatDate(p.r.Today)+"）")
	}
}

func (p *parser) checkStatus(e *Entry) {
	switch {
	case e.Status == "" && !e.Closed.IsZero():
		e.Status = "closed"
	case e.Status == "":
		e.Status = "open"
	case e.Status == "closed" && e.Closed.IsZero() && p.v["closed"] == "":
		p.add("closed", "", "状态为已关闭时必须填写关闭日期")
	case e.Status != "closed" && !e.Closed.IsZero():
		p.add("status", p.v["status"], "填写了关闭日期，状态应为已关闭")
	}
}

func (p *parser) checkClass(e *Entry) {
	n := len(e.Departments)
	if n == 0 || e.Class == "" {
		return
	}
	label := p.r.Class.Label(e.Class)
	switch {
	case e.Class == "C" && n != 1:
		p.add("class", label, fmt.Sprintf("C类信息只涉及一个部门，但涉及部门列了 %d 个；请改为B类，或只保留一个部门", n))
	case e.Class == "B" && n < 2:
		p.add("class", label, "B类信息涉及两个及以上部门，但涉及部门只有一个；请改为C类，或补全涉及部门")
	case e.Class == "A" && n < 2:
		p.add("class", label, "A类信息对公司有重大影响、由各部门协同处理，涉及部门至少应列两个")
	}
}

// Key is the identity of an entry without a serial: received date,
// reporter, title and content after normalising. Same key = same entry.
func (e *Entry) Key() string {
	h := sha256.New()
	for _, s := range []string{FormatDate(e.Received), Fold(e.Reporter), Clean(e.Title), Clean(e.Content)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Digest hashes every user-facing field, so an unchanged row is found
// without comparing field by field.
func (e *Entry) Digest() string {
	h := sha256.New()
	for _, s := range e.Values() {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// Values returns the user-facing fields as stored text, in Fields order
// (number excluded: it is the identity, not a value).
func (e *Entry) Values() []string {
	return []string{
		FormatDate(e.Received), e.Channel, e.Category, e.Class, e.Title, e.Content,
		e.Reporter, strings.Join(e.Departments, "、"), e.Measures, e.Feedback,
		e.Status, FormatDate(e.Closed), e.Remarks,
	}
}

// ValueFields names the entries of Values.
var ValueFields = Fields[1:]

// NearTitle reports whether two titles are near-identical: equal once
// punctuation and spaces are dropped, or one contains the other.
func NearTitle(a, b string) bool { return NearBare(BareTitle(a), BareTitle(b)) }

// NearBare is NearTitle of two titles already passed through BareTitle,
// for callers that compare one title with many.
func NearBare(a, b string) bool {
	if a == "" || b == "" {
		return false
	}
	return a == b || strings.Contains(a, b) || strings.Contains(b, a)
}

// BareTitle is a title as NearTitle compares it: folded, words only.
func BareTitle(s string) string {
	var sb strings.Builder
	for _, r := range Fold(s) {
		if isWordRune(r) {
			sb.WriteRune(r)
		}
	}
	return sb.String()
}
