package form

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// testWidth is a simple metric: CJK and full-width 1000, ASCII 500, space 250.
func testWidth(r rune) int {
	switch {
	case r == ' ':
		return 250
	case r < 0x2E80:
		return 500
	default:
		return 1000
	}
}

func TestBreakLines(t *testing.T) {
	tests := []struct {
		name string
		text string
		max  int
		want []string
	}{
		{"fits", "质量信息", 4000, []string{"质量信息"}},
		{"CJK breaks anywhere", "质量信息传递", 4000, []string{"质量信息", "传递"}},
		{"no char dropped at break", "仓储部在日常巡查中发现", 3000, []string{"仓储部", "在日常", "巡查中", "发现"}},
		{"closer never starts a line", "质量信息，传递", 4000, []string{"质量信", "息，传递"}},
		{"two closers move together", "说好了。」然后", 4000, []string{"说好", "了。」然", "后"}},
		{"opener never ends a line", "根据公《制度》", 4000, []string{"根据公", "《制度》"}},
		{"Latin words stay whole", "see LDMD-FM-30 now", 5000, []string{"see", "LDMD-FM-30", "now"}},
		{"spaces kept inside a line", "ab cd ef", 5000, []string{"ab cd ef"}},
		{"spaces dropped at breaks", "abcd  efgh", 4000, []string{"abcd", "efgh"}},
		{"overlong word broken mid-word", "abcdefghij", 2000, []string{"abcd", "efgh", "ij"}},
		{"mixed Latin and CJK", "定为B类，由质管部", 4000, []string{"定为B", "类，由质", "管部"}},
		{"explicit newlines", "第一行\n第二行", 10000, []string{"第一行", "第二行"}},
		{"blank line kept", "甲\n\n乙", 10000, []string{"甲", "", "乙"}},
		{"empty text is one empty line", "", 1000, []string{""}},
		{"indentation kept", "  缩进", 10000, []string{"  缩进"}},
		{"char wider than the line", "质量", 500, []string{"质", "量"}},
		{"percent stays with number", "合格率为 99.5%，达标", 4500, []string{"合格率为", "99.5%，达", "标"}},
		{"quotes glue both ways", "他说“好的”然后", 3000, []string{"他说", "“好的”", "然后"}},
		{"trailing spaces dropped", "ab   ", 5000, []string{"ab"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := breakLines(tt.text, tt.max, testWidth)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("breakLines(%q, %d)\n got %q\nwant %q", tt.text, tt.max, got, tt.want)
			}
			checkLines(t, tt.text, got, tt.max, testWidth)
		})
	}
}

// checkLines asserts the properties every break must keep: the lines are
// the text in order, only spaces and newlines skipped at line boundaries,
// and no line is wider than max unless it is a single character.
func checkLines(t *testing.T, text string, lines []string, max int, width func(rune) int) {
	t.Helper()
	rest := text
	for i, line := range lines {
		if i > 0 {
			rest = strings.TrimLeft(rest, " ")
			rest = strings.TrimPrefix(rest, "\n")
		}
		if !strings.HasPrefix(rest, line) { // indentation wider than a line is dropped
			rest = strings.TrimLeft(rest, " ")
		}
		if !strings.HasPrefix(rest, line) {
			t.Fatalf("line %d %q does not continue the text at %q (text %q)", i, line, rest, text)
		}
		rest = rest[len(line):]
		if w := measure(line, width); w > max && utf8.RuneCountInString(line) > 1 {
			t.Errorf("line %d %q is %d wide, max %d", i, line, w, max)
		}
	}
	if strings.Trim(rest, " \n") != "" {
		t.Errorf("text left over after the last line: %q", rest)
	}
}

var pieces = []string{"质", "量", "信", "息", "，", "。", "、", "（", "）", "《", "》", "“", "”", "…",
	"abc", "LDMD-FM-30", "2026", " ", "  ", "\n", "B", "%", "！", "「", "」"}

func randomText(rng *rand.Rand, pieces []string, n int) string {
	var b strings.Builder
	for range rng.IntN(n) {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// TestBreakLinesProperties throws random mixes of CJK, punctuation, Latin,
// spaces and newlines at the breaker at many widths.
func TestBreakLinesProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 5000 {
		text, max := randomText(rng, pieces, 60), 1000+rng.IntN(12000)
		checkLines(t, text, breakLines(text, max, testWidth), max, testWidth)
	}
}

// TestKinsokuProperty: in a paragraph whose glued pieces all fit a line, no
// line starts with a closer and none but the last ends with an opener.
func TestKinsokuProperty(t *testing.T) {
	cjk := pieces[:14]
	rng := rand.New(rand.NewPCG(3, 4))
	for range 5000 {
		text, max := randomText(rng, cjk, 80), 3000+rng.IntN(8000)
		if text == "" || widest(glue(split(text, testWidth))) > max {
			continue
		}
		lines := breakLines(text, max, testWidth)
		for i, line := range lines {
			if i > 0 && isCloser(line) {
				t.Errorf("line %d starts with a closer: %q in %q", i, lines, text)
			}
			if i < len(lines)-1 && endsWithOpener(line) {
				t.Errorf("line %d ends with an opener: %q in %q", i, lines, text)
			}
		}
	}
}

func widest(units []unit) int {
	w := 0
	for _, u := range units {
		w = max(w, u.width)
	}
	return w
}
