package font

import (
	"encoding/binary"
	"slices"
)

// Composite glyph flags (TrueType glyf spec).
const (
	argsAreWords   = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
)

// haveInstructions is the composite flag announcing instructions after
// the last component.
const haveInstructions = 0x0100

// Subset is a font cut for one document.
type Subset struct {
	TTF    []byte   // the TrueType font program
	Runes  []rune   // the characters asked for, sorted, distinct
	GIDs   []uint16 // GIDs[i] is the subset glyph showing Runes[i]
	Widths []int    // advance of each subset glyph, 1/1000 em
	pairs  []mapping
}

// mapping is one cmap entry: a rune the font has and its glyph id.
type mapping struct {
	r   rune
	gid uint16
}

// Standalone is the subset as a font file of its own: the same program
// with a cmap for the characters the font has, which Parse accepts (a PDF
// needs no cmap, a font file does). Tests use it to make small fonts.
func (s *Subset) Standalone() []byte {
	tables, err := readDirectory(s.TTF, 0)
	if err != nil {
		panic(err) // the subset's own directory: cannot fail
	}
	tables["cmap"] = buildCmap(s.pairs)
	return assemble(tables)
}

// GID returns the subset glyph of r, 0 when r was not asked for.
func (s *Subset) GID(r rune) uint16 {
	if i, ok := slices.BinarySearch(s.Runes, r); ok {
		return s.GIDs[i]
	}
	return 0
}

// Subset cuts a TrueType font holding .notdef, a glyph for each of runes
// and the components of any composite among them. New glyph ids follow
// rune order, so the result is a function of the rune set alone. A
// character the font lacks gets its own copy of .notdef: it prints as the
// font's missing-glyph box but keeps a glyph id, so the PDF's ToUnicode
// map still carries it and the text survives copying and extraction.
//
// The subset is unhinted: glyph instructions and the fpgm/prep/cvt programs
// are dropped. Hints only steer low-resolution screen rasterising, PDF
// viewers mostly ignore them, and they are a sixth of a form's font bytes.
// It has no cmap either: the PDF's CIDToGIDMap picks glyphs by id and its
// ToUnicode map gives the characters back, so a cmap would be 1.2 KB of a
// form that no reader uses (iText's CID subsets leave it out too). Read a
// subset back with ParseProgram.
func (f *Font) Subset(runes []rune) *Subset {
	rs := slices.Clone(runes)
	slices.Sort(rs)
	rs = slices.Compact(rs)
	pairs, glyphs := f.planGlyphs(rs)
	glyf, loca, long := f.buildGlyphs(glyphs)
	hmtx, nh := f.buildMetrics(glyphs)
	tables := map[string][]byte{
		"glyf": glyf, "loca": loca, "hmtx": hmtx,
		"head": f.patched("head", 50, long), // indexToLocFormat
		"hhea": f.patched("hhea", 34, nh),   // numberOfHMetrics
		"maxp": f.maxp(glyphs),
		"post": f.post3(),
		"name": f.nameSubset(),
	}
	if os2 := f.tables["OS/2"]; len(os2) > 0 {
		tables["OS/2"] = os2
	}
	sub := &Subset{TTF: assemble(tables), Runes: rs, GIDs: glyphs.byRune, Widths: make([]int, len(glyphs.old)), pairs: pairs}
	for g, old := range glyphs.old {
		sub.Widths[g] = f.glyphWidth(old)
	}
	return sub
}

// glyphSet maps old glyph ids to new ones; old lists them in new-id order,
// byRune gives the new glyph of each requested rune.
type glyphSet struct {
	old    []uint16
	index  map[uint16]uint16
	byRune []uint16
}

func (s *glyphSet) add(old uint16) uint16 {
	if g, ok := s.index[old]; ok {
		return g
	}
	g := s.copyOf(old)
	s.index[old] = g
	return g
}

// copyOf appends another copy of glyph old and returns its new id.
func (s *glyphSet) copyOf(old uint16) uint16 {
	s.old = append(s.old, old)
	return uint16(len(s.old) - 1)
}

// planGlyphs picks the glyphs to keep for sorted distinct runes rs and
// the cmap entries a standalone font of them would have.
func (f *Font) planGlyphs(rs []rune) ([]mapping, *glyphSet) {
	set := &glyphSet{index: make(map[uint16]uint16, len(rs)+1), byRune: make([]uint16, len(rs))}
	set.add(0)
	pairs := make([]mapping, 0, len(rs))
	for i, r := range rs {
		if g := f.lookup(r); g != 0 {
			set.byRune[i] = set.add(g)
			pairs = append(pairs, mapping{r, set.byRune[i]})
		} else {
			set.byRune[i] = set.copyOf(0)
		}
	}
	// Components are appended after the characters' glyphs; the loop sees
	// them too, so nested composites are closed over.
	for i := 0; i < len(set.old); i++ {
		f.eachComponent(f.glyph(set.old[i]), func(at int, gid uint16) { set.add(gid) })
	}
	return pairs, set
}

// glyph returns the outline bytes of old glyph g, one of the font's own or
// one built for a substitute.
func (f *Font) glyph(g uint16) []byte {
	if n := len(f.loca) - 1; int(g) >= n {
		return f.synth[int(g)-n]
	}
	return f.glyf[f.loca[g]:f.loca[g+1]]
}

// eachComponent calls fn with the offset of each component glyph id of a
// composite glyph; simple glyphs have none.
func (f *Font) eachComponent(g []byte, fn func(at int, gid uint16)) {
	if len(g) < 10 || int16(binary.BigEndian.Uint16(g)) >= 0 {
		return
	}
	for p := 10; p+4 <= len(g); {
		flags := binary.BigEndian.Uint16(g[p:])
		if gid := binary.BigEndian.Uint16(g[p+2:]); int(gid) < len(f.loca)-1 {
			fn(p+2, gid)
		}
		p += 4 + componentArgs(flags)
		if flags&moreComponents == 0 {
			return
		}
	}
}

// componentArgs is the size of a component's offsets and transform.
func componentArgs(flags uint16) int {
	n := 2
	if flags&argsAreWords != 0 {
		n = 4
	}
	switch {
	case flags&haveScale != 0:
		n += 2
	case flags&haveXYScale != 0:
		n += 4
	case flags&haveTwoByTwo != 0:
		n += 8
	}
	return n
}

// buildGlyphs writes glyf and loca for the kept glyphs, renumbering
// composite components. loca is the short format (offsets/2, glyphs padded
// to 2 bytes) whenever the glyphs fit in it, as a form's few hundred do:
// half the bytes of the long format. long is head's indexToLocFormat.
func (f *Font) buildGlyphs(s *glyphSet) (glyf, loca []byte, long int) {
	size := 0
	for _, g := range s.old {
		size += pad4(len(f.glyph(g)))
	}
	pad, entry := pad2, 2
	if size > 2*0xFFFF {
		pad, entry, long = pad4, 4, 1
	}
	glyf = make([]byte, 0, size)
	loca = make([]byte, entry*(len(s.old)+1))
	put := func(i int) {
		if long == 1 {
			binary.BigEndian.PutUint32(loca[4*i:], uint32(len(glyf)))
		} else {
			binary.BigEndian.PutUint16(loca[2*i:], uint16(len(glyf)/2))
		}
	}
	for i, g := range s.old {
		put(i)
		start := len(glyf)
		glyf = appendUnhinted(glyf, f.glyph(g))
		f.eachComponent(glyf[start:], func(at int, old uint16) {
			binary.BigEndian.PutUint16(glyf[start+at:], s.index[old])
		})
		glyf = append(glyf, 0, 0, 0)[:pad(len(glyf))]
	}
	put(len(s.old))
	return glyf, loca, long
}

// buildMetrics writes hmtx for the kept glyphs and returns it with its
// numberOfHMetrics: glyphs after the last change of advance (the run of
// full-width CJK glyphs that ends a form's subset) keep only their side
// bearing, as the format allows.
func (f *Font) buildMetrics(s *glyphSet) ([]byte, int) {
	n := len(s.old)
	nh := n
	for nh > 1 && f.advance[s.old[nh-1]] == f.advance[s.old[nh-2]] {
		nh--
	}
	hmtx := make([]byte, 4*nh+2*(n-nh))
	var m [4]byte
	for i, g := range s.old {
		f.putMetric(m[:], g)
		if i < nh {
			copy(hmtx[4*i:], m[:])
		} else {
			copy(hmtx[4*nh+2*(i-nh):], m[2:])
		}
	}
	return hmtx, nh
}

// appendUnhinted appends glyph g to dst without its instructions.
func appendUnhinted(dst, g []byte) []byte {
	if len(g) < 12 {
		return append(dst, g...)
	}
	nc := int(int16(binary.BigEndian.Uint16(g)))
	if nc < 0 {
		return appendCompositeUnhinted(dst, g)
	}
	at := 10 + 2*nc // instructionLength
	if at+2 > len(g) {
		return append(dst, g...)
	}
	n := int(binary.BigEndian.Uint16(g[at:]))
	if at+2+n > len(g) {
		return append(dst, g...)
	}
	dst = append(dst, g[:at]...)
	dst = append(dst, 0, 0)
	return append(dst, g[at+2+n:]...)
}

// appendCompositeUnhinted copies a composite glyph up to its last component
// and clears the flag that announces instructions after it.
func appendCompositeUnhinted(dst, g []byte) []byte {
	p := 10
	for p+4 <= len(g) {
		flags := binary.BigEndian.Uint16(g[p:])
		next := p + 4 + componentArgs(flags)
		if flags&moreComponents == 0 || next > len(g) {
			start := len(dst)
			dst = append(dst, g[:min(next, len(g))]...)
			binary.BigEndian.PutUint16(dst[start+p:], flags&^haveInstructions)
			return dst
		}
		p = next
	}
	return append(dst, g...)
}

// putMetric writes old glyph g's advance and left side bearing; a built
// glyph's side bearing is its xMin.
func (f *Font) putMetric(dst []byte, g uint16) {
	if int(g) >= len(f.loca)-1 {
		binary.BigEndian.PutUint16(dst, f.advance[g])
		copy(dst[2:4], f.glyph(g)[2:4])
		return
	}
	hmtx := f.tables["hmtx"]
	nh := int(binary.BigEndian.Uint16(f.tables["hhea"][34:]))
	binary.BigEndian.PutUint16(dst, f.advance[g])
	if lsb := 4*nh + 2*(int(g)-nh); int(g) < nh {
		copy(dst[2:4], hmtx[4*int(g)+2:])
	} else if lsb+2 <= len(hmtx) {
		copy(dst[2:4], hmtx[lsb:])
	}
}

// patched returns a copy of table tag with the uint16 at off set to v.
func (f *Font) patched(tag string, off, v int) []byte {
	t := slices.Clone(f.tables[tag])
	binary.BigEndian.PutUint16(t[off:], uint16(v))
	return t
}

// maxp is the subset's maxp: its glyph count, and, when it holds a built
// glyph, component limits raised to cover it (FreeType refuses composites
// nested deeper than maxComponentDepth). Subsets without one keep the
// font's limits, so their bytes do not depend on the substitutes.
func (f *Font) maxp(s *glyphSet) []byte {
	t := f.patched("maxp", 4, len(s.old))
	if len(t) < 32 || !slices.ContainsFunc(s.old, func(g uint16) bool { return int(g) >= len(f.loca)-1 }) {
		return t
	}
	for at, v := range map[int]int{28: f.synthComps, 30: f.synthDepth} {
		binary.BigEndian.PutUint16(t[at:], uint16(max(v, int(binary.BigEndian.Uint16(t[at:])))))
	}
	return t
}

// post3 is the post table without glyph names (version 3), which subsets
// would otherwise have to renumber.
func (f *Font) post3() []byte {
	t := slices.Clone(f.tables["post"][:32])
	binary.BigEndian.PutUint32(t, 0x00030000)
	return t
}
