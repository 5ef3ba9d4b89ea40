package font

import (
	"encoding/binary"
	"unicode"
)

// A font can map a character to an empty glyph: WenQuanYi Micro Hei maps
// ℃, ℉, Ⅴ, Ⅹ, ǎ and a few more to outlines of zero length, so they printed
// as a blank, silently, while the PDF's text layer still had them. Parse
// therefore treats an empty glyph as no glyph unless the character is one
// that draws nothing anyway (spaces, format characters), and then gives
// the characters of substitutes a glyph built from an equivalent the font
// does have: ℃ is drawn as °C. The built glyph is a composite of the
// equivalent's glyphs, with its own glyph id, so a PDF's ToUnicode map
// still says ℃ and copying or searching the text finds what was written.

// substitute is an equivalent of r: the characters of with, drawn side by
// side. A wide substitute is centred in one em when it is narrower, as the
// full-width characters beside it are (Ⅳ Ⅴ Ⅵ).
type substitute struct {
	r    rune
	with string
	wide bool
}

// substitutes are tried in order; the first whose characters the font
// has gives r its glyph. The list holds the symbols of Chinese quality
// texts a CJK font may lack or leave empty (measured on the built-in font
// against GB 2312/GBK symbols and common Word and web pastes); the test
// TestSubstitutesCovered keeps it honest.
var substitutes = append([]substitute{
	{'℃', "°C", false},
	{'℉', "°F", false},
	{'\u212B', "\u00C5", false}, // Å angstrom sign → Å
	{'∼', "～", false},           // tilde operator, as in 2∼8℃
	{'∼', "~", false},
	{'〜', "～", false}, // wave dash
	{'〜', "~", false},
	{'\u2010', "-", false}, // hyphen
	{'\u2011', "-", false}, // non-breaking hyphen
	{'\u2212', "-", false}, // minus sign
	{'‾', "￣", false},
	{'‾', "¯", false},
	{'∙', "·", false},
	{'⋅', "·", false},
	{'✓', "✔", false},
	{'✓', "√", false},
	{'✔', "✓", false},
	{'✔', "√", false},
	{'✗', "✘", false},
	{'✗', "×", false},
	{'☐', "□", false},
	{'☑', "■", false}, // ■ is the ticked box of Chinese printed forms (■是 □否)
	{'☒', "■", false},
	{'ɑ', "a", false}, // the pinyin letters of GB 2312
	{'ɡ', "g", false},
	{'ˊ', "´", false}, // bopomofo tone marks
	{'ˋ', "`", false},
}, romanNumerals()...)

// romanNumerals are Ⅰ–Ⅻ and ⅰ–ⅻ (class Ⅱ and Ⅲ devices) spelt with
// Latin letters.
func romanNumerals() []substitute {
	spell := []string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}
	var out []substitute
	for i, s := range spell {
		out = append(out, substitute{rune(0x2160 + i), s, true})
	}
	for i, s := range spell {
		lower := []rune(s)
		for j := range lower {
			lower[j] = unicode.ToLower(lower[j])
		}
		out = append(out, substitute{rune(0x2170 + i), string(lower), true})
	}
	return out
}

// blankByNature reports whether r draws nothing in any font: spaces,
// controls, format characters (zero-width space, joiners, marks of
// direction) and the other default-ignorable ones.
func blankByNature(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsControl(r) ||
		unicode.In(r, unicode.Cf, unicode.Zs, unicode.Other_Default_Ignorable_Code_Point, unicode.Variation_Selector)
}

// emptyGlyph reports whether glyph g has no outline: no bytes, or a
// header with no contours.
func (f *Font) emptyGlyph(g uint16) bool {
	b := f.glyph(g)
	return len(b) < 10 || binary.BigEndian.Uint16(b) == 0
}

// dropEmpty unmaps the characters whose glyph is empty though they should
// draw something, so they count as missing: they print as the font's
// missing-glyph box, and callers are told.
func (f *Font) dropEmpty() {
	for r, g := range f.cmap {
		if g != 0 && !blankByNature(rune(r)) && f.emptyGlyph(g) {
			f.cmap[r] = 0
		}
	}
	for r, g := range f.supp {
		if !blankByNature(r) && f.emptyGlyph(g) {
			delete(f.supp, r)
		}
	}
}

// Composite glyph flags this file writes.
const argsAreXY = 0x0002

// maxDepth caps the nesting depth of composites reported for a font.
const maxDepth = 8

// addSubstitutes gives every character of substitutes the font lacks a
// glyph built from the first equivalent it has.
func (f *Font) addSubstitutes() {
	for _, s := range substitutes {
		if f.Has(s.r) || len(f.advance) >= 0xFFFF {
			continue
		}
		var gids []uint16
		for _, c := range s.with {
			if g := f.lookup(c); g != 0 {
				gids = append(gids, g)
			}
		}
		if len(gids) != len([]rune(s.with)) {
			continue
		}
		f.synthesize(s, gids)
	}
}

// synthesize appends a composite glyph drawing gids side by side and maps
// s.r to it.
func (f *Font) synthesize(s substitute, gids []uint16) {
	adv := 0
	for _, g := range gids {
		adv += int(f.advance[g])
	}
	x := 0
	if s.wide && adv < f.unitsPerEm {
		x, adv = (f.unitsPerEm-adv)/2, f.unitsPerEm
	}
	if adv > 0xFFFF {
		return
	}
	g := make([]byte, 10, 10+8*len(gids))
	binary.BigEndian.PutUint16(g, 0xFFFF) // numberOfContours -1: composite
	var box [4]int
	have, depth, memo := false, 0, map[uint16]int{}
	for i, gid := range gids {
		flags := uint16(argsAreWords | argsAreXY)
		if i < len(gids)-1 {
			flags |= moreComponents
		}
		g = binary.BigEndian.AppendUint16(g, flags)
		g = binary.BigEndian.AppendUint16(g, gid)
		g = binary.BigEndian.AppendUint16(g, uint16(int16(x)))
		g = binary.BigEndian.AppendUint16(g, 0)
		if b, ok := f.bbox(gid); ok {
			box = union(box, [4]int{b[0] + x, b[1], b[2] + x, b[3]}, !have)
			have = true
		}
		depth = max(depth, 1+f.depth(gid, memo))
		x += int(f.advance[gid])
	}
	for i, v := range box {
		binary.BigEndian.PutUint16(g[2+2*i:], uint16(int16(v)))
	}
	id := uint16(len(f.advance))
	f.synth = append(f.synth, g)
	f.advance = append(f.advance, uint16(adv))
	f.synthComps = max(f.synthComps, len(gids))
	f.synthDepth = max(f.synthDepth, depth)
	if int(s.r) < len(f.cmap) {
		f.cmap[s.r] = id
	} else {
		f.supp[s.r] = id
	}
}

// bbox is glyph g's bounding box from its header; ok is false for a glyph
// with no outline.
func (f *Font) bbox(g uint16) (b [4]int, ok bool) {
	data := f.glyph(g)
	if len(data) < 10 {
		return b, false
	}
	for i := range b {
		b[i] = int(int16(binary.BigEndian.Uint16(data[2+2*i:])))
	}
	return b, true
}

func union(a, b [4]int, first bool) [4]int {
	if first {
		return b
	}
	return [4]int{min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3])}
}

// depth is how deep glyph g's composites nest: 0 for a simple glyph. memo
// holds the glyphs measured (or being measured: a cycle counts as
// maxDepth), so a hostile font costs one visit per glyph.
func (f *Font) depth(g uint16, memo map[uint16]int) int {
	if d, ok := memo[g]; ok {
		return d
	}
	memo[g] = maxDepth
	d := 0
	f.eachComponent(f.glyph(g), func(_ int, c uint16) { d = max(d, 1+f.depth(c, memo)) })
	memo[g] = min(d, maxDepth)
	return memo[g]
}

// Substituted reports whether r is drawn with a glyph built from an
// equivalent (℃ as °C) rather than the font's own.
func (f *Font) Substituted(r rune) bool {
	return int(f.lookup(r)) >= len(f.loca)-1
}
