package form

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Data is what one printed form says: the fixed facts every page carries
// and a generic map of fields, so one engine fills FM-30, the revision
// request and the training request alike. Lists hold repeated rows, e.g.
// Lists["recall"] = one map per department.
type Data struct {
	Serial    string // 编号, printed on every page
	Company   string
	IssueDate string // 签发日期, e.g. the date the serial was registered
	FormCode  string // e.g. LDMD-FM-30; empty = the layout's code unprefixed
	Fields    map[string]string
	Lists     map[string][]map[string]string
	Stamp     *Stamp // document-control mark on every page; nil for none
}

// Stamp is a document-control mark (issue 5), printed as a bordered box at
// the top right of every page, beside the title and clear of every cell:
// 作废 on copies of a superseded version, 受控 with the copy number and
// holder on controlled ones.
type Stamp struct {
	Text  string // the mark itself, large: "作废", "受控"
	Sub   string // a small line under it, e.g. "第 3 份 仓储部"; may be empty
	Color RGB    // border and text; the zero value is red
}

// BlankData is a pre-numbered blank form: serial and furniture only, every
// field empty for handwriting.
func BlankData(serial, company, issueDate, formCode string) Data {
	return Data{Serial: serial, Company: company, IssueDate: issueDate, FormCode: formCode}
}

// scope resolves placeholders for one page of one form.
type scope struct {
	l           *Layout
	d           *Data
	page, pages int
}

// value returns the text of a placeholder or field name. The names of the
// form's own facts are reserved; every other name is a field.
func (s scope) value(name string) string {
	switch name {
	case "serial":
		return s.d.Serial
	case "company":
		return s.d.Company
	case "issue_date":
		return s.d.IssueDate
	case "form_code":
		if s.d.FormCode != "" {
			return s.d.FormCode
		}
		return s.l.Code
	case "form_version":
		return s.l.Version
	case "form_title":
		return s.l.Title
	case "page":
		return strconv.Itoa(s.page)
	case "pages":
		return strconv.Itoa(s.pages)
	}
	return s.d.Fields[name]
}

// expand replaces {name} and {fmt:name} in t. Formats: ymd and md print a
// date as 2026 年 7 月 3 日 / 7 月 3 日, or leave blanks to write in by hand
// when the field is empty; sign prints a name, or room to sign.
func (s scope) expand(t string) string { return replaceBraces(t, s.placeholder) }

// replaceBraces replaces each {name} of t with f(name).
func replaceBraces(t string, f func(name string) string) string {
	if !strings.Contains(t, "{") {
		return t
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		j := strings.IndexByte(t[max(i, 0):], '}')
		if i < 0 || j < 0 {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		b.WriteString(f(t[i+1 : i+j]))
		t = t[i+j+1:]
	}
}

func (s scope) placeholder(p string) string {
	format, name, ok := strings.Cut(p, ":")
	if !ok {
		return s.value(p)
	}
	v := s.value(name)
	if format == "sign" {
		return or(v, "　　　　　　")
	}
	return formatDate(format, v)
}

// formats are the placeholder formats expand knows.
var formats = map[string]bool{"ymd": true, "md": true, "sign": true}

// eachPlaceholder calls fn with the format and name of every {…} in t.
func eachPlaceholder(t string, fn func(format, name string)) {
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			return
		}
		j := strings.IndexByte(t[i:], '}')
		if j < 0 {
			return
		}
		format, name, ok := strings.Cut(t[i+1:i+j], ":")
		if !ok {
			format, name = "", format
		}
		fn(format, name)
		t = t[i+j+1:]
	}
}

// formatDate prints an ISO date (2006-01-02) in the form's Chinese style;
// other values print as given.
func formatDate(format, v string) string {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(v))
	switch {
	case v == "" && format == "md":
		return "    月    日"
	case v == "":
		return "      年    月    日"
	case err != nil:
		return v
	case format == "md":
		return strconv.Itoa(int(t.Month())) + " 月 " + strconv.Itoa(t.Day()) + " 日"
	}
	return strconv.Itoa(t.Year()) + " 年 " + strconv.Itoa(int(t.Month())) + " 月 " + strconv.Itoa(t.Day()) + " 日"
}

// clean makes user text printable: CR LF and CR become newlines, tabs
// spaces, other control characters and invalid UTF-8 go.
func clean(s string) string {
	if isClean(s) {
		return s
	}
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\r':
			return '\n'
		case r == '\t':
			return ' '
		case unicode.IsControl(r), r == utf8.RuneError:
			return -1
		}
		return r
	}, s)
}

func isClean(s string) bool {
	for _, r := range s {
		if r < 0x20 && r != '\n' || r == 0x7F || r >= 0x80 && r < 0xA0 || r == utf8.RuneError {
			return false
		}
	}
	return true
}
