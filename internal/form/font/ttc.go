package font

import (
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
)

// ExtractTTC returns face number face of a TrueType collection as a
// standalone TrueType font: the face's tables are copied out of the shared
// file and given a fresh table directory, offsets and head checksum.
func ExtractTTC(ttc []byte, face int) ([]byte, error) {
	if len(ttc) < 12 || string(ttc[:4]) != "ttcf" {
		return nil, errors.New("not a TrueType collection (no ttcf header)")
	}
	n := int(binary.BigEndian.Uint32(ttc[8:]))
	if face < 0 || face >= n || len(ttc) < 12+4*n {
		return nil, fmt.Errorf("collection has %d faces, no face %d", n, face)
	}
	off := int(binary.BigEndian.Uint32(ttc[12+4*face:]))
	dir, err := readDirectory(ttc, off)
	if err != nil {
		return nil, err
	}
	tables := make(map[string][]byte, len(dir))
	for tag, t := range dir {
		tables[tag] = t
	}
	return assemble(tables), nil
}

// readDirectory reads the table directory starting at off and returns each
// table's bytes, sliced out of data (not copied).
func readDirectory(data []byte, off int) (map[string][]byte, error) {
	if off < 0 || off+12 > len(data) {
		return nil, errors.New("truncated font header")
	}
	n := int(binary.BigEndian.Uint16(data[off+4:]))
	if off+12+16*n > len(data) {
		return nil, errors.New("truncated table directory")
	}
	tables := make(map[string][]byte, n)
	for i := range n {
		rec := data[off+12+16*i:]
		start := int64(binary.BigEndian.Uint32(rec[8:]))
		size := int64(binary.BigEndian.Uint32(rec[12:]))
		if start+size > int64(len(data)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", rec[:4])
		}
		tables[string(rec[:4])] = data[start : start+size : start+size]
	}
	return tables, nil
}

// assemble writes an sfnt file from tables: sorted directory, 4-byte aligned
// table data, per-table checksums and head.checkSumAdjustment. Sorting makes
// the output depend only on the tables.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	size := 12 + 16*len(tables)
	for tag, t := range tables {
		tags = append(tags, tag)
		size += pad4(len(t))
	}
	sort.Strings(tags)
	out := make([]byte, size)
	writeOffsetTable(out, len(tags))
	pos, headAt := 12+16*len(tags), -1
	for i, tag := range tags {
		t := tables[tag]
		copy(out[pos:], t)
		if tag == "head" && len(t) >= 12 {
			headAt = pos
			clear(out[pos+8 : pos+12]) // checksum is computed with adjustment zero
		}
		rec := out[12+16*i:]
		copy(rec, tag)
		binary.BigEndian.PutUint32(rec[4:], checksum(out[pos:pos+pad4(len(t))]))
		binary.BigEndian.PutUint32(rec[8:], uint32(pos))
		binary.BigEndian.PutUint32(rec[12:], uint32(len(t)))
		pos += pad4(len(t))
	}
	if headAt >= 0 {
		binary.BigEndian.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	}
	return out
}

// writeOffsetTable fills the 12-byte sfnt header for n tables.
func writeOffsetTable(out []byte, n int) {
	binary.BigEndian.PutUint32(out, 0x00010000)
	binary.BigEndian.PutUint16(out[4:], uint16(n))
	sr, es := searchParams(n, 16)
	binary.BigEndian.PutUint16(out[6:], sr)
	binary.BigEndian.PutUint16(out[8:], es)
	binary.BigEndian.PutUint16(out[10:], uint16(n*16)-sr)
}

// searchParams gives the binary-search hints sfnt headers carry: the largest
// power of two ≤ n, times unit, and its log2.
func searchParams(n, unit int) (searchRange, entrySelector uint16) {
	p, e := 1, 0
	for p*2 <= n {
		p, e = p*2, e+1
	}
	return uint16(p * unit), uint16(e)
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words,
// the last one zero-padded.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	var last [4]byte
	copy(last[:], b)
	return sum + binary.BigEndian.Uint32(last[:])
}

func pad4(n int) int { return (n + 3) &^ 3 }

func pad2(n int) int { return (n + 1) &^ 1 }
