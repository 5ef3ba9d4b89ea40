package record

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// TestFoldWidthEveryRune checks FoldWidth against width.Fold for every
// rune, alone and between other text: keys stored in earlier runs were
// computed with width.Fold, so the two must never differ.
func TestFoldWidthEveryRune(t *testing.T) {
	for r := rune(0); r <= utf8.MaxRune; r++ {
		if r >= 0xD800 && r <= 0xDFFF {
			continue
		}
		s := "a" + string(r) + "中"
		if got, want := FoldWidth(s), width.Fold.String(s); got != want {
			t.Fatalf("U+%04X: FoldWidth %q, width.Fold %q", r, got, want)
		}
	}
}

func FuzzFoldWidth(f *testing.F) {
	for _, s := range []string{"", "ＡＢＣ　１２３", "第1号：标题（二）", "\xff\xfe全角", "ｶﾞｷﾞ", "￠￡"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := FoldWidth(s), width.Fold.String(s); got != want {
			t.Fatalf("%q: FoldWidth %q, width.Fold %q", s, got, want)
		}
	})
}

func BenchmarkFoldWidth(b *testing.B) {
	s := "编号42的质量信息内容，涉及医疗器械验收、储存养护与出库复核环节：发现批号000042的产品外包装存在破损情况。"
	b.ReportAllocs()
	for b.Loop() {
		FoldWidth(s)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"", " a", "a ", "a  b", "a b", "a\tb", "　全角　空格　", "x\u00a0y", "\xff \xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.Join(strings.Fields(width.Fold.String(s)), " ")
		if got := Clean(s); got != want {
			t.Fatalf("Clean(%q) = %q, want %q", s, got, want)
		}
	})
}
