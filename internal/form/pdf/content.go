package pdf

import "github.com/qdoc/qdoc/internal/form/font"

// Content builds a page's content stream. Coordinates are millimetres from
// the page's top left, as forms are drawn on paper; Content flips them into
// PDF space.
type Content struct {
	buf    []byte
	height float64 // page height, pt
	font   *font.Subset
	size   float64 // current font size, pt
}

// NewContent starts the content of a page height mm tall whose text uses
// sub's glyphs; lines are drawn lineWidth mm wide.
func NewContent(height, lineWidth float64, sub *font.Subset) *Content {
	c := &Content{height: height * ptPerMM, font: sub, buf: make([]byte, 0, 8<<10)}
	c.buf = appendNum(c.buf, lineWidth*ptPerMM)
	c.buf = append(c.buf, " w\n"...)
	return c
}

// xy appends a point given in mm from the top left.
func (c *Content) xy(x, y float64) {
	c.buf = appendNum(c.buf, x*ptPerMM)
	c.buf = append(c.buf, ' ')
	c.buf = appendNum(c.buf, c.height-y*ptPerMM)
	c.buf = append(c.buf, ' ')
}

// Rect outlines a box; grey < 1 also fills it with that grey (0 black).
func (c *Content) Rect(x, y, w, h, grey float64) {
	if grey < 1 {
		c.buf = append(c.buf, "q "...)
		c.buf = appendNum(c.buf, grey)
		c.buf = append(c.buf, " g "...)
	}
	c.xy(x, y+h)
	c.buf = appendNum(c.buf, w*ptPerMM)
	c.buf = append(c.buf, ' ')
	c.buf = appendNum(c.buf, h*ptPerMM)
	if grey < 1 {
		c.buf = append(c.buf, " re B Q\n"...)
	} else {
		c.buf = append(c.buf, " re S\n"...)
	}
}

// Text shows s at size pt with its baseline starting at (x, y). Every
// character must be in the font subset (the engine cuts it from the very
// texts it shows); others show as glyph 0.
func (c *Content) Text(x, y, size float64, s string) {
	c.buf = append(c.buf, "BT "...)
	if size != c.size {
		c.buf = append(c.buf, "/F1 "...)
		c.buf = appendNum(c.buf, size)
		c.buf = append(c.buf, " Tf "...)
		c.size = size
	}
	c.buf = append(c.buf, "1 0 0 1 "...)
	c.xy(x, y)
	c.buf = append(c.buf, "Tm <"...)
	for _, r := range s {
		g := c.font.GID(r)
		c.buf = append(c.buf, hexDigits[g>>12], hexDigits[g>>8&15], hexDigits[g>>4&15], hexDigits[g&15])
	}
	c.buf = append(c.buf, "> Tj ET\n"...)
}
