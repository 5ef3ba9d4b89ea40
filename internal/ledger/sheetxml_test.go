package ledger

import (
	"bufio"
	"encoding/xml"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

func escaped(s string) string {
	var b strings.Builder
	w := bufio.NewWriter(&b)
	escapeText(w, s)
	w.Flush()
	return b.String()
}

// escapeRef is escapeText spelt out the slow way: encoding/xml's escaping
// with newlines kept, as excelize does, then _x005F_ before every
// underscore that starts an escape.
func escapeRef(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	e := strings.ReplaceAll(b.String(), "&#xA;", "\n")
	var out strings.Builder
	for i := 0; i < len(e); i++ {
		if e[i] == '_' && i+7 <= len(e) && e[i+1] == 'x' && e[i+6] == '_' && isHex(e[i+2:i+6]) {
			out.WriteString("_x005F")
		}
		out.WriteByte(e[i])
	}
	return out.String()
}

func isHex(s string) bool {
	_, err := strconv.ParseUint(s, 16, 16)
	return err == nil
}

// unescapeRef reads cell text back as excelize and Excel do: XML first,
// then _xHHHH_ escapes left to right.
func unescapeRef(t *testing.T, s string) string {
	t.Helper()
	var v struct {
		T string `xml:",chardata"`
	}
	if err := xml.Unmarshal([]byte("<t>"+s+"</t>"), &v); err != nil {
		t.Fatalf("not well-formed XML text %q: %v", s, err)
	}
	var out strings.Builder
	for i := 0; i < len(v.T); {
		if e := v.T[i:]; len(e) >= 7 && e[0] == '_' && e[1] == 'x' && e[6] == '_' && isHex(e[2:6]) {
			n, _ := strconv.ParseUint(e[2:6], 16, 16)
			out.WriteRune(rune(n))
			i += 7
			continue
		}
		out.WriteByte(v.T[i])
		i++
	}
	return out.String()
}

// sanitized is s with what XML cannot hold (invalid UTF-8 byte by byte,
// control characters, U+FFFE, U+FFFF) as U+FFFD, which is what a cell
// keeps of it.
func sanitized(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			r = utf8.RuneError
		}
		b.WriteRune(r)
		i += n
	}
	return b.String()
}

var escapeCases = []struct{ in, want string }{
	{"", ""},
	{"质量信息", "质量信息"},
	{`<a href="x">&'`, "&lt;a href=&#34;x&#34;&gt;&amp;&#39;"},
	{"a\tb\r\nc", "a&#x9;b&#xD;\nc"},
	{"\x00\x01\x0b\x1f", "\uFFFD\uFFFD\uFFFD\uFFFD"},
	{"\uFFFE\uFFFF\uFFFD", "\uFFFD\uFFFD\uFFFD"},
	{"a\xffb\xe4\xb8", "a\uFFFDb\uFFFD\uFFFD"}, // invalid UTF-8: one U+FFFD a byte
	{"😀", "😀"},
	{"_x0041_", "_x005F_x0041_"},
	{"_x005F_", "_x005F_x005F_"},
	{"_x005F_x0041_", "_x005F_x005F_x005F_x0041_"},
	{"_x0041_x0042_", "_x005F_x0041_x005F_x0042_"}, // excelize: _x005F_x0041_x0042_, which reads back as _x0041B
	{"_xD800_", "_x005F_xD800_"},                   // excelize drops it
	{"_x41_ _xZZZZ_ x0041_ _x0041", "_x41_ _xZZZZ_ x0041_ _x0041"},
	{"a_x0041_\xff", "a_x005F_x0041_\uFFFD"},
}

func TestEscapeText(t *testing.T) {
	for _, c := range escapeCases {
		if got := escaped(c.in); got != c.want {
			t.Errorf("escapeText(%q) = %q, want %q", c.in, got, c.want)
		}
		if ref := escapeRef(c.in); c.in != "_x0041_x0042_" && c.in != "_xD800_" && ref != c.want {
			t.Errorf("reference(%q) = %q, want %q", c.in, ref, c.want)
		}
		if got := unescapeRef(t, escaped(c.in)); got != sanitized(c.in) {
			t.Errorf("%q reads back as %q", c.in, got)
		}
	}
}

// FuzzEscapeText checks escapeText against the slow reference, and that
// the text reads back as written, less what XML cannot hold.
func FuzzEscapeText(f *testing.F) {
	for _, c := range escapeCases {
		f.Add(c.in)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := escaped(s)
		if ref := escapeRef(s); got != ref {
			t.Fatalf("escapeText(%q) = %q, reference %q", s, got, ref)
		}
		if back := unescapeRef(t, got); back != sanitized(s) {
			t.Fatalf("%q reads back as %q", s, back)
		}
	})
}

func TestTruncateUTF16(t *testing.T) {
	cases := []struct {
		in   string
		n    int
		want string
	}{
		{"abc", 3, "abc"},
		{"abcd", 3, "abc"},
		{"长长长长", 3, "长长长"},
		{"a😀b", 2, "a"}, // the emoji is two units and does not fit
		{"a😀b", 3, "a😀"},
	}
	for _, c := range cases {
		if got := truncateUTF16(c.in, c.n); got != c.want {
			t.Errorf("truncateUTF16(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}

// excelSerial must give the number excelize gives for the same time.
func TestExcelSerial(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	times := []time.Time{
		time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 2, 28, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC),
		time.Date(1900, 2, 28, 23, 59, 59, 999999999, time.UTC),
		time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 7, 1, 12, 0, 0, 0, time.UTC),
		time.Date(2026, 7, 1, 23, 30, 0, 0, cst), // the wall clock counts, not UTC
		time.Date(2099, 12, 31, 6, 0, 0, 1, time.UTC),
	}
	f := excelize.NewFile()
	defer f.Close()
	for _, tm := range times {
		if err := f.SetCellValue("Sheet1", "A1", tm); err != nil {
			t.Fatal(err)
		}
		want, _ := f.GetCellValue("Sheet1", "A1", excelize.Options{RawCellValue: true})
		got, ok := excelSerial(tm)
		if !ok || strconv.FormatFloat(got, 'f', -1, 64) != want {
			t.Errorf("excelSerial(%v) = %v %v, excelize %s", tm, got, ok, want)
		}
	}
	for _, tm := range []time.Time{time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), time.Date(1800, 5, 1, 0, 0, 0, 0, time.UTC)} {
		if s, ok := excelSerial(tm); ok {
			t.Errorf("excelSerial(%v) = %v, want none", tm, s)
		}
	}
}

func TestColumnName(t *testing.T) {
	for n, want := range map[int]string{1: "A", 19: "S", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA"} {
		if got := columnName(n); got != want {
			t.Errorf("columnName(%d) = %q, want %q", n, got, want)
		}
	}
}
