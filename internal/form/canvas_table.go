package form

// TableOpts are a canvas table's settings; the zero value is a 9 pt table
// whose first row is a shaded header repeated on every page it continues on.
type TableOpts struct {
	Size         float64          // type size, pt; default 9
	Padding      float64          // mm between a cell's border and its text; default 1.2
	MinRowHeight float64          // mm; rows are at least this high
	Align        []string         // per column: "left" (default), "center", "right"
	NoHeader     bool             // rows[0] is an ordinary row: not shaded, not repeated
	HeaderFill   *RGB             // default light grey
	RowFill      func(i int) *RGB // optional fill of rows[i], e.g. totals or overdue lines
	// Pages the table continues on start rows at Top; no row goes below
	// Bottom. Defaults: 15 mm, and the page height less 15 mm.
	Top, Bottom float64
}

var headerGrey = RGB{R: 235, G: 235, B: 235}

// Table draws rows as a grid with its top-left corner at (x, y), columns
// cols mm wide, each cell's text wrapped to its column. A row that does
// not fit above Bottom moves to a new page (AddPage), where the header row
// is repeated; a row taller than a whole page is split across pages, so no
// text is lost. It returns the y just below the table on the page it ended
// on (Page tells which).
func (c *Canvas) Table(x, y float64, cols []float64, rows [][]string, o TableOpts) (end float64) {
	t := &table{c: c, x: x, cols: cols, o: o.withDefaults(c.h), y: y}
	t.top = t.o.Top // a table that starts lower is not at the top of its page
	for i, row := range rows {
		cells := t.wrapRow(row)
		if i == 0 && !o.NoHeader {
			var next [][]string
			if len(rows) > 1 {
				next = t.wrapRow(rows[1])
			}
			t.placeHeader(cells, next)
			continue
		}
		var fill *RGB
		if o.RowFill != nil {
			fill = o.RowFill(i)
		}
		t.row(cells, fill)
	}
	return t.y
}

func (o TableOpts) withDefaults(pageHeight float64) TableOpts {
	if o.Size <= 0 {
		o.Size = 9
	}
	if o.Padding <= 0 {
		o.Padding = 1.2
	}
	if o.HeaderFill == nil {
		o.HeaderFill = &headerGrey
	}
	if o.Top <= 0 {
		o.Top = 15
	}
	if o.Bottom <= o.Top {
		o.Bottom = pageHeight - 15
	}
	return o
}

// table is a table being drawn: where the next row goes and where this
// page's rows began (a row is only split, never moved on, from there).
type table struct {
	c      *Canvas
	x      float64
	cols   []float64
	o      TableOpts
	header [][]string
	y, top float64
}

// wrapRow breaks each cell's text into the lines its column holds.
func (t *table) wrapRow(row []string) [][]string {
	cells := make([][]string, len(t.cols))
	for j, w := range t.cols {
		if j < len(row) {
			cells[j] = t.c.wrap(row[j], w-2*t.o.Padding, t.o.Size)
		}
	}
	return cells
}

// placeHeader draws the header row, first moving to a new page when the
// header and the next row would not both fit (a row taller than a page
// needs only its first line to fit): a header alone at the foot of a page
// helps no one.
func (t *table) placeHeader(header, next [][]string) {
	need := t.height(header)
	if next != nil {
		n := t.height(next)
		if need+n > t.o.Bottom-t.o.Top { // split anyway: its first line will do
			n = t.c.LineHeight(t.o.Size) + 2*t.o.Padding
		}
		need += n
	}
	if t.y+need > t.o.Bottom+0.01 && t.y > t.o.Top+0.01 {
		t.c.AddPage()
		t.y = t.o.Top
	}
	t.draw(header, t.height(header), t.o.HeaderFill)
	t.header, t.top = header, t.y
}

// row places one row: here if it fits; on a new page if it would fit
// there; else split, filling this page and continuing on the next.
func (t *table) row(cells [][]string, fill *RGB) {
	for {
		need, room := t.height(cells), t.o.Bottom-t.y
		atTop := t.y <= t.top+0.01
		switch k := t.linesThatFit(room); {
		case need <= room+0.01:
			t.draw(cells, need, fill)
			return
		case !atTop && (need <= t.pageRoom() || k < 1):
			t.newPage()
		case k < 1: // not even one line fits a fresh page: draw it anyway
			t.draw(cells, need, fill)
			return
		default:
			head, tail := splitCells(cells, k)
			t.draw(head, room, fill)
			t.newPage()
			cells = tail
		}
	}
}

// pageRoom is the height rows have on a page the table continues on.
func (t *table) pageRoom() float64 {
	h := t.o.Bottom - t.o.Top
	if t.header != nil {
		h -= t.height(t.header)
	}
	return h
}

func (t *table) newPage() {
	t.c.AddPage()
	t.y = t.o.Top
	if t.header != nil {
		t.draw(t.header, t.height(t.header), t.o.HeaderFill)
	}
	t.top = t.y
}

func (t *table) height(cells [][]string) float64 {
	n := 1
	for _, ls := range cells {
		n = max(n, len(ls))
	}
	return max(float64(n)*t.c.LineHeight(t.o.Size)+2*t.o.Padding, t.o.MinRowHeight)
}

func (t *table) linesThatFit(h float64) int {
	return int((h - 2*t.o.Padding) / t.c.LineHeight(t.o.Size))
}

// splitCells cuts a row after k lines.
func splitCells(cells [][]string, k int) (head, tail [][]string) {
	head, tail = make([][]string, len(cells)), make([][]string, len(cells))
	for j, ls := range cells {
		head[j] = ls[:min(k, len(ls))]
		tail[j] = ls[min(k, len(ls)):]
	}
	return head, tail
}

// draw draws a row h high at t.y, each cell's lines centred vertically and
// aligned as its column says, and moves t.y below it.
func (t *table) draw(cells [][]string, h float64, fill *RGB) {
	x, size, lh := t.x, t.o.Size, t.c.LineHeight(t.o.Size)
	black := RGB{}
	for j, w := range t.cols {
		t.c.Rect(x, t.y, w, h, fill, &black, 0)
		top := t.y + (h-float64(len(cells[j]))*lh)/2
		for i, s := range cells[j] {
			t.c.Text(t.alignX(j, x, w, s), top+float64(i)*lh, size, s)
		}
		x += w
	}
	t.y += h
}

func (t *table) alignX(j int, x, w float64, s string) float64 {
	align := ""
	if j < len(t.o.Align) {
		align = t.o.Align[j]
	}
	switch align {
	case "center":
		return x + (w-t.c.TextWidth(t.o.Size, s))/2
	case "right":
		return x + w - t.o.Padding - t.c.TextWidth(t.o.Size, s)
	}
	return x + t.o.Padding
}
