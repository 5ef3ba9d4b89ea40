package font

import (
	"encoding/binary"
	"testing"
)

// Subsets carry no cmap (a PDF maps its codes to glyphs itself), but the
// fuzz seeds and a few tests want a small font that Parse takes, so tests
// build one: withCmap gives a subset back a cmap for the runes it maps.

// mapping is one cmap entry: a rune and its glyph id.
type mapping struct {
	r   rune
	gid uint16
}

// withCmap returns sub's font program with a cmap for the runes of f it
// holds, so that Parse reads it as a font of its own.
func withCmap(t testing.TB, f *Font, sub *Subset) []byte {
	t.Helper()
	tables, err := readDirectory(sub.TTF, 0)
	if err != nil {
		t.Fatal(err)
	}
	var pairs []mapping
	for i, r := range sub.Runes {
		if f.Has(r) {
			pairs = append(pairs, mapping{r, sub.GIDs[i]})
		}
	}
	tables["cmap"] = buildCmap(pairs)
	return assemble(tables)
}

// buildCmap writes a cmap for pairs (sorted by rune): a (3,1) format 4
// subtable for the BMP and, when any character lies beyond it, a (3,10)
// format 12 subtable for all of them.
func buildCmap(pairs []mapping) []byte {
	bmp := pairs
	for len(bmp) > 0 && bmp[len(bmp)-1].r > 0xFFFF {
		bmp = bmp[:len(bmp)-1]
	}
	subs := [][]byte{buildFormat4(bmp)}
	if len(bmp) < len(pairs) {
		subs = append(subs, buildFormat12(pairs))
	}
	out := make([]byte, 4+8*len(subs))
	binary.BigEndian.PutUint16(out[2:], uint16(len(subs)))
	for i, sub := range subs {
		rec := out[4+8*i:]
		binary.BigEndian.PutUint16(rec, 3)                    // platform Windows
		binary.BigEndian.PutUint16(rec[2:], uint16(1+9*i))    // 1 = BMP, 10 = full
		binary.BigEndian.PutUint32(rec[4:], uint32(len(out))) // offset
		out = append(out, sub...)
	}
	return out
}

// segment is a run of consecutive characters with consecutive glyph ids.
type segment struct{ start, end, gid int }

func segments(pairs []mapping) []segment {
	segs := make([]segment, 0, len(pairs)+1)
	for _, p := range pairs {
		if n := len(segs) - 1; n >= 0 && int(p.r) == segs[n].end+1 && int(p.gid) == segs[n].gid+int(p.r)-segs[n].start {
			segs[n].end++
			continue
		}
		segs = append(segs, segment{int(p.r), int(p.r), int(p.gid)})
	}
	return segs
}

// buildFormat4 writes segments with idDelta and no glyph array.
func buildFormat4(pairs []mapping) []byte {
	segs := append(segments(pairs), segment{0xFFFF, 0xFFFF, 0}) // required last
	n := len(segs)
	out := make([]byte, 16+8*n)
	put := func(at, v int) { binary.BigEndian.PutUint16(out[at:], uint16(v)) }
	sr, es := searchParams(n, 2)
	for i, v := range []int{4, len(out), 0, 2 * n, int(sr), int(es), 2*n - int(sr)} {
		put(2*i, v)
	}
	for i, s := range segs {
		put(14+2*i, s.end)
		put(16+2*n+2*i, s.start)
		put(16+4*n+2*i, s.gid-s.start) // idDelta, modulo 65536; idRangeOffset stays 0
	}
	return out
}

// buildFormat12 writes sequential map groups.
func buildFormat12(pairs []mapping) []byte {
	segs := segments(pairs)
	out := make([]byte, 16, 16+12*len(segs))
	binary.BigEndian.PutUint16(out, 12)
	binary.BigEndian.PutUint32(out[4:], uint32(16+12*len(segs)))
	binary.BigEndian.PutUint32(out[12:], uint32(len(segs)))
	for _, s := range segs {
		out = binary.BigEndian.AppendUint32(out, uint32(s.start))
		out = binary.BigEndian.AppendUint32(out, uint32(s.end))
		out = binary.BigEndian.AppendUint32(out, uint32(s.gid))
	}
	return out
}
