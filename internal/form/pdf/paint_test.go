package pdf

import (
	"strings"
	"testing"
)

func TestPaintOperators(t *testing.T) {
	red, black := RGB{R: 255}, RGB{}
	c := NewContent(100, 0.2, nil)
	c.Rects([]float64{10, 10, 5, 5, 20, 10, 5, 5}, Paint{Fill: &black})
	c.Poly([]float64{0, 0, 10, 10}, false, Paint{Stroke: &red, Width: 1})
	c.Poly([]float64{0, 0, 10, 0, 10, 10}, true, Paint{Fill: &red, Stroke: &black})
	c.Rects([]float64{1, 1, 1, 1}, Paint{}) // paints nothing: no operators
	got := string(c.buf)
	for _, want := range []string{
		"q 0 0 0 rg 28.35 240.94 14.17 14.17 re 56.69 240.94 14.17 14.17 re f Q\n",
		"q 2.83 w 1 0 0 RG 0 283.46 m 28.35 255.12 l S Q\n",
		"q 1 0 0 rg 0 0 0 RG 0 283.46 m 28.35 283.46 l 28.35 255.12 l h B Q\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("content lacks %q:\n%s", want, got)
		}
	}
	if strings.Count(got, "q ") != 3 {
		t.Errorf("an empty paint drew something:\n%s", got)
	}
}

// TestTextRGBKeepsFont: coloured text resets the colour without q/Q, so
// the font set by the first Tf stays current for the next text.
func TestTextRGBKeepsFont(t *testing.T) {
	c := NewContent(100, 0.2, nil)
	c.size = 10 // as if a Tf of 10 pt had been written
	c.buf = c.buf[:0]
	c.TextRGB(1, 1, 10, "", RGB{R: 255})
	c.TextRGB(1, 1, 10, "", RGB{})
	want := "1 0 0 rg BT 1 0 0 1 2.83 280.63 Tm <> Tj ET\n0 g\nBT 1 0 0 1 2.83 280.63 Tm <> Tj ET\n"
	if got := string(c.buf); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
