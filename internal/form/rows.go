package form

import "strings"

// cell is a planned cell of a row: where it is and the lines it prints.
type cell struct {
	x, w   float64
	label  string // the label text of a label cell, kept to add （续）
	lines  []string
	footer []string // signature/date lines at the bottom right
	align  string
	src    string // the field shown, if any
}

func (c *cell) isLabel() bool { return c.label != "" }

// rowCells plans the cells of a row; item, when set, supplies the fields
// of a list row instead of the record.
func (p *planner) rowCells(cs []Cell, item map[string]string) []cell {
	ws, _ := resolveWidths(cs, p.l.contentWidth()) // checked by LoadLayout
	x, size, pad := p.l.left(), p.l.Text.Size, p.l.Text.Padding
	out := make([]cell, len(cs))
	for i, c := range cs {
		out[i] = cell{x: x, w: ws[i], align: c.Align}
		if c.Footer != "" {
			out[i].footer = p.wrap(clean(p.sc.expand(c.Footer)), ws[i]-2*pad, size)
		}
		switch {
		case item != nil:
			out[i].src = c.Field
			out[i].lines = p.wrap(fieldText(item[c.Field]), ws[i]-2*pad, size)
		case c.Label != "":
			out[i].label = clean(p.sc.expand(c.Label))
			out[i].lines = p.wrap(out[i].label, ws[i]-2*pad, size)
		case c.Field != "":
			out[i].src = c.Field
			out[i].lines = p.wrap(fieldText(p.sc.value(c.Field)), ws[i]-2*pad, size)
		default:
			out[i].lines = p.wrap(clean(p.sc.expand(c.Text)), ws[i]-2*pad, size)
		}
		x += ws[i]
	}
	return out
}

// rowNeed is the height the cells' text needs.
func (p *planner) rowNeed(cells []cell) float64 {
	lh, n := p.l.lineHeight(p.l.Text.Size), 0
	for _, c := range cells {
		n = max(n, len(c.lines)+len(c.footer))
	}
	return float64(n)*lh + 2*p.l.Text.Padding
}

// placeRow places a row at least minH high. A row that does not fit the
// rest of the page moves to the next one, keeping its full height (room to
// write by hand). Only when a row's text itself is longer than the rest of
// the page — running text (grow), or any row taller than a whole page — is
// it split: the page is filled and the row continues on the next one with
// its labels marked （续）. No text is ever lost.
func (p *planner) placeRow(cells []cell, height, minH float64, grow bool) {
	minH = max(height, minH)
	for {
		need := p.rowNeed(cells)
		if h := max(need, minH); h <= p.room()+0.01 {
			p.drawRow(cells, h, grow)
			p.y += h
			return
		}
		k := p.linesThatFit(p.room())
		split := (grow || need > p.l.bodyHeight()) && need > p.room() && k >= labelLines(cells)+1
		if !split && !p.fresh() {
			p.newPage()
			continue
		}
		if !split { // taller than a page only by its minimum height
			p.drawRow(cells, p.room(), grow)
			p.y = p.l.bodyBottom()
			return
		}
		head, tail := p.splitRow(cells, k)
		p.drawRow(head, p.room(), grow)
		p.newPage()
		cells, minH = tail, height
	}
}

// labelLines is the most lines a label cell of the row needs, plus one for
// the （续） its continuation may add: a split must leave room for them.
func labelLines(cells []cell) int {
	n := 0
	for _, c := range cells {
		if c.isLabel() {
			n = max(n, len(c.lines))
		}
	}
	return n
}

func (p *planner) linesThatFit(h float64) int {
	return int((h - 2*p.l.Text.Padding) / p.l.lineHeight(p.l.Text.Size))
}

// splitRow cuts a row after k lines: value cells share their lines out,
// label cells appear in both parts, the tail's labels marked （续） (the
// layout's words.continued), and the footer goes with the tail.
func (p *planner) splitRow(cells []cell, k int) (head, tail []cell) {
	head, tail = make([]cell, len(cells)), make([]cell, len(cells))
	for i, c := range cells {
		head[i], tail[i] = c, c
		head[i].footer = nil
		switch {
		case c.isLabel():
			tail[i].label = strings.TrimSuffix(c.label, p.l.continued()) + p.l.continued()
			tail[i].lines = p.wrap(tail[i].label, c.w-2*p.l.Text.Padding, p.l.Text.Size)
		case len(c.lines) > k:
			head[i].lines, tail[i].lines = c.lines[:k], c.lines[k:]
		default:
			tail[i].lines = nil
		}
	}
	return head, tail
}

// drawRow draws cells h high at p.y: labels grey and centred, values
// top-aligned in running-text rows and centred otherwise.
func (p *planner) drawRow(cells []cell, h float64, grow bool) {
	size, pad := p.l.Text.Size, p.l.Text.Padding
	for _, c := range cells {
		b := box{c.x, p.y, c.w, h}
		va, align, grey := vMiddle, c.align, 1.0
		if c.isLabel() {
			grey = p.l.Text.LabelGrey
			align = or(align, "center")
		} else if grow {
			va = vTop
		}
		p.rect(b, grey)
		p.textFrom(c.src, b, c.lines, size, or(align, "left"), va, pad)
		p.text(b, c.footer, size, "right", vBottom, pad)
	}
}

// fieldText is a value ready to print: cleaned, without trailing blank
// lines that would only add empty rows.
func fieldText(v string) string { return strings.TrimRight(clean(v), " \n") }

func or(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
