package font

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func TestSubsetKeepsGlyphsAndMetrics(t *testing.T) {
	f := embeddedFont(t)
	text := []rune("质量信息传递反馈单 LDMD-FM-30-2026-0001，（续）第1页共2页𠀀")
	sub := f.Subset(text)
	g, err := ParseProgram(sub.TTF)
	if err != nil {
		t.Fatalf("subset does not parse: %v", err)
	}
	if n := g.numGlyphs(); n > 2*len(text) {
		t.Errorf("subset has %d glyphs for %d runes", n, len(text))
	}
	for _, r := range text {
		gid := sub.GID(r)
		if gid == 0 {
			t.Fatalf("%q has no glyph in the subset", r)
		}
		if !f.Has(r) {
			if !bytes.Equal(g.Glyph(int(gid)), g.Glyph(0)) {
				t.Errorf("%q: a character the font lacks must print as .notdef", r)
			}
			continue
		}
		if w := g.glyphWidth(gid); w != f.Width(r) || sub.Widths[gid] != w {
			t.Errorf("%q: width %d in font, %d in subset (%d listed)", r, f.Width(r), w, sub.Widths[gid])
		}
		if !sameOutline(f, f.cmap[r], g, gid) {
			t.Errorf("%q: outline differs in subset", r)
		}
	}
	if sub.GID('字') != 0 {
		t.Error("subset has a glyph it was not asked for")
	}
	if _, ok := g.tables["cmap"]; ok && g.tables["cmap"] != nil {
		t.Error("subset carries a cmap; the PDF's own maps make it dead weight")
	}
	if _, err := Parse(sub.TTF); err == nil {
		t.Error("Parse must refuse a font without a cmap: the engine could map no character")
	}
}

func TestSubsetDeterministic(t *testing.T) {
	f := embeddedFont(t)
	a := f.Subset([]rune("反馈单abc，")).TTF
	b := f.Subset([]rune("，cba单馈反反")).TTF
	if !bytes.Equal(a, b) {
		t.Fatal("subset depends on rune order or repetition")
	}
}

func TestSubsetChecksums(t *testing.T) {
	sub := embeddedFont(t).Subset([]rune("中文ABC")).TTF
	if got := checksum(sub); got != 0xB1B0AFBA {
		t.Errorf("whole-font checksum %#x, want 0xB1B0AFBA", got)
	}
	tables, err := readDirectory(sub, 0)
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(tables) {
		rec := sub[12+16*i:]
		data := tables[string(rec[:4])]
		want := binary.BigEndian.Uint32(rec[4:])
		if string(rec[:4]) == "head" {
			continue // its checksum is taken with the adjustment zeroed
		}
		if got := checksum(data); got != want {
			t.Errorf("table %q checksum %#x, directory says %#x", rec[:4], got, want)
		}
	}
}

// A composite glyph's components must come along, renumbered.
func TestSubsetComposite(t *testing.T) {
	f := embeddedFont(t)
	var comp rune
	for r := rune(0x20); r < 0x10000 && comp == 0; r++ {
		if f.Has(r) && isComposite(f.glyph(f.cmap[r])) {
			comp = r
		}
	}
	if comp == 0 {
		t.Skip("font has no composite glyphs")
	}
	sub := f.Subset([]rune{comp})
	g, err := ParseProgram(sub.TTF)
	if err != nil {
		t.Fatal(err)
	}
	g.eachComponent(g.glyph(sub.GID(comp)), func(_ int, gid uint16) {
		if int(gid) >= g.numGlyphs() || gid == 0 {
			t.Errorf("%q: component %d not in subset of %d glyphs", comp, gid, g.numGlyphs())
		}
	})
}

// sameOutline compares glyph a of f, unhinted, with glyph b of subset g,
// following composite components, whose ids differ between the two.
func sameOutline(f *Font, a uint16, g *Font, b uint16) bool {
	ga, gb := appendUnhinted(nil, f.glyph(a)), g.glyph(b)
	if len(gb) != pad2(len(ga)) && len(gb) != pad4(len(ga)) {
		return false
	}
	gb = gb[:len(ga)] // the subset pads each glyph to 2 or 4 bytes
	var ca, cb []uint16
	f.eachComponent(ga, func(_ int, id uint16) { ca = append(ca, id) })
	g.eachComponent(gb, func(_ int, id uint16) { cb = append(cb, id) })
	if len(ca) != len(cb) {
		return false
	}
	if len(ca) == 0 {
		return bytes.Equal(ga, gb)
	}
	for i := range ca {
		if !sameOutline(f, ca[i], g, cb[i]) {
			return false
		}
	}
	return true
}

func TestSubsetIsUnhinted(t *testing.T) {
	f := embeddedFont(t)
	g, err := ParseProgram(f.Subset([]rune("AB，质量")).TTF)
	if err != nil {
		t.Fatal(err)
	}
	for _, tag := range []string{"fpgm", "prep", "cvt ", "GSUB", "GPOS"} {
		if g.tables[tag] != nil {
			t.Errorf("subset keeps table %q", tag)
		}
	}
	for gid := range g.numGlyphs() {
		d := g.glyph(uint16(gid))
		if len(d) < 12 {
			continue
		}
		if nc := int(int16(binary.BigEndian.Uint16(d))); nc >= 0 && binary.BigEndian.Uint16(d[10+2*nc:]) != 0 {
			t.Errorf("glyph %d keeps instructions", gid)
		}
	}
}

func TestSubsetNameTable(t *testing.T) {
	g, err := ParseProgram(embeddedFont(t).Subset([]rune("A")).TTF)
	if err != nil {
		t.Fatal(err)
	}
	name := g.tables["name"]
	if binary.BigEndian.Uint16(name) != 0 || len(name) > 1200 {
		t.Errorf("name table format %d, %d bytes; want format 0, trimmed", binary.BigEndian.Uint16(name), len(name))
	}
	if !bytes.Contains(name, utf16be("Licensed under the Apache License")) {
		t.Error("subset lost the licence record")
	}
}

func utf16be(s string) []byte {
	var b []byte
	for _, r := range s {
		b = binary.BigEndian.AppendUint16(b, uint16(r))
	}
	return b
}

func isComposite(g []byte) bool { return len(g) >= 10 && int16(binary.BigEndian.Uint16(g)) < 0 }

func BenchmarkParse(b *testing.B) {
	for b.Loop() {
		if _, err := Parse(Embedded()); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSubset300(b *testing.B) {
	f := embeddedFont(b)
	var runes []rune
	for r := rune(0x4E00); len(runes) < 300; r += 37 {
		if f.Has(r) {
			runes = append(runes, r)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		f.Subset(runes)
	}
}

func TestSubsetMapping(t *testing.T) {
	f := embeddedFont(t)
	const missing = '\u0F00' // Tibetan: not in the font
	sub := f.Subset([]rune{'量', 'A', missing, '\U00010400', '质', 'A', '\U00020BB7'})
	g, err := ParseProgram(sub.TTF)
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint16]rune{}
	for _, r := range []rune{'A', '质', '量', missing, '\U00010400', '\U00020BB7'} {
		gid := sub.GID(r)
		if gid == 0 {
			t.Fatalf("%U has no glyph id in the subset", r)
		}
		if prev, dup := seen[gid]; dup {
			t.Errorf("%U and %U share glyph %d", prev, r, gid)
		}
		seen[gid] = r
		if f.Has(r) && (!sameOutline(f, f.lookup(r), g, gid) || sub.Widths[gid] != f.Width(r)) {
			t.Errorf("%U: glyph %d is not the font's (width %d, want %d)", r, gid, sub.Widths[gid], f.Width(r))
		}
		if !f.Has(r) && !bytes.Equal(g.Glyph(int(gid)), g.Glyph(0)) {
			t.Errorf("%U: a missing character must be a copy of .notdef", r)
		}
	}
	if sub.GID('字') != 0 {
		t.Error("GID of a rune not asked for should be 0")
	}
	// The test cmap builder still writes format 12 for characters beyond
	// the BMP, and Parse reads it back.
	h, err := Parse(sub.Standalone())
	if err != nil {
		t.Fatal(err)
	}
	if h.GlyphIndex('\U00010400') != int(sub.GID('\U00010400')) || h.Has(missing) {
		t.Error("a character beyond the BMP lost its cmap entry (format 12)")
	}
}

func TestMetrics(t *testing.T) {
	m := embeddedFont(t).Metrics()
	if m.Ascent <= 0 || m.Descent >= 0 || m.BBox[2] <= m.BBox[0] || m.PostScriptName != "WenQuanYiMicroHei" {
		t.Errorf("implausible metrics %+v", m)
	}
}
