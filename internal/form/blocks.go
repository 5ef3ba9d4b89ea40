package form

// block lays out one body block at p.y, starting new pages as needed.
func (p *planner) block(b *Block) {
	switch b.Type {
	case "row":
		p.placeRow(p.rowCells(b.Cells, nil), b.Height, b.MinHeight, b.Grow)
	case "list":
		p.list(b)
	case "signatures":
		p.signatures(b)
	case "checks":
		p.checks(b)
	case "notes":
		p.notes(b)
	case "gap":
		p.y += b.Height
	}
}

// list prints a header row of the cells' labels, one row per item of the
// record's list, and blank rows up to min_rows. The header row is repeated
// at the top of every page the list continues on.
func (p *planner) list(b *Block) {
	header := p.listHeader(b)
	p.placeRow(header, b.Height, 0, false)
	items := p.sc.d.Lists[b.List]
	for i := 0; i < max(len(items), b.MinRows); i++ {
		item := map[string]string{} // blank rows, and nil items, print empty
		if i < len(items) && items[i] != nil {
			item = items[i]
		}
		cells := p.rowCells(b.Cells, item)
		if h := max(p.rowNeed(cells), b.Height); h > p.room() && h <= p.l.bodyHeight() {
			p.newPage()
			p.placeRow(header, b.Height, 0, false)
		}
		p.placeRow(cells, b.Height, 0, false)
	}
}

func (p *planner) listHeader(b *Block) []cell {
	cs := make([]Cell, len(b.Cells))
	for i, c := range b.Cells {
		cs[i] = Cell{Label: or(c.Label, " "), Width: c.Width}
	}
	return p.rowCells(cs, nil)
}

// signatures prints boxes side by side, each with its label at the top
// left and its footer (日期：年 月 日) at the bottom right. They are kept
// together on one page.
func (p *planner) signatures(b *Block) {
	cells := p.rowCells(b.Cells, nil)
	h := max(p.rowNeed(cells)+p.l.lineHeight(p.l.Text.Size), b.Height)
	if h > p.room() && !p.fresh() {
		p.newPage()
	}
	size, pad := p.l.Text.Size, p.l.Text.Padding
	for _, c := range cells {
		bx := box{c.x, p.y, c.w, h}
		p.rect(bx, 1)
		p.text(bx, c.lines, size, or(c.align, "left"), vTop, pad)
		p.text(bx, c.footer, size, "right", vBottom, pad)
	}
	p.y += h
}

// checks prints an optional label cell and, beside it, one line per item
// led by the mark (● by default), continuation lines indented under the
// item's text.
func (p *planner) checks(b *Block) {
	size, pad := p.l.Text.Size, p.l.Text.Padding
	x, w := p.l.left(), p.l.contentWidth()
	var label []cell
	if b.Label != "" {
		label = p.rowCells([]Cell{{Label: b.Label, Width: or(b.Width, "25")}, {}}, nil)[:1]
		x, w = x+label[0].w, w-label[0].w
	}
	mark := or(b.Mark, "●") + " "
	indent := p.textWidth(mark, size)
	var lines []checkLine
	for _, it := range b.Items {
		for i, s := range p.wrap(clean(p.sc.expand(it)), w-2*pad-indent, size) {
			lines = append(lines, checkLine{s, i == 0})
		}
	}
	h := max(float64(len(lines))*p.l.lineHeight(size)+2*pad, b.Height)
	if h > p.room() && !p.fresh() {
		p.newPage()
	}
	p.drawRow(label, h, false)
	p.rect(box{x, p.y, w, h}, 1)
	p.checkLines(box{x, p.y, w, h}.inset(pad), lines, mark, indent)
	p.y += h
}

// checkLine is one printed line of a checks block; first lines get the mark.
type checkLine struct {
	text  string
	first bool
}

// checkLines draws the lines of a checks block inside b, top-aligned, the
// mark before each item and its continuation lines indented.
func (p *planner) checkLines(b box, lines []checkLine, mark string, indent float64) {
	size := p.l.Text.Size
	lh := p.l.lineHeight(size)
	for i, ln := range lines {
		row := box{b.x, b.y + float64(i)*lh, b.w, lh}
		if ln.first {
			p.text(row, []string{mark}, size, "left", vMiddle, 0)
		}
		row.x, row.w = row.x+indent, row.w-indent
		p.text(row, []string{ln.text}, size, "left", vMiddle, 0)
	}
}

// notes prints running text in the small size with no border, continuing
// on the next page when the page is full.
func (p *planner) notes(b *Block) {
	size := p.l.Text.SmallSize
	lh := p.l.lineHeight(size)
	p.y += 1
	for _, s := range p.wrap(clean(p.sc.expand(b.Text)), p.l.contentWidth(), size) {
		if lh > p.room() {
			p.newPage()
		}
		p.text(box{p.l.left(), p.y, p.l.contentWidth(), lh}, []string{s}, size, "left", vMiddle, 0)
		p.y += lh
	}
}
