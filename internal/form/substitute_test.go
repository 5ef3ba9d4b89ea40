package form

import (
	"bytes"
	"image"
	"image/png"
	"os/exec"
	"testing"
	"time"
)

// ink renders s large on a page with poppler and counts its dark pixels.
func ink(t *testing.T, s string) int {
	t.Helper()
	c := testEngine(t).NewCanvas(false, time.Date(2026, 7, 5, 0, 0, 0, 0, time.UTC), "ink")
	c.Text(20, 20, 60, s)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(pdftoppm(t, buf.Bytes())))
	if err != nil {
		t.Fatal(err)
	}
	return dark(img)
}

func dark(img image.Image) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r+g+bl < 3*0x8000 {
				n++
			}
		}
	}
	return n
}

// What the audit found, drawn by poppler as a printer would: ℃ and ℉ were
// blank. They now print as °C and °F (a composite glyph poppler must draw
// cleanly), Ⅴ as V, and a character with no glyph at all (ǎ, whose glyph
// is empty, and 𠮷) as the missing-glyph box rather than nothing.
func TestSubstitutesPrint(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm not installed (apt-get install poppler-utils)")
	}
	for _, c := range []struct{ sub, plain string }{{"℃", "°C"}, {"℉", "°F"}, {"Ⅴ", "V"}} {
		got, want := ink(t, c.sub), ink(t, c.plain)
		if want == 0 || got < want*9/10 || got > want*11/10 {
			t.Errorf("%s prints %d dark pixels, %s %d: want the same drawing", c.sub, got, c.plain, want)
		}
	}
	for _, s := range []string{"ǎ", "\U00020BB7"} {
		if ink(t, s) == 0 {
			t.Errorf("%q prints nothing; a missing character must print as a box", s)
		}
	}
}
