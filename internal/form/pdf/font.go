package pdf

import (
	"bytes"
	"cmp"
	"hash/fnv"
	"slices"
	"unicode/utf16"
)

// defaultWidth is the /DW of the font: CJK characters are one em wide, so
// only other glyphs need /W entries.
const defaultWidth = 1000

// writeFont writes the Type0 font, its CIDFont, descriptor, program and
// ToUnicode map. Character codes are glyph ids (CIDToGIDMap /Identity).
func (d *Doc) writeFont(w *writer) {
	name := "/" + subsetTag(d.Font.TTF) + "+" + d.Face.PostScriptName
	w.dict(objType0, "<< /Type /Font /Subtype /Type0 /BaseFont "+name+
		" /Encoding /Identity-H /DescendantFonts [5 0 R] /ToUnicode 8 0 R >>")
	w.dict(objCIDFont, "<< /Type /Font /Subtype /CIDFontType2 /BaseFont "+name+
		" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"+
		" /FontDescriptor 6 0 R /CIDToGIDMap /Identity /DW "+itoa(defaultWidth)+" /W "+widths(d.Font.Widths)+" >>")
	w.dict(objDescriptor, d.descriptor(name))
	w.stream(objFontFile, " /Length1 "+itoa(len(d.Font.TTF)), d.Font.TTF)
	w.stream(objToUnicode, "", toUnicode(d.Font.Runes, d.Font.GIDs))
}

func (d *Doc) descriptor(name string) string {
	m := d.Face
	flags := 4 // symbolic: the font uses its own glyph set
	if m.FixedPitch {
		flags |= 1
	}
	if m.ItalicAngle != 0 {
		flags |= 64
	}
	return "<< /Type /FontDescriptor /FontName " + name + " /Flags " + itoa(flags) +
		" /FontBBox [" + itoa(m.BBox[0]) + " " + itoa(m.BBox[1]) + " " + itoa(m.BBox[2]) + " " + itoa(m.BBox[3]) + "]" +
		" /ItalicAngle " + num(m.ItalicAngle) + " /Ascent " + itoa(m.Ascent) + " /Descent " + itoa(m.Descent) +
		" /CapHeight " + itoa(m.CapHeight) + " /StemV " + itoa(m.StemV) + " /FontFile2 7 0 R >>"
}

// subsetTag is the six capital letters PDF puts before a subset font's name,
// derived from the subset so equal subsets get equal names.
func subsetTag(ttf []byte) string {
	h := fnv.New64a()
	h.Write(ttf)
	v := h.Sum64()
	tag := make([]byte, 6)
	for i := range tag {
		tag[i] = 'A' + byte(v%26)
		v /= 26
	}
	return string(tag)
}

// widths writes the /W array: runs of consecutive glyphs whose width is
// not the default.
func widths(ws []int) string {
	var b bytes.Buffer
	b.WriteByte('[')
	for g := 1; g < len(ws); g++ {
		if ws[g] == defaultWidth {
			continue
		}
		b.WriteString(" " + itoa(g) + " [")
		for ; g < len(ws) && ws[g] != defaultWidth; g++ {
			b.WriteString(" " + itoa(ws[g]))
		}
		b.WriteString(" ]")
	}
	b.WriteString(" ]")
	return b.String()
}

// toUnicode writes the CMap that maps each glyph id back to its character.
func toUnicode(runes []rune, gids []uint16) []byte {
	var b bytes.Buffer
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
		"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
		"/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
		"1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	runs := glyphRuns(runes, gids)
	for start := 0; start < len(runs); start += 100 { // at most 100 per block
		end := min(start+100, len(runs))
		b.WriteString(itoa(end-start) + " beginbfrange\n")
		for _, run := range runs[start:end] {
			lo, hi := run[0].gid, run[len(run)-1].gid
			b.WriteString("<" + hex4(lo) + "> <" + hex4(hi) + "> [")
			for i, p := range run {
				if i > 0 {
					b.WriteByte(' ')
				}
				b.WriteByte('<')
				for _, u := range utf16.Encode([]rune{p.r}) {
					b.WriteString(hex4(u))
				}
				b.WriteByte('>')
			}
			b.WriteString("]\n")
		}
		b.WriteString("endbfrange\n")
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
	return b.Bytes()
}

// glyphText is one ToUnicode entry: a glyph and the character it shows.
type glyphText struct {
	gid uint16
	r   rune
}

// glyphRuns groups the glyphs in runs of consecutive ids that share their
// high byte, as a bfrange with an array of texts must: a subset numbers
// its glyphs in character order, so a form's few hundred characters make
// two or three runs, and the map need not spell out every glyph id (0.6 KB
// of a large form). A glyph shared by two characters maps to the first.
func glyphRuns(runes []rune, gids []uint16) [][]glyphText {
	ps := make([]glyphText, len(runes))
	for i, r := range runes {
		ps[i] = glyphText{gids[i], r}
	}
	slices.SortStableFunc(ps, func(a, b glyphText) int { return cmp.Compare(a.gid, b.gid) })
	var runs [][]glyphText
	for i, p := range ps {
		if i > 0 && p.gid == ps[i-1].gid {
			continue
		}
		if n := len(runs) - 1; n >= 0 {
			last := runs[n][len(runs[n])-1]
			if p.gid == last.gid+1 && p.gid>>8 == last.gid>>8 {
				runs[n] = append(runs[n], p)
				continue
			}
		}
		runs = append(runs, []glyphText{p})
	}
	return runs
}

const hexDigits = "0123456789ABCDEF"

func hex4(v uint16) string {
	return string([]byte{hexDigits[v>>12], hexDigits[v>>8&15], hexDigits[v>>4&15], hexDigits[v&15]})
}
