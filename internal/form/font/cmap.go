package font

import (
	"encoding/binary"
	"errors"
)

// parseCmap fills f.cmap (BMP) and f.supp (other planes) from the best
// Unicode subtable: a format 12 one when the font has it, else format 4.
func (f *Font) parseCmap() error {
	cm := f.tables["cmap"]
	if len(cm) < 4 {
		return errors.New("font's cmap table is truncated")
	}
	var fmt4, fmt12 []byte
	for i := range int(binary.BigEndian.Uint16(cm[2:])) {
		if 4+8*i+8 > len(cm) {
			break
		}
		rec := cm[4+8*i:]
		pid, eid := binary.BigEndian.Uint16(rec), binary.BigEndian.Uint16(rec[2:])
		sub := subtable(cm, int(binary.BigEndian.Uint32(rec[4:])))
		switch {
		case sub == nil || !(pid == 0 || pid == 3 && (eid == 1 || eid == 10)):
		case binary.BigEndian.Uint16(sub) == 12 && fmt12 == nil:
			fmt12 = sub
		case binary.BigEndian.Uint16(sub) == 4 && fmt4 == nil:
			fmt4 = sub
		}
	}
	f.cmap = make([]uint16, 0x10000)
	switch {
	case fmt12 != nil:
		return f.readFormat12(fmt12)
	case fmt4 != nil:
		return f.readFormat4(fmt4)
	}
	return errors.New("font has no Unicode cmap (format 4 or 12)")
}

// subtable returns the cmap subtable at off, or nil when it is out of range.
func subtable(cm []byte, off int) []byte {
	if off < 0 || off+8 > len(cm) {
		return nil
	}
	return cm[off:]
}

func (f *Font) readFormat12(t []byte) error {
	if len(t) < 16 {
		return errors.New("font's cmap format 12 is truncated")
	}
	n := int(binary.BigEndian.Uint32(t[12:]))
	if n < 0 || 16+12*n > len(t) {
		return errors.New("font's cmap format 12 is truncated")
	}
	budget := 1 << 21 // codes; a hostile table must not loop for ever
	for i := range n {
		g := t[16+12*i:]
		start, end := binary.BigEndian.Uint32(g), min(binary.BigEndian.Uint32(g[4:]), 0x10FFFF)
		gid := binary.BigEndian.Uint32(g[8:])
		if budget -= int(end-start) + 1; end >= start && budget < 0 {
			return errors.New("font's cmap format 12 maps too many characters")
		}
		for c := start; c <= end; c++ {
			f.setGlyph(rune(c), gid+c-start)
		}
	}
	return nil
}

func (f *Font) readFormat4(t []byte) error {
	seg := int(binary.BigEndian.Uint16(t[6:])) / 2
	if 16+8*seg > len(t) {
		return errors.New("font's cmap format 4 is truncated")
	}
	ends, starts := t[14:], t[16+2*seg:]
	deltas, ranges := t[16+4*seg:], t[16+6*seg:]
	budget := 1 << 17 // codes: overlapping segments must not loop for ever
	for i := range seg {
		start, end := int(binary.BigEndian.Uint16(starts[2*i:])), int(binary.BigEndian.Uint16(ends[2*i:]))
		if budget -= end - start + 1; budget < 0 {
			return errors.New("font's cmap format 4 maps too many characters")
		}
		delta, ro := int(binary.BigEndian.Uint16(deltas[2*i:])), int(binary.BigEndian.Uint16(ranges[2*i:]))
		for c := start; c <= end && c != 0xFFFF; c++ {
			f.setGlyph(rune(c), uint32(f4glyph(ranges[2*i:], c, c-start, ro, delta)))
		}
	}
	return nil
}

// f4glyph resolves code c, the i-th of its format 4 segment; at is the
// segment's idRangeOffset entry, which idRangeOffset counts from.
func f4glyph(at []byte, c, i, ro, delta int) int {
	if ro == 0 {
		return 0xFFFF & (c + delta)
	}
	p := ro + 2*i
	if p+2 > len(at) {
		return 0
	}
	g := int(binary.BigEndian.Uint16(at[p:]))
	if g == 0 {
		return 0
	}
	return 0xFFFF & (g + delta)
}

func (f *Font) setGlyph(r rune, gid uint32) {
	switch {
	case gid == 0 || gid >= uint32(len(f.loca)-1):
	case int(r) < len(f.cmap):
		f.cmap[r] = uint16(gid)
	default:
		f.supp[r] = uint16(gid)
	}
}
