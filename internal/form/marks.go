package form

import (
	"fmt"

	qrcode "github.com/skip2/go-qrcode"

	"github.com/qdoc/qdoc/internal/form/pdf"
)

// The QR code of the serial (issue 6) and the document-control stamp
// (issue 5) sit at the top right of every page, above the body, so they
// never cover a cell: the QR code against the right margin, spanning the
// header line and the title band; the stamp in the title band left of it.
// The header's right text and the title move aside for them.

// qrMaxSide is the QR code's dark area, mm: about 0.5 mm modules for the
// version 2 code of a 20-character serial, which desk scanners and phones
// read from a 300 dpi print. Less when the layout's header bands are
// shorter, so that the quiet zone still ends above the body.
const qrMaxSide = 13.0

// qrQuiet is the blank margin a QR code needs around it, in modules.
const qrQuiet = 4

// marks are the planned QR code and stamp of a form, the same on every
// page, and how far right the header text and the title may now reach.
type marks struct {
	qr          []float64 // dark modules as x, y, w, h rectangles, mm
	stamp       *stampBox
	headerRight float64
	titleRight  float64
}

type stampBox struct {
	b                 box
	text, sub         string
	textSize, subSize float64 // pt
	color             RGB
}

var stampRed = RGB{R: 200, G: 16, B: 16}

// A stamp's text sits stampPad mm inside its border; with a sub line, the
// mark takes the upper stampSplit of the height.
const (
	stampPad   = 0.8
	stampSplit = 0.58
)

// planMarks works out where the QR code and stamp go.
func (p *planner) planMarks() {
	right := p.l.left() + p.l.contentWidth()
	p.marks = marks{headerRight: right, titleRight: right}
	if p.l.showQR() && p.sc.d.Serial != "" {
		p.planQR(right)
	}
	if st := p.sc.d.Stamp; st != nil && (st.Text != "" || st.Sub != "") {
		p.planStamp(st)
	}
}

// planQR encodes the serial and places it.
func (p *planner) planQR(right float64) {
	bits, err := encodeQR(p.sc.d.Serial)
	if err != nil {
		return // longer than any QR code holds: the serial still prints as text
	}
	n := float64(len(bits))
	side := min(qrMaxSide, (p.l.bodyTop()-p.l.headerTop()-0.5)*n/(n+qrQuiet))
	m := side / n
	x, y := right-side, p.l.headerTop()
	p.marks.qr = moduleRuns(bits, x, y, m)
	p.marks.headerRight = x - qrQuiet*m
	p.marks.titleRight = p.marks.headerRight
}

// encodeQR is the module matrix of s, without its quiet zone: error
// correction level M (15% of the code may be soiled or torn and it still
// reads), the smallest version and densest mode that hold s.
func encodeQR(s string) ([][]bool, error) {
	q, err := qrcode.New(s, qrcode.Medium)
	if err != nil {
		return nil, err
	}
	q.DisableBorder = true // the quiet zone is the page's white space
	return q.Bitmap(), nil
}

// QR draws a QR code of s whose dark modules fill the side×side mm square
// with its top-left corner at (x, y). Keep 4 modules (about side/5) blank
// around it: scanners need that quiet zone.
func (c *Canvas) QR(x, y, side float64, s string) error {
	bits, err := encodeQR(s)
	if err != nil {
		return fmt.Errorf("QR code of %q: %w", s, err)
	}
	black := RGB{}
	c.shape(opRects, moduleRuns(bits, x, y, side/float64(len(bits))), false, pdf.Paint{Fill: &black})
	return nil
}

// moduleRuns turns a QR bitmap into one rectangle per horizontal run of
// dark modules: a fifth of the rectangles of one per module.
func moduleRuns(bits [][]bool, x, y, m float64) []float64 {
	var out []float64
	for i, row := range bits {
		for j := 0; j < len(row); j++ {
			if !row[j] {
				continue
			}
			k := j
			for k < len(row) && row[k] {
				k++
			}
			out = append(out, x+float64(j)*m, y+float64(i)*m, float64(k-j)*m, m)
			j = k
		}
	}
	return out
}

// planStamp sizes the stamp to the title band, the mark large and the sub
// line small under it, in a box left of the QR code.
func (p *planner) planStamp(st *Stamp) {
	top := p.l.titleTop()
	h := p.l.bodyTop() - 1 - top
	s := &stampBox{text: oneLine(st.Text), sub: oneLine(st.Sub), color: or3(st.Color, stampRed)}
	// em is the largest size, pt, whose glyphs fit the box; sizes stay at
	// least 5 pt, so a squeezed layout gets a stamp that overflows, never none.
	em := (h - 2*stampPad) / 1.15 / mmPerPt
	switch {
	case s.sub == "":
		s.textSize = max(5, min(16, em))
	case s.text == "":
		s.subSize = max(5, min(10, em))
	default:
		s.textSize = max(5, min(14, stampSplit*em))
		s.subSize = max(5, min(8, (1-stampSplit)*em))
	}
	w := max(p.textWidth(s.text, s.textSize), p.textWidth(s.sub, s.subSize)) + 2*stampPad + 2
	s.b = box{p.marks.titleRight - 1 - w, top, w, h}
	p.marks.stamp = s
	p.marks.titleRight = s.b.x - 1
}

// titleBox is where the title goes: centred on the page, unless that would
// run into the QR code or stamp; then centred in what they leave.
func (p *planner) titleBox(title string) box {
	b := box{p.l.left(), p.l.titleTop(), p.l.contentWidth(), p.l.lineHeight(p.l.Text.TitleSize)}
	if b.x+(b.w+p.textWidth(title, p.l.Text.TitleSize))/2 > p.marks.titleRight {
		b.w = p.marks.titleRight - b.x
	}
	return b
}

// drawMarks draws the QR code and stamp on the current page.
func (p *planner) drawMarks() {
	if p.marks.qr != nil {
		black := RGB{}
		p.emit(op{kind: opRects, pts: p.marks.qr, paint: &pdf.Paint{Fill: &black}})
	}
	if p.marks.stamp != nil {
		p.drawStamp(p.marks.stamp)
	}
}

// drawStamp draws the stamp's border and its lines, all in its colour.
func (p *planner) drawStamp(s *stampBox) {
	col := s.color
	p.emit(op{kind: opRects, pts: []float64{s.b.x, s.b.y, s.b.w, s.b.h}, paint: &pdf.Paint{Stroke: &col, Width: 0.5}})
	first := len(p.pages[p.cur])
	b := s.b.inset(stampPad)
	if s.text != "" && s.sub != "" {
		upper, lower := b, b
		upper.h = stampSplit * b.h
		lower.y, lower.h = b.y+upper.h, b.h-upper.h
		p.text(upper, []string{s.text}, s.textSize, "center", vMiddle, 0)
		p.text(lower, []string{s.sub}, s.subSize, "center", vMiddle, 0)
	} else {
		p.text(b, []string{s.text + s.sub}, max(s.textSize, s.subSize), "center", vMiddle, 0)
	}
	for i := first; i < len(p.pages[p.cur]); i++ {
		p.pages[p.cur][i].paint = &pdf.Paint{Fill: &col}
	}
}

func or3(c, def RGB) RGB {
	if c == (RGB{}) {
		return def
	}
	return c
}
