package font

import "encoding/binary"

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

// keptNames are the name IDs a subset keeps: copyright, family,
// subfamily, unique id, full name, version, PostScript name, licence and
// licence URL. Descriptions, trademarks and localised names go.
var keptNames = map[uint16]bool{0: true, 1: true, 2: true, 3: true, 4: true, 5: true, 6: true, 13: true, 14: true}

// nameSubset returns a format 0 name table with the Windows English
// records of keptNames, or the original table if it has none.
func (f *Font) nameSubset() []byte {
	t := f.tables["name"]
	if len(t) < 6 {
		return t
	}
	count, storage := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	var recs, strs []byte
	for i := 0; i < count && 6+12*i+12 <= len(t); i++ {
		r := t[6+12*i : 6+12*i+12]
		n, off := int(binary.BigEndian.Uint16(r[8:])), storage+int(binary.BigEndian.Uint16(r[10:]))
		if string(r[:6]) != "\x00\x03\x00\x01\x04\x09" || !keptNames[binary.BigEndian.Uint16(r[6:])] || off+n > len(t) {
			continue
		}
		recs = append(recs, r[:8]...)
		recs = binary.BigEndian.AppendUint16(recs, uint16(n))
		recs = binary.BigEndian.AppendUint16(recs, uint16(len(strs)))
		strs = append(strs, t[off:off+n]...)
	}
	if len(recs) == 0 {
		return t
	}
	out := make([]byte, 6, 6+len(recs)+len(strs))
	binary.BigEndian.PutUint16(out[2:], uint16(len(recs)/12))
	binary.BigEndian.PutUint16(out[4:], uint16(6+len(recs)))
	return append(append(out, recs...), strs...)
}
