package font

import "encoding/binary"

// Metrics are the font-wide numbers a PDF font descriptor needs, in
// 1/1000 em.
type Metrics struct {
	Ascent, Descent, CapHeight int
	BBox                       [4]int // xMin, yMin, xMax, yMax
	ItalicAngle                float64
	StemV                      int
	FixedPitch                 bool
	PostScriptName             string
}

// Metrics returns the font's descriptor metrics.
func (f *Font) Metrics() Metrics { return f.metrics }

func (f *Font) readMetrics() Metrics {
	head, hhea, post := f.tables["head"], f.tables["hhea"], f.tables["post"]
	s := func(v int16) int { return int(v) * 1000 / f.unitsPerEm }
	i16 := func(b []byte, at int) int16 { return int16(binary.BigEndian.Uint16(b[at:])) }
	m := Metrics{
		Ascent:  s(i16(hhea, 4)),
		Descent: s(i16(hhea, 6)),
		BBox:    [4]int{s(i16(head, 36)), s(i16(head, 38)), s(i16(head, 40)), s(i16(head, 42))},
		// post.italicAngle is 16.16 fixed point.
		ItalicAngle:    float64(int32(binary.BigEndian.Uint32(post[4:]))) / 65536,
		FixedPitch:     binary.BigEndian.Uint32(post[12:]) != 0,
		PostScriptName: f.postScriptName(),
	}
	m.CapHeight, m.StemV = m.Ascent, 80
	if os2 := f.tables["OS/2"]; len(os2) >= 90 && binary.BigEndian.Uint16(os2) >= 2 {
		m.CapHeight = s(i16(os2, 88))
	}
	if os2 := f.tables["OS/2"]; len(os2) >= 6 {
		// The usual estimate from usWeightClass; PDF viewers barely use it.
		w := int(binary.BigEndian.Uint16(os2[4:]))
		m.StemV = 50 + w*w/(65*65)
	}
	return m
}

// postScriptName reads name ID 6 (Windows Unicode or Mac Roman record) and
// keeps only the characters a PDF name may hold unescaped.
func (f *Font) postScriptName() string {
	t := f.tables["name"]
	if len(t) < 6 {
		return "Font"
	}
	count, storage := int(binary.BigEndian.Uint16(t[2:])), int(binary.BigEndian.Uint16(t[4:]))
	for i := 0; i < count && 6+12*i+12 <= len(t); i++ {
		r := t[6+12*i:]
		pid, id := binary.BigEndian.Uint16(r), binary.BigEndian.Uint16(r[6:])
		n, off := int(binary.BigEndian.Uint16(r[8:])), storage+int(binary.BigEndian.Uint16(r[10:]))
		if id != 6 || off+n > len(t) || pid != 1 && pid != 3 {
			continue
		}
		if name := psChars(t[off:off+n], pid == 3); name != "" {
			return name
		}
	}
	return "Font"
}

// psChars keeps the ASCII letters, digits and hyphens of a name record,
// which is UTF-16BE when wide.
func psChars(b []byte, wide bool) string {
	var out []byte
	step := 1
	if wide {
		step = 2
	}
	for i := 0; i+step <= len(b); i += step {
		c := rune(b[i])
		if wide {
			c = rune(binary.BigEndian.Uint16(b[i:]))
		}
		if c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' {
			out = append(out, byte(c))
		}
	}
	return string(out)
}
