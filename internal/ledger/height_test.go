package ledger

import (
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/width"
)

func TestTextLines(t *testing.T) {
	cases := []struct {
		text  string
		width float64
		want  int
	}{
		{"", 10, 1},
		{"short", 10, 1},
		{"一二三四", 9, 1},        // 8 units in 8 usable
		{"一二三四五", 9, 2},       // 10 units
		{"一二三四五六七八九十", 11, 2}, // 20 units in 10 usable
		{"a\nb\nc", 10, 3},
		{"hello world", 8, 2},           // words move whole
		{"abcdefghijklmnopqrst", 11, 2}, // a word longer than a line is split
		{"“引号”", 5, 2},                  // ambiguous punctuation counts double
		{strings.Repeat("长", 2000), 31, 134},
	}
	for _, c := range cases {
		if got := textLines(c.text, c.width); got != c.want {
			t.Errorf("textLines(%.20q, %v) = %d, want %d", c.text, c.width, got, c.want)
		}
	}
}

func TestRowHeight(t *testing.T) {
	if h := rowHeight(1, 10); h != 17.5 {
		t.Errorf("one line = %v", h)
	}
	if h := rowHeight(3, 10); h <= rowHeight(2, 10) {
		t.Errorf("3 lines %v not taller than 2", h)
	}
	if h := rowHeight(1000, 10); h != maxRowHeight {
		t.Errorf("capped height = %v", h)
	}
}

// The fast paths of runeUnits and isSpace must agree with the tables.
func TestRuneUnitsFastPaths(t *testing.T) {
	for r := rune(cjkFirst); r <= cjkLast; r++ {
		if k := width.LookupRune(r).Kind(); k != width.EastAsianWide {
			t.Fatalf("%U is %v, not East Asian Wide", r, k)
		}
	}
	for r := rune(0x3001); r <= unicode.MaxRune; r++ {
		if unicode.IsSpace(r) {
			t.Fatalf("%U is a space", r)
		}
	}
}
