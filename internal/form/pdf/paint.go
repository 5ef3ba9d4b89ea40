package pdf

// Coloured shapes and text, for the canvas (reports with charts), the
// document-control stamp and the QR code. The forms' own grey boxes and
// black text keep using Rect and Text, so their bytes do not change.

// RGB is a colour, 0–255 per channel; the zero value is black.
type RGB struct{ R, G, B uint8 }

// Paint says how a shape is drawn: filled, outlined, or both. A nil Fill
// or Stroke leaves that part out; Width is the outline's width in mm (0
// means the page's default line width).
type Paint struct {
	Fill, Stroke *RGB
	Width        float64
}

// Rects draws rectangles, each x, y, w, h in mm from the top left (the
// top-left corner), as one path painted once: the QR code's hundreds of
// modules cost one colour change, not hundreds.
func (c *Content) Rects(xywh []float64, p Paint) {
	if !c.begin(p) {
		return
	}
	for i := 0; i+3 < len(xywh); i += 4 {
		x, y, w, h := xywh[i], xywh[i+1], xywh[i+2], xywh[i+3]
		c.xy(x, y+h)
		c.buf = appendNum(c.buf, w*ptPerMM)
		c.buf = append(c.buf, ' ')
		c.buf = appendNum(c.buf, h*ptPerMM)
		c.buf = append(c.buf, " re "...)
	}
	c.end(p)
}

// Poly draws the path through points x0, y0, x1, y1, … (mm), closed back
// to its start when closed is set: lines, polygons, pie slices.
func (c *Content) Poly(xy []float64, closed bool, p Paint) {
	if len(xy) < 4 || !c.begin(p) {
		return
	}
	for i := 0; i+1 < len(xy); i += 2 {
		c.xy(xy[i], xy[i+1])
		if i == 0 {
			c.buf = append(c.buf, "m "...)
		} else {
			c.buf = append(c.buf, "l "...)
		}
	}
	if closed {
		c.buf = append(c.buf, "h "...)
	}
	c.end(p)
}

// begin saves the graphics state and sets p's colours and width; it
// reports false when p paints nothing.
func (c *Content) begin(p Paint) bool {
	if p.Fill == nil && p.Stroke == nil {
		return false
	}
	c.buf = append(c.buf, "q "...)
	if p.Width > 0 {
		c.buf = appendNum(c.buf, p.Width*ptPerMM)
		c.buf = append(c.buf, " w "...)
	}
	if p.Fill != nil {
		c.buf = appendRGB(c.buf, *p.Fill, " rg ")
	}
	if p.Stroke != nil {
		c.buf = appendRGB(c.buf, *p.Stroke, " RG ")
	}
	return true
}

// end paints the path (fill, stroke or both) and restores the state.
func (c *Content) end(p Paint) {
	switch {
	case p.Fill != nil && p.Stroke != nil:
		c.buf = append(c.buf, "B Q\n"...)
	case p.Fill != nil:
		c.buf = append(c.buf, "f Q\n"...)
	default:
		c.buf = append(c.buf, "S Q\n"...)
	}
}

// TextRGB is Text in colour col. The colour is set outside BT…ET and reset
// to black after, without q/Q: q/Q would also restore the font, which Text
// tracks to avoid repeating Tf.
func (c *Content) TextRGB(x, y, size float64, s string, col RGB) {
	if col == (RGB{}) {
		c.Text(x, y, size, s)
		return
	}
	c.buf = appendRGB(c.buf, col, " rg ")
	c.Text(x, y, size, s)
	c.buf = append(c.buf, "0 g\n"...)
}

// appendRGB appends the colour as three 0–1 numbers and op.
func appendRGB(b []byte, col RGB, op string) []byte {
	for i, v := range [3]uint8{col.R, col.G, col.B} {
		if i > 0 {
			b = append(b, ' ')
		}
		b = appendNum(b, float64(v)/255)
	}
	return append(b, op...)
}
