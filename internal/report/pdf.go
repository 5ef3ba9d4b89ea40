package report

import (
	"fmt"
	"io"

	"github.com/qdoc/qdoc/internal/form"
)

// Page geometry of the PDF, in mm: A4 portrait, content between the page
// header and footer.
const (
	marginX  = 15.0
	top      = 22.0
	bottom   = 297.0 - 18
	contentW = 210.0 - 2*marginX
)

var (
	black   = form.RGB{}
	red     = form.RGB{R: 192}
	grey    = form.RGB{R: 160, G: 160, B: 160}
	light   = form.RGB{R: 242, G: 242, B: 242}
	headerC = form.RGB{R: 217, G: 225, B: 242}
)

// WritePDF draws the report: the same title, analysis, tables and notes
// as the workbook, its charts drawn by hand, the A-class entries as cards
// and the distribution block with signature boxes. Its dates are the
// report date, so the same store on the same day gives the same bytes.
func WritePDF(w io.Writer, eng *form.Engine, d *Doc) error {
	title := fmt.Sprintf("%s %s %s", d.FormCode, Title, d.Quarter)
	p := &pdfWriter{c: eng.NewCanvas(false, d.AsOf, title), d: d, y: top}
	p.titleBlock()
	p.summary()
	for _, t := range d.Tables {
		p.table(t)
	}
	p.charts()
	p.aClass()
	p.table(d.Open)
	p.notes()
	p.distribution()
	p.frames()
	_, err := p.c.WriteTo(w)
	return err
}

type pdfWriter struct {
	c *form.Canvas
	d *Doc
	y float64
}

// need moves to a new page unless h mm still fit on this one.
func (p *pdfWriter) need(h float64) {
	if p.y+h > bottom {
		p.c.AddPage()
		p.y = top
	}
}

// centred draws one line centred on the page.
func (p *pdfWriter) centred(size float64, s string) {
	p.c.Text((210-p.c.TextWidth(size, s))/2, p.y, size, s)
	p.y += p.c.LineHeight(size)
}

// para draws wrapped text across the content width.
func (p *pdfWriter) para(size float64, s string) {
	h := p.c.TextHeight(contentW, size, s)
	p.need(h)
	p.y += p.c.TextBox(marginX, p.y, contentW, size, s)
}

// heading is a section title, kept on the page with what follows it.
func (p *pdfWriter) heading(s string, keep float64) {
	p.y += 2
	p.need(p.c.LineHeight(11) + keep)
	p.c.Text(marginX, p.y, 11, s)
	p.y += p.c.LineHeight(11) + 1
}

func (p *pdfWriter) titleBlock() {
	d := p.d
	p.centred(12, d.Company)
	p.centred(18, Title)
	p.centred(11, d.FormCode+"　"+d.Quarter.Label())
	if d.Provisional {
		s := "未结（临时统计）"
		w := p.c.TextWidth(10, s) + 4
		p.c.Rect(210-marginX-w, top, w, 8, nil, &red, 0.4)
		p.c.SetTextColor(red)
		p.c.Text(210-marginX-w+2, top+(8-p.c.LineHeight(10))/2, 10, s)
		p.c.SetTextColor(black)
	}
	p.y += 2
	for _, h := range d.Head {
		p.para(9, h[0]+"："+h[1])
	}
}

func (p *pdfWriter) summary() {
	p.heading("分析摘要", 10)
	for _, s := range p.d.Summary {
		p.para(9.5, s)
	}
}

func (p *pdfWriter) notes() {
	p.heading("注", 10)
	for i, n := range p.d.Notes {
		p.para(8.5, fmt.Sprintf("%d. %s", i+1, n))
	}
}

// frames puts the page header and footer on every page once the page
// count is known: company, title and form code above, page x of y below.
func (p *pdfWriter) frames() {
	n := p.c.PageCount()
	for i := 1; i <= n; i++ {
		p.c.SetPage(i)
		head := Title + " " + p.d.Quarter.String()
		p.c.Text(marginX, 10, 8, p.d.Company)
		p.c.Text((210-p.c.TextWidth(8, head))/2, 10, 8, head)
		p.c.Text(210-marginX-p.c.TextWidth(8, p.d.FormCode), 10, 8, p.d.FormCode)
		p.c.Line(marginX, 15, 210-marginX, 15, 0.3, black)
		foot := fmt.Sprintf("第 %d 页 共 %d 页", i, n)
		p.c.Text((210-p.c.TextWidth(8, foot))/2, 284, 8, foot)
		p.c.Text(marginX, 284, 8, "统计截至 "+fmtDate(p.d.AsOf))
	}
}
