package form

import "github.com/qdoc/qdoc/internal/form/pdf"

// Rendering is two passes: plan lays every form out into pages of simple
// drawing operations (so the page count is known before 第 x 页 共 y 页 is
// printed, and tests can check every text stays in its box), then draw
// turns them into PDF content with a font cut for exactly their text.

type opKind uint8

const (
	opText  opKind = iota
	opRect         // a form's cell: black outline, grey fill
	opRects        // pts holds x, y, w, h quadruples painted with paint
	opPoly         // pts holds x, y pairs; closed joins the last to the first
)

// op is one drawing operation, in mm from the page's top left.
type op struct {
	kind opKind
	x, y float64 // text: baseline start; rect: top left
	w, h float64 // rect: size
	size float64 // text size, pt
	text string
	grey float64 // rect fill, 0 black … 1 white; 1 = no fill
	clip box     // text: the box it was placed in
	src  string  // text: the field it shows, for tests ("" for fixed text)

	// Canvas shapes, stamps and QR codes; nil for the forms' black and grey.
	paint  *pdf.Paint // text: paint.Fill is its colour
	pts    []float64
	closed bool
}

// box is a rectangle in mm.
type box struct{ x, y, w, h float64 }

func (b box) inset(d float64) box { return box{b.x + d, b.y + d, b.w - 2*d, b.h - 2*d} }

// valign says where lines sit in a box.
type valign uint8

const (
	vTop valign = iota
	vMiddle
	vBottom
)

// planner lays out one form.
type planner struct {
	e     *Engine
	l     *Layout
	sc    scope
	pages [][]op
	cur   int     // page that emit draws on
	y     float64 // top of the free part of the current page's body
	marks marks   // QR code and stamp, the same on every page
}

// plan lays out form d on as many pages as it needs.
func (e *Engine) plan(l *Layout, d *Data) [][]op {
	p := &planner{e: e, l: l, sc: scope{l: l, d: d}}
	p.planMarks()
	p.newPage()
	for i := range l.Body {
		p.block(&l.Body[i])
	}
	for i := range p.pages {
		p.furniture(i)
	}
	return p.pages
}

func (p *planner) newPage() {
	p.pages = append(p.pages, nil)
	p.cur = len(p.pages) - 1
	title := p.l.Title
	if len(p.pages) > 1 {
		title += p.l.continued()
	}
	title = clean(title)
	p.text(p.titleBox(title), []string{title}, p.l.Text.TitleSize, "center", vMiddle, 0)
	p.y = p.l.bodyTop()
}

// room is the height left on the current page.
func (p *planner) room() float64 { return p.l.bodyBottom() - p.y }

// fresh reports whether nothing has been placed in this page's body yet.
// Written so that it is true for a NaN position: a new page must never be
// asked for again on a fresh one, or planning would not end.
func (p *planner) fresh() bool { return !(p.y > p.l.bodyTop()+0.01) }

func (p *planner) emit(o op) { p.pages[p.cur] = append(p.pages[p.cur], o) }

func (p *planner) rect(b box, grey float64) {
	p.emit(op{kind: opRect, x: b.x, y: b.y, w: b.w, h: b.h, grey: grey})
}

// furniture prints the header and footer lines of page i, now that the
// page count is known.
func (p *planner) furniture(i int) {
	sc := p.sc
	sc.page, sc.pages = i+1, len(p.pages)
	size, lh := p.l.Text.SmallSize, p.l.lineHeight(p.l.Text.SmallSize)
	p.cur = i
	for k, band := range []struct {
		y float64
		s Slots
	}{{p.l.headerTop(), p.l.Header}, {p.l.footerTop(), p.l.Footer}} {
		b := box{p.l.left(), band.y, p.l.contentWidth(), lh}
		p.text(b, []string{clean(sc.expand(band.s.Left))}, size, "left", vMiddle, 0)
		p.text(b, []string{clean(sc.expand(band.s.Center))}, size, "center", vMiddle, 0)
		if k == 0 {
			b.w = p.marks.headerRight - b.x // clear of the QR code
		}
		p.text(b, []string{clean(sc.expand(band.s.Right))}, size, "right", vMiddle, 0)
	}
	p.drawMarks()
}

// text places fixed lines in box b, pad mm inside its edges.
func (p *planner) text(b box, lines []string, size float64, align string, va valign, pad float64) {
	p.textFrom("", b, lines, size, align, va, pad)
}

// textFrom places lines that show field src.
func (p *planner) textFrom(src string, b box, lines []string, size float64, align string, va valign, pad float64) {
	lh, em := p.l.lineHeight(size), size*mmPerPt
	in := b.inset(pad)
	top := in.y
	switch va {
	case vMiddle:
		top = b.y + (b.h-float64(len(lines))*lh)/2
	case vBottom:
		top = in.y + in.h - float64(len(lines))*lh
	}
	for i, s := range lines {
		if s == "" {
			continue
		}
		x := in.x
		switch align {
		case "center":
			x = b.x + (b.w-p.textWidth(s, size))/2
		case "right":
			x = in.x + in.w - p.textWidth(s, size)
		}
		// The baseline sits so the ideographic body (about -0.12 em to
		// 0.88 em) is centred in the line.
		base := top + float64(i)*lh + lh/2 + 0.36*em
		p.emit(op{kind: opText, x: x, y: base, size: size, text: s, clip: b, src: src})
	}
}

// textWidth is the printed width of s in mm.
func (p *planner) textWidth(s string, size float64) float64 {
	return float64(measure(s, p.e.font.Width)) * size * mmPerPt / 1000
}

// wrap breaks s to fit width mm at size pt.
func (p *planner) wrap(s string, width, size float64) []string {
	max := int(width / (size * mmPerPt) * 1000)
	return breakLines(s, max, p.e.font.Width)
}
