package form

import (
	"time"

	"github.com/qdoc/qdoc/internal/form/font"
	"github.com/qdoc/qdoc/internal/form/pdf"
)

// lineWidth is the width of cell borders, mm.
const lineWidth = 0.2

// document turns planned pages into a PDF document whose font is cut for
// exactly the characters those pages print.
func (e *Engine) document(l *Layout, pages [][]op, title string, created time.Time) *pdf.Doc {
	sub := e.font.Subset(usedRunes(pages))
	w, h := l.PageSize()
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
		switch o.kind {
		case opText:
			c.Text(o.x, o.y, o.size, o.text)
		case opRect:
			c.Rect(o.x, o.y, o.w, o.h, o.grey)
		}
	}
	return c
}
