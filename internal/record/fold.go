package record

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// FoldWidth maps full-width and half-width forms to their canonical width,
// exactly as width.Fold does, but in one pass and without allocating when
// nothing changes. Intake folds every title and content cell of every row
// to compute entry keys, so the transform's buffers showed in profiles.
func FoldWidth(s string) string {
	i := firstFold(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if f, ok := foldRune(r); ok {
			b.WriteRune(f)
		} else {
			b.WriteString(s[i : i+n]) // invalid bytes too, as they were
		}
		i += n
	}
	return b.String()
}

// firstFold is the byte offset of the first rune FoldWidth changes, or -1.
// Invalid UTF-8 is kept as width.Fold keeps it.
func firstFold(s string) int {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if _, ok := foldRune(r); ok {
			return i
		}
		i += n
	}
	return -1
}

// foldRune is the canonical-width counterpart of r, if it has one. Only
// runes from U+2000 up have one; the common CJK ideographs have none and
// are passed over without a table lookup.
func foldRune(r rune) (rune, bool) {
	if r < 0x2000 || (r >= 0x3400 && r < 0xA000) || r == utf8.RuneError {
		return r, false
	}
	f := width.LookupRune(r).Folded()
	return f, f != 0
}
