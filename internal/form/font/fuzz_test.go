package font

import (
	"encoding/binary"
	"testing"
)

// FuzzParse: any bytes give a font or an error, never a panic; a font that
// parses can be subset, and the subset parses again.
func FuzzParse(f *testing.F) {
	fnt, err := Parse(Embedded())
	if err != nil {
		f.Fatal(err)
	}
	seed := fnt.Subset([]rune("质量AB，\U00010400")).Standalone()
	f.Add(seed)
	f.Add(seed[:len(seed)/2])
	for _, at := range []int{4, 12, 20, 28} { // bump table counts and offsets
		bad := append([]byte(nil), seed...)
		binary.BigEndian.PutUint32(bad[at:], 0xFFFFFFF0)
		f.Add(bad)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		g, err := Parse(data)
		if err != nil {
			return
		}
		sub := g.Subset([]rune("质量AB，\U00010400\u0F00"))
		if _, err := ParseProgram(sub.TTF); err != nil {
			t.Fatalf("subset of a parsed font does not parse: %v", err)
		}
	})
}
