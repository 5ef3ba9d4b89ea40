package form

import (
	"time"

	"github.com/qdoc/qdoc/internal/form/font"
	"github.com/qdoc/qdoc/internal/form/pdf"
)

// lineWidth is the width of cell borders, mm.
const lineWidth = 0.2

// document turns planned pages of w×h mm into a PDF document whose font is
// cut for exactly the characters those pages print.
func (e *Engine) document(w, h float64, pages [][]op, title string, created time.Time) *pdf.Doc {
	sub := e.font.Subset(usedRunes(pages))
	doc := &pdf.Doc{
		Info: pdf.Info{Title: title, Creator: "qdoc", Producer: "qdoc", Lang: "zh-CN", Created: created},
		Font: sub,
		Face: e.font.Metrics(),
	}
	for _, ops := range pages {
		doc.Pages = append(doc.Pages, &pdf.Page{Width: w, Height: h, Content: drawPage(h, sub, ops)})
	}
	return doc
}

// drawPage replays a page's operations as PDF content.
func drawPage(height float64, sub *font.Subset, ops []op) *pdf.Content {
	c := pdf.NewContent(height, lineWidth, sub)
	for _, o := range ops {
		switch {
		case o.kind == opText && o.paint != nil && o.paint.Fill != nil:
			c.TextRGB(o.x, o.y, o.size, o.text, *o.paint.Fill)
		case o.kind == opText:
			c.Text(o.x, o.y, o.size, o.text)
		case o.kind == opRect:
			c.Rect(o.x, o.y, o.w, o.h, o.grey)
		case o.kind == opRects:
			c.Rects(o.pts, *o.paint)
		case o.kind == opPoly:
			c.Poly(o.pts, o.closed, *o.paint)
		}
	}
	return c
}
