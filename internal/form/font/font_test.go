package font

import (
	"bytes"
	"encoding/binary"
	"testing"
)

func embeddedFont(t testing.TB) *Font {
	t.Helper()
	f, err := Parse(Embedded())
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// The built-in font must print everything a form holds: ASCII, digits,
// CJK and full-width punctuation, Chinese, and the symbols of quality
// texts (℃ and ℉ through their equivalents °C and °F).
func TestEmbeddedCoverage(t *testing.T) {
	f := embeddedFont(t)
	const sample = "质量信息传递反馈单，。、；：？！（）《》「」‘’“”…—·【】％＋－＝０９ＡＺ" +
		"℃℉°±×÷≤≥‰μΩ①②⑩ⅠⅡⅢⅣⅤⅩ™®©№§√□■☑※～"
	for r := rune(0x20); r < 0x7F; r++ {
		if !f.Has(r) {
			t.Errorf("no glyph for ASCII %q", r)
		}
	}
	for _, r := range sample {
		if !f.Has(r) {
			t.Errorf("no glyph for %q (%U)", r, r)
		}
	}
	if f.Width('中') <= f.Width('i') {
		t.Errorf("width of 中 %d should exceed width of i %d", f.Width('中'), f.Width('i'))
	}
}

func TestExtractTTCRoundTrip(t *testing.T) {
	// Re-extracting the standalone font through a one-face collection must
	// give back the same bytes: tables, directory and checksums.
	ttf := Embedded()
	ttc := make([]byte, 16, 16+len(ttf))
	copy(ttc, "ttcf")
	binary.BigEndian.PutUint32(ttc[4:], 0x00010000)
	binary.BigEndian.PutUint32(ttc[8:], 1)
	binary.BigEndian.PutUint32(ttc[12:], 16)
	ttc = append(ttc, ttf...)
	shift(ttc[16:], 16)
	got, err := ExtractTTC(ttc, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, ttf) {
		t.Fatal("extracted face differs from the embedded font")
	}
	if _, err := ExtractTTC(ttc, 1); err == nil {
		t.Fatal("face 1 of a one-face collection should be an error")
	}
}

// shift moves every table offset of the font at ttf by d, as embedding it
// at offset d of a collection does.
func shift(ttf []byte, d uint32) {
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		p := ttf[12+16*i+8:]
		binary.BigEndian.PutUint32(p, binary.BigEndian.Uint32(p)+d)
	}
}

func TestParseRejects(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"otf":       []byte("OTTO\x00\x00\x00\x00\x00\x00\x00\x00"),
		"truncated": Embedded()[:200],
	} {
		if _, err := Parse(data); err == nil {
			t.Errorf("%s: Parse succeeded", name)
		}
	}
}
