package font

import "encoding/binary"

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
