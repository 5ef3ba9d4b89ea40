package report

import (
	"strconv"
)

// bars draws a column chart — clustered, or stacked by series — with a
// value axis, grid lines and the category names under the columns.
func (p *pdfWriter) bars(ch *Chart, x, y, w, h float64) {
	labelH := p.labelHeight(ch, w)
	h -= labelH
	top, step := axisScale(barMax(ch))
	for v := 0.0; v <= top+step/2; v += step {
		yy := y + h - h*v/top
		p.c.Line(x, yy, x+w, yy, 0.1, grey)
		s := strconv.Itoa(int(v))
		p.c.Text(x-1-p.c.TextWidth(labelPt, s), yy-p.c.LineHeight(labelPt)/2, labelPt, s)
	}
	slot := w / float64(len(ch.Categories))
	for i, cat := range ch.Categories {
		sx := x + float64(i)*slot
		p.column(ch, i, sx+slot*0.15, y+h, slot*0.7, h/top)
		p.categoryLabel(cat, sx, y+h+1, slot)
	}
	p.c.Line(x, y+h, x+w, y+h, 0.3, grey)
}

// column draws category i's bars from base upwards, perUnit mm a count.
func (p *pdfWriter) column(ch *Chart, i int, x, base, w, perUnit float64) {
	if ch.Kind == ColumnStacked {
		y, sum := base, 0.0
		for k, s := range ch.Series {
			v := s.Values[i]
			p.c.Rect(x, y-v*perUnit, w, v*perUnit, chartColor(k), nil, 0)
			y, sum = y-v*perUnit, sum+v
		}
		p.valueLabel(sum, x, y, w)
		return
	}
	bw := w / float64(len(ch.Series))
	for k, s := range ch.Series {
		v := s.Values[i]
		bx := x + float64(k)*bw
		p.c.Rect(bx, base-v*perUnit, bw, v*perUnit, chartColor(k), nil, 0)
		p.valueLabel(v, bx, base-v*perUnit, bw)
	}
}

// valueLabel prints a bar's value just above it.
func (p *pdfWriter) valueLabel(v, x, y, w float64) {
	if v <= 0 {
		return
	}
	s := strconv.Itoa(int(v))
	p.c.Text(x+(w-p.c.TextWidth(labelPt, s))/2, y-p.c.LineHeight(labelPt), labelPt, s)
}

// categoryLabel centres a short name under its slot and wraps a long one.
func (p *pdfWriter) categoryLabel(s string, x, y, w float64) {
	if tw := p.c.TextWidth(labelPt, s); tw <= w {
		p.c.Text(x+(w-tw)/2, y, labelPt, s)
		return
	}
	p.c.TextBox(x+0.5, y, w-1, labelPt, s)
}

// labelHeight is the room the tallest category name needs.
func (p *pdfWriter) labelHeight(ch *Chart, w float64) float64 {
	slot, h := w/float64(len(ch.Categories)), p.c.LineHeight(labelPt)
	for _, c := range ch.Categories {
		h = max(h, p.c.TextHeight(slot-1, labelPt, c))
	}
	return h + 2
}

// barMax is the tallest column: the largest sum when stacked.
func barMax(ch *Chart) float64 {
	m := 0.0
	for i := range ch.Categories {
		sum := 0.0
		for _, s := range ch.Series {
			if ch.Kind == ColumnStacked {
				sum += s.Values[i]
			} else {
				m = max(m, s.Values[i])
			}
		}
		m = max(m, sum)
	}
	return m
}
