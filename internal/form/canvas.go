package form

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/form/pdf"
)

// RGB is a colour, 0–255 per channel; the zero value is black.
type RGB = pdf.RGB

// Canvas composes free-form A4 documents — reports with charts, tables and
// signature boxes — with the forms' embedded font, per-document subsetting
// and fixed dates, so the same drawing gives byte-identical PDFs.
//
// Coordinates are millimetres from the page's top left. Text is placed by
// the top-left corner of its line box (LineHeight tall, the glyphs centred
// in it), so a caller stacks lines by adding LineHeight and draws text in a
// box the way the forms do. Sizes of type are points.
//
// A Canvas is not safe for concurrent use; make one per document.
type Canvas struct {
	e       *Engine
	w, h    float64
	title   string
	created time.Time
	pages   [][]op
	cur     int  // page drawn on
	used    bool // whether the first page has been started or drawn on
	color   RGB  // text colour
}

// canvasLineHeight is the canvas's line height as a multiple of the type
// size: tighter than the forms' 1.45, which leave room to write by hand.
const canvasLineHeight = 1.35

// NewCanvas starts a document of A4 pages, landscape or portrait, whose
// creation date is created (no clock is read) and whose title is title.
// Drawing starts on page 1; AddPage starts the next one.
func (e *Engine) NewCanvas(landscape bool, created time.Time, title string) *Canvas {
	w, h := 210.0, 297.0
	if landscape {
		w, h = h, w
	}
	return &Canvas{e: e, w: w, h: h, title: title, created: created, pages: [][]op{nil}}
}

// AddPage starts a new page and draws on it. Called first on a fresh
// canvas, it starts page 1, so both "draw, AddPage, draw" and "AddPage,
// draw, AddPage, draw" give the pages one expects.
func (c *Canvas) AddPage() {
	if !c.used {
		c.used = true
		return
	}
	c.pages = append(c.pages, nil)
	c.cur = len(c.pages) - 1
}

// Page is the number (from 1) of the page being drawn on.
func (c *Canvas) Page() int { return c.cur + 1 }

// PageCount is how many pages the document has so far.
func (c *Canvas) PageCount() int { return len(c.pages) }

// SetPage goes back to page n (from 1) to draw on it, e.g. to print
// "第 x 页 共 y 页" on every page once the count is known. Out-of-range
// numbers are clamped.
func (c *Canvas) SetPage(n int) {
	c.used = true
	c.cur = min(max(n, 1), len(c.pages)) - 1
}

// Size is the page's width and height in mm.
func (c *Canvas) Size() (w, h float64) { return c.w, c.h }

// SetTextColor sets the colour of the text drawn from now on (Text,
// TextBox, Table); black is RGB{}.
func (c *Canvas) SetTextColor(col RGB) { c.color = col }

// LineHeight is the height in mm of one line of text of size pt.
func (c *Canvas) LineHeight(size float64) float64 { return size * mmPerPt * canvasLineHeight }

// TextWidth is the printed width in mm of s, on one line, at size pt.
func (c *Canvas) TextWidth(size float64, s string) float64 {
	return float64(measure(oneLine(s), c.e.font.Width)) * size * mmPerPt / 1000
}

// Text draws s on one line (newlines become spaces) with the top-left
// corner of its line box at (x, y). To centre or right-align, subtract
// TextWidth or half of it from x.
func (c *Canvas) Text(x, y, size float64, s string) {
	s = oneLine(s)
	if s == "" || !finite(x, y, size) || size <= 0 {
		return
	}
	lh := c.LineHeight(size)
	// The baseline sits so the ideographic body (about -0.12 em to 0.88 em)
	// is centred in the line, as in the forms.
	o := op{kind: opText, x: x, y: y + lh/2 + 0.36*size*mmPerPt, size: size, text: s,
		clip: box{x, y, c.TextWidth(size, s), lh}}
	if c.color != (RGB{}) {
		col := c.color
		o.paint = &pdf.Paint{Fill: &col}
	}
	c.emit(o)
}

// TextBox draws s wrapped to width w mm with the engine's own line breaking
// (Chinese between any characters, Latin words whole, kinsoku, the user's
// newlines kept), top-left at (x, y), and returns the height it took. It
// does not break pages: measure first with TextHeight when that matters.
func (c *Canvas) TextBox(x, y, w, size float64, s string) (height float64) {
	lines := c.wrap(s, w, size)
	lh := c.LineHeight(size)
	for i, ln := range lines {
		c.Text(x, y+float64(i)*lh, size, ln)
	}
	return float64(len(lines)) * lh
}

// TextHeight is the height TextBox would take for the same text.
func (c *Canvas) TextHeight(w, size float64, s string) float64 {
	return float64(len(c.wrap(s, w, size))) * c.LineHeight(size)
}

func (c *Canvas) wrap(s string, w, size float64) []string {
	if size <= 0 || !finite(w, size) {
		return nil
	}
	lines := breakLines(fieldText(s), int(w/(size*mmPerPt)*1000), c.e.font.Width)
	if len(lines) == 1 && lines[0] == "" {
		return nil
	}
	return lines
}

// Line draws a straight line width mm wide (0: the forms' 0.2 mm).
func (c *Canvas) Line(x1, y1, x2, y2, width float64, col RGB) {
	c.shape(opPoly, []float64{x1, y1, x2, y2}, false, pdf.Paint{Stroke: &col, Width: width})
}

// Rect draws a rectangle with its top-left corner at (x, y), filled with
// fill and outlined lineWidth mm wide in stroke; either may be nil.
func (c *Canvas) Rect(x, y, w, h float64, fill, stroke *RGB, lineWidth float64) {
	c.shape(opRects, []float64{x, y, w, h}, false, paint(fill, stroke, lineWidth))
}

// Polygon draws the closed shape through points x0, y0, x1, y1, … (mm).
func (c *Canvas) Polygon(xy []float64, fill, stroke *RGB, lineWidth float64) {
	c.shape(opPoly, xy, true, paint(fill, stroke, lineWidth))
}

// Wedge draws a pie slice centred on (cx, cy) with radius r, from angle
// from to angle to in degrees, clockwise from 12 o'clock as pie charts are
// read. The arc is a polygon of at most 2° steps.
func (c *Canvas) Wedge(cx, cy, r, from, to float64, fill, stroke *RGB, lineWidth float64) {
	if !finite(cx, cy, r, from, to) || to <= from {
		return
	}
	n := int(math.Ceil(min(to-from, 360)/2)) + 1
	xy := []float64{cx, cy}
	for i := range n {
		a := (from + (to-from)*float64(i)/float64(n-1)) * math.Pi / 180
		xy = append(xy, cx+r*math.Sin(a), cy-r*math.Cos(a))
	}
	c.shape(opPoly, xy, true, paint(fill, stroke, lineWidth))
}

// paint copies the caller's colours, so changing them later does not
// change what was drawn.
func paint(fill, stroke *RGB, width float64) pdf.Paint {
	p := pdf.Paint{Width: width}
	if fill != nil {
		f := *fill
		p.Fill = &f
	}
	if stroke != nil {
		s := *stroke
		p.Stroke = &s
	}
	return p
}

// shape records a drawing of points; non-finite coordinates would make an
// unreadable PDF, so such a shape is dropped.
func (c *Canvas) shape(kind opKind, pts []float64, closed bool, p pdf.Paint) {
	if (p.Fill == nil && p.Stroke == nil) || !finite(pts...) || !finite(p.Width) {
		return
	}
	c.emit(op{kind: kind, pts: pts, closed: closed, paint: &p})
}

func (c *Canvas) emit(o op) {
	c.used = true
	c.pages[c.cur] = append(c.pages[c.cur], o)
}

// WriteTo writes the document as one PDF.
func (c *Canvas) WriteTo(w io.Writer) (int64, error) {
	if c == nil || c.e == nil {
		return 0, errors.New("canvas: not made by Engine.NewCanvas")
	}
	n, err := c.e.document(c.w, c.h, c.pages, c.title, c.created).WriteTo(w)
	if err != nil {
		return n, fmt.Errorf("writing PDF: %w", err)
	}
	return n, nil
}

// oneLine is user text cleaned for a single line.
func oneLine(s string) string { return strings.ReplaceAll(clean(s), "\n", " ") }

func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
