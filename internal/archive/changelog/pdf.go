package changelog

import (
	"fmt"
	"io"
	"time"

	"github.com/qdoc/qdoc/internal/form"
)

// The PDF's geometry, in mm on A4 landscape, and type sizes in points.
const (
	margin    = 12.0
	pageW     = 297.0
	pageH     = 210.0
	footerGap = 10.0 // room under the table for the page number
	pad       = 1.2
	textSize  = 8.0
	titleSize = 16.0
	// maxCell caps the text of one cell: a changed 内容 can run to pages;
	// the workbook keeps it whole.
	maxCell = 300
)

// pdfCols are the PDF column widths (mm): 序号, then Columns; they fill
// the width between the margins.
var pdfCols = []float64{10, 27, 26, 16, 18, 55, 55, 36, 30}

// WritePDF draws the report with the forms' engine: title and header on
// the first page, the header repeated on every page, group rows shaded,
// 第 x 页 共 y 页 on each page and signature lines at the end. created
// fixes the PDF's dates, so the same month gives the same bytes.
func WritePDF(w io.Writer, eng *form.Engine, r *Report, created time.Time) error {
	p := &pdfWriter{c: eng.NewCanvas(true, created, Title+" "+r.Period()), r: r}
	p.first()
	for _, g := range r.Groups {
		p.row([]string{fmt.Sprintf("记录 %s（%d 处）", g.Record, len(g.Rows))}, true)
		for i, r := range g.Rows {
			p.row(append([]string{fmt.Sprint(i + 1)}, r.cells()...), false)
		}
	}
	if len(r.Groups) == 0 {
		p.c.Text(margin, p.y+2, textSize+1, "本月无数据修改。")
		p.y += 8
	}
	p.signatures()
	p.pageNumbers()
	_, err := p.c.WriteTo(w)
	return err
}

type pdfWriter struct {
	c *form.Canvas
	r *Report
	y float64
}

var (
	black = form.RGB{}
	grey  = form.RGB{R: 235, G: 235, B: 235}
	blue  = form.RGB{R: 217, G: 225, B: 242}
)

func (p *pdfWriter) first() {
	t := Title + " " + p.r.Period()
	p.c.Text((pageW-p.c.TextWidth(titleSize, t))/2, margin, titleSize, t)
	p.y = margin + p.c.LineHeight(titleSize) + 2
	p.y += p.c.TextBox(margin, p.y, pageW-2*margin, textSize+1, p.r.Company+"　　"+p.r.Summary()) + 1
	p.header()
}

func (p *pdfWriter) header() {
	p.cells(append([]string{"序号"}, Columns...), pdfCols, &blue)
}

// row draws one table row, starting a new page (with the header) when it
// does not fit. A single cell spans the whole width (a group row).
func (p *pdfWriter) row(cells []string, group bool) {
	widths := pdfCols
	var fill *form.RGB
	if group {
		widths, fill = []float64{pageW - 2*margin}, &grey
	}
	if p.y+p.height(cells, widths) > pageH-margin-footerGap {
		p.c.AddPage()
		p.y = margin
		p.header()
	}
	p.cells(cells, widths, fill)
}

func (p *pdfWriter) height(cells []string, widths []float64) float64 {
	h := p.c.LineHeight(textSize)
	for i, s := range cells {
		h = max(h, p.c.TextHeight(widths[i]-2*pad, textSize, clipText(s)))
	}
	return h + 2*pad
}

func (p *pdfWriter) cells(cells []string, widths []float64, fill *form.RGB) {
	h := p.height(cells, widths)
	x := margin
	for i, s := range cells {
		p.c.Rect(x, p.y, widths[i], h, fill, &black, 0.2)
		p.c.TextBox(x+pad, p.y+pad, widths[i]-2*pad, textSize, clipText(s))
		x += widths[i]
	}
	p.y += h
}

func clipText(s string) string {
	r := []rune(s)
	if len(r) <= maxCell {
		return s
	}
	return string(r[:maxCell]) + "…（全文见 xlsx）"
}

func (p *pdfWriter) signatures() {
	if p.y+12 > pageH-margin-footerGap {
		p.c.AddPage()
		p.y = margin
	}
	y := p.y + 6
	for i, s := range []string{"制表：", "审核：", "日期："} {
		x := margin + float64(i)*90
		p.c.Text(x, y, textSize+1, s)
		p.c.Line(x+12, y+p.c.LineHeight(textSize+1), x+70, y+p.c.LineHeight(textSize+1), 0.2, black)
	}
}

func (p *pdfWriter) pageNumbers() {
	n := p.c.PageCount()
	for i := 1; i <= n; i++ {
		p.c.SetPage(i)
		s := fmt.Sprintf("第 %d 页 共 %d 页", i, n)
		p.c.Text((pageW-p.c.TextWidth(textSize, s))/2, pageH-margin-p.c.LineHeight(textSize), textSize, s)
	}
}
