package font

import (
	"encoding/binary"
	"slices"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// No character the font claims to draw may print as a blank: an empty
// glyph counts as missing unless the character draws nothing anyway.
func TestEmptyGlyphIsMissing(t *testing.T) {
	f := embeddedFont(t)
	for r := rune(0); r < 0x10000; r++ {
		if f.Has(r) && !blankByNature(r) && f.emptyGlyph(f.lookup(r)) {
			t.Errorf("%q (%U) maps to an empty glyph", r, r)
		}
	}
	for _, r := range "ǎǐǒǔǘǚǜ" { // empty in WenQuanYi Micro Hei, no equivalent
		if f.Has(r) {
			t.Errorf("%q (%U): empty glyph, should count as missing", r, r)
		}
	}
	for _, r := range " \u3000\u00A0\u200B\uFEFF" {
		if !f.Has(r) {
			t.Errorf("%U: a space or format character must keep its (empty) glyph", r)
		}
	}
}

// ℃ and ℉ are empty in the built-in font; they print as °C and °F from a
// glyph of their own, so the text still says ℃.
func TestSubstituteDegree(t *testing.T) {
	f := embeddedFont(t)
	for _, c := range []struct {
		r    rune
		with string
	}{{'℃', "°C"}, {'℉', "°F"}, {'Ⅴ', "V"}, {'Ⅹ', "X"}, {'∼', "～"}, {'\u2011', "-"}} {
		if !f.Has(c.r) || !f.Substituted(c.r) {
			t.Errorf("%q: Has %v, Substituted %v; want a built glyph", c.r, f.Has(c.r), f.Substituted(c.r))
			continue
		}
		var want []uint16
		for _, r := range c.with {
			want = append(want, f.lookup(r))
		}
		var got []uint16
		f.eachComponent(f.glyph(f.lookup(c.r)), func(_ int, g uint16) { got = append(got, g) })
		if !slices.Equal(got, want) {
			t.Errorf("%q: components %v, want the glyphs of %q %v", c.r, got, c.with, want)
		}
	}
	if w, want := f.Width('℃'), f.Width('°')+f.Width('C'); w < want-1 || w > want+1 {
		t.Errorf("width of ℃ %d, want that of °C %d", w, want)
	}
	if f.Width('Ⅴ') != f.Width('Ⅳ') {
		t.Errorf("Ⅴ is %d wide, Ⅳ beside it %d: a Roman numeral is centred in one em", f.Width('Ⅴ'), f.Width('Ⅳ'))
	}
	if f.Substituted('C') || f.Substituted('中') {
		t.Error("the font's own characters must not be substituted")
	}
}

// A subset holding a built glyph parses, maps ℃ to it, keeps its
// components, and raises maxp's component limits to cover it.
func TestSubsetSubstitute(t *testing.T) {
	f := embeddedFont(t)
	sub := f.Subset([]rune("需2-8℃储存"))
	g, err := ParseProgram(sub.TTF)
	if err != nil {
		t.Fatal(err)
	}
	gid := sub.GID('℃')
	if gid == 0 {
		t.Fatal("℃ has no glyph in the subset")
	}
	if !sameOutline(f, f.lookup('℃'), g, uint16(gid)) {
		t.Error("℃ in the subset differs from the built glyph")
	}
	if sub.Widths[gid] != f.Width('℃') {
		t.Errorf("subset width of ℃ %d, want %d", sub.Widths[gid], f.Width('℃'))
	}
	maxp := g.tables["maxp"]
	if n, d := binary.BigEndian.Uint16(maxp[28:]), binary.BigEndian.Uint16(maxp[30:]); int(n) < 2 || d < 1 {
		t.Errorf("maxp allows %d components nested %d deep; ℃ needs 2, 1", n, d)
	}
	plain := f.Subset([]rune("需2-8储存"))
	if !slices.Equal(f.tables["maxp"][6:], mustParseProgram(t, plain.TTF).tables["maxp"][6:]) {
		t.Error("a subset without built glyphs must keep the font's maxp limits")
	}
}

func mustParseProgram(t *testing.T, b []byte) *Font {
	t.Helper()
	f, err := ParseProgram(b)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// Every substitute the built-in font needs finds an equivalent in it.
func TestSubstitutesCovered(t *testing.T) {
	f := embeddedFont(t)
	for _, s := range substitutes {
		if !f.Has(s.r) {
			t.Errorf("%q (%U) has no glyph and no equivalent", s.r, s.r)
		}
	}
}

// The measurement behind the substitutes: of GB 2312 (every character a
// Chinese input method types) the built-in font lacks, or draws empty,
// only these pinyin letters once ℃, Ⅴ, Ⅹ, ɑ and ɡ have equivalents.
func TestGB2312Coverage(t *testing.T) {
	f := embeddedFont(t)
	dec := simplifiedchinese.GBK.NewDecoder()
	var missing []rune
	for hi := 0xA1; hi <= 0xF7; hi++ {
		for lo := 0xA1; lo <= 0xFE; lo++ {
			b, err := dec.Bytes([]byte{byte(hi), byte(lo)})
			r, _ := utf8.DecodeRune(b)
			if err != nil || r == utf8.RuneError || r >= 0xE000 && r < 0xF900 { // unassigned, private use
				continue
			}
			if !f.Has(r) {
				missing = append(missing, r)
			}
		}
	}
	if want := []rune("ǎǐǒǔǘǚǜǹ"); !slices.Equal(missing, want) {
		t.Errorf("GB 2312 characters the font cannot draw: %q, want %q", string(missing), string(want))
	}
}
