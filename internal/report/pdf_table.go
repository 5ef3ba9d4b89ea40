package report

import (
	"github.com/qdoc/qdoc/internal/form"
)

// table draws a titled table across the page, header repeated on each
// page it continues on.
func (p *pdfWriter) table(t *Table) {
	size := 9.0
	if len(t.Header) > 8 {
		size = 7
	}
	p.heading(t.Title, 2*p.c.LineHeight(size)+5)
	if len(t.Rows) == 0 && t.Empty != "" {
		p.para(9, t.Empty)
		return
	}
	rows := [][]string{t.Header}
	align := make([]string, len(t.Header))
	for _, r := range t.Rows {
		row := make([]string, len(r))
		for j, v := range r {
			row[j] = v.String()
			if v.Numeric() {
				align[j] = "right"
			}
		}
		rows = append(rows, row)
	}
	o := form.TableOpts{Size: size, Align: align, HeaderFill: &headerC, Top: top, Bottom: bottom}
	if t.TotalRow {
		last := len(rows) - 1
		o.RowFill = func(i int) *form.RGB {
			if i == last {
				return &light
			}
			return nil
		}
	}
	p.y = p.c.Table(marginX, p.y, columns(t.Widths), rows, o) + 2
}

// columns scales relative widths to mm: at most the content width, and
// narrow tables not stretched wider than they read well.
func columns(rel []float64) []float64 {
	sum := 0.0
	for _, w := range rel {
		sum += w
	}
	scale := min(2.4, contentW/sum)
	out := make([]float64, len(rel))
	for i, w := range rel {
		out[i] = w * scale
	}
	return out
}

// aClass prints each A-class entry in full as a card: every field with
// its label, long text wrapped.
func (p *pdfWriter) aClass() {
	t := p.d.AClass
	cards := make([][][]string, len(t.Rows))
	for i, r := range t.Rows {
		for j, v := range r {
			cards[i] = append(cards[i], []string{t.Header[j], v.String()})
		}
	}
	// The heading stays with the first card, not alone at a page's foot.
	keep := 20.0
	if len(cards) > 0 {
		keep = min(p.cardHeight(cards[0]), bottom-top-p.c.LineHeight(11)-3)
	}
	p.heading(t.Title, keep)
	if len(t.Rows) == 0 {
		p.para(9, t.Empty)
		return
	}
	for _, rows := range cards {
		p.need(min(p.cardHeight(rows), bottom-top))
		o := form.TableOpts{Size: cardPt, NoHeader: true, Top: top, Bottom: bottom,
			RowFill: func(i int) *form.RGB {
				if i == 0 {
					return &headerC
				}
				return nil
			}}
		p.y = p.c.Table(marginX, p.y, []float64{cardLabelW, contentW - cardLabelW}, rows, o) + 3
	}
}

// Card geometry: type size and label column width (mm); cardPad is the
// table's default cell padding.
const (
	cardPt     = 8.5
	cardLabelW = 26.0
	cardPad    = 1.2
)

// cardHeight is the height a card will take, so a card that fits a page
// is not split across two.
func (p *pdfWriter) cardHeight(rows [][]string) float64 {
	h, lh := 0.0, p.c.LineHeight(cardPt)
	for _, r := range rows {
		h += max(lh, p.c.TextHeight(contentW-cardLabelW-2*cardPad, cardPt, r[1])) + 2*cardPad
	}
	return h
}

// distribution is where each department signs for its copy, and the
// prepared / reviewed / approved boxes.
func (p *pdfWriter) distribution() {
	rows := [][]string{{"分发部门", "签收人", "签收日期"}}
	for _, d := range p.d.Departments {
		rows = append(rows, []string{d, "", ""})
	}
	// The block is signed as a whole: keep it on one page when it fits.
	p.heading("九、分发与签收", min(float64(len(rows))*8+3*12+8, bottom-top-10))
	o := form.TableOpts{Size: 9, MinRowHeight: 8, HeaderFill: &headerC, Top: top, Bottom: bottom}
	p.y = p.c.Table(marginX, p.y, []float64{50, 65, 65}, rows, o) + 5
	var sign [][]string
	for _, s := range p.d.Signers {
		sign = append(sign, []string{s + "（签名）", "", "日期", ""})
	}
	p.need(3 * 12)
	o = form.TableOpts{Size: 9, MinRowHeight: 12, NoHeader: true, Top: top, Bottom: bottom}
	p.y = p.c.Table(marginX, p.y, []float64{30, 70, 20, 60}, sign, o)
}
