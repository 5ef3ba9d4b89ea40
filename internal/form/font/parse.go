package font

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// Font is a TrueType font parsed once: its tables, glyph offsets, the
// Unicode→glyph map and the glyph advances. It is read-only after Parse and
// safe for concurrent use.
type Font struct {
	tables     map[string][]byte
	glyf       []byte
	loca       []uint32        // numGlyphs+1 offsets into glyf
	advance    []uint16        // advance width per glyph (own, then built), font units
	synth      [][]byte        // built glyphs (composites of equivalents), after the font's own
	synthComps int             // most components in a built glyph
	synthDepth int             // deepest nesting of a built glyph
	cmap       []uint16        // rune → glyph for the BMP; 0 = no glyph
	supp       map[rune]uint16 // rune → glyph beyond the BMP
	width1000  []int32         // BMP rune → advance in 1/1000 em
	unitsPerEm int
	metrics    Metrics
}

// required are the tables a glyf-based TrueType font cannot do without.
var required = []string{"head", "hhea", "hmtx", "maxp", "loca", "glyf", "cmap", "name", "post"}

// Parse reads a TrueType font (or face 0 of a collection). It refuses
// PostScript-outline fonts and fonts whose licence forbids embedding or
// subsetting, since the engine must do both.
func Parse(data []byte) (*Font, error) { return parse(data, true) }

// ParseProgram reads a font program as a PDF embeds it, such as a Subset:
// it may have no cmap, and then maps no character, but its glyphs and
// metrics read as Parse reads them. Tests use it to check embedded fonts.
func ParseProgram(data []byte) (*Font, error) { return parse(data, false) }

func parse(data []byte, needCmap bool) (*Font, error) {
	if len(data) >= 4 && string(data[:4]) == "ttcf" {
		var err error
		if data, err = ExtractTTC(data, 0); err != nil {
			return nil, err
		}
	}
	if len(data) < 12 || binary.BigEndian.Uint32(data) != 0x00010000 && string(data[:4]) != "true" {
		return nil, errors.New("not a TrueType font (OpenType/CFF fonts are not supported)")
	}
	tables, err := readDirectory(data, 0)
	if err != nil {
		return nil, err
	}
	f := &Font{tables: tables, glyf: tables["glyf"], supp: map[rune]uint16{}}
	cmap := f.parseCmap
	if _, ok := tables["cmap"]; !ok && !needCmap {
		tables["cmap"] = nil // present for checkTables, mapping nothing
		cmap = func() error { f.cmap = make([]uint16, 0x10000); return nil }
	}
	for _, step := range []func() error{f.checkTables, f.checkLicence, f.parseHead, f.parseLoca, f.parseHmtx, cmap} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	f.dropEmpty()
	f.addSubstitutes()
	f.computeWidths()
	f.metrics = f.readMetrics()
	return f, nil
}

func (f *Font) checkTables() error {
	for _, tag := range required {
		if _, ok := f.tables[tag]; !ok { // glyf may be empty: a subset of blank glyphs
			return fmt.Errorf("font has no %q table", tag)
		}
	}
	if len(f.tables["head"]) < 54 || len(f.tables["hhea"]) < 36 || len(f.tables["maxp"]) < 6 || len(f.tables["post"]) < 32 {
		return errors.New("font has a truncated head, hhea, maxp or post table")
	}
	if f.numGlyphs() == 0 {
		return errors.New("font has no glyphs")
	}
	return nil
}

// checkLicence reads OS/2 fsType: bit 1 = restricted licence embedding,
// 0x0100 = no subsetting, 0x0200 = bitmap embedding only.
func (f *Font) checkLicence() error {
	os2 := f.tables["OS/2"]
	if len(os2) < 10 {
		return nil
	}
	if fs := binary.BigEndian.Uint16(os2[8:]); fs&0x0302 != 0 && fs&0x000C == 0 {
		return fmt.Errorf("the font's licence forbids embedding or subsetting it (OS/2 fsType %#04x)", fs)
	}
	return nil
}

func (f *Font) parseHead() error {
	head := f.tables["head"]
	f.unitsPerEm = int(binary.BigEndian.Uint16(head[18:]))
	if f.unitsPerEm < 16 || f.unitsPerEm > 16384 {
		return fmt.Errorf("font has an invalid unitsPerEm %d", f.unitsPerEm)
	}
	return nil
}

func (f *Font) numGlyphs() int { return int(binary.BigEndian.Uint16(f.tables["maxp"][4:])) }

func (f *Font) parseLoca() error {
	n, loca := f.numGlyphs(), f.tables["loca"]
	long := binary.BigEndian.Uint16(f.tables["head"][50:]) == 1
	f.loca = make([]uint32, n+1)
	for i := range f.loca {
		switch {
		case long && 4*i+4 <= len(loca):
			f.loca[i] = binary.BigEndian.Uint32(loca[4*i:])
		case !long && 2*i+2 <= len(loca):
			f.loca[i] = 2 * uint32(binary.BigEndian.Uint16(loca[2*i:]))
		default:
			return errors.New("font's loca table is shorter than its glyph count")
		}
		if f.loca[i] > uint32(len(f.glyf)) || i > 0 && f.loca[i] < f.loca[i-1] {
			return fmt.Errorf("font's loca entry %d is out of order or past glyf", i)
		}
	}
	return nil
}

// parseHmtx expands hmtx so every glyph has its own advance; glyphs past
// numberOfHMetrics repeat the last one.
func (f *Font) parseHmtx() error {
	n, hmtx := f.numGlyphs(), f.tables["hmtx"]
	nh := int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
	if nh == 0 || nh > n || 4*nh > len(hmtx) {
		return errors.New("font's hhea/hmtx metrics are inconsistent")
	}
	f.advance = make([]uint16, n)
	for g := range f.advance {
		f.advance[g] = binary.BigEndian.Uint16(hmtx[4*min(g, nh-1):])
	}
	return nil
}

// computeWidths caches the advance of every BMP character in 1/1000 em, the
// unit of PDF glyph widths, so line breaking measures with table lookups.
func (f *Font) computeWidths() {
	f.width1000 = make([]int32, len(f.cmap))
	for r, g := range f.cmap {
		f.width1000[r] = int32(f.glyphWidth(g))
	}
}

// glyphWidth is glyph g's advance in 1/1000 em, rounded.
func (f *Font) glyphWidth(g uint16) int {
	return (int(f.advance[g])*1000*2 + f.unitsPerEm) / (2 * f.unitsPerEm)
}

// lookup returns r's glyph, 0 when the font lacks it.
func (f *Font) lookup(r rune) uint16 {
	if r >= 0 && int(r) < len(f.cmap) {
		return f.cmap[r]
	}
	return f.supp[r]
}

// Has reports whether the font draws r: with a glyph of its own that is
// not empty, or with one built from an equivalent (℃ as °C). Characters
// it lacks print as the font's missing-glyph box.
func (f *Font) Has(r rune) bool { return f.lookup(r) != 0 }

// Width returns the advance of r in 1/1000 em; characters the font lacks
// measure as its .notdef glyph, which is what prints.
func (f *Font) Width(r rune) int {
	if r >= 0 && int(r) < len(f.width1000) {
		return int(f.width1000[r])
	}
	return f.glyphWidth(f.supp[r])
}

// GlyphIndex returns r's glyph id, 0 (.notdef) when the font lacks it.
func (f *Font) GlyphIndex(r rune) int { return int(f.lookup(r)) }

// Glyph returns the outline bytes of glyph gid (shared, read-only); nil
// when out of range. Tests use its header (contours, bounding box) to check
// that a PDF's embedded font draws the right glyph.
func (f *Font) Glyph(gid int) []byte {
	if gid < 0 || gid >= len(f.advance) {
		return nil
	}
	return f.glyph(uint16(gid))
}
