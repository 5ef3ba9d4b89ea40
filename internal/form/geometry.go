package form

import "strings"

// mmPerPt converts type sizes (points) to page units (mm).
const mmPerPt = 25.4 / 72

// PageSize is the sheet in mm, orientation applied.
func (l *Layout) PageSize() (w, h float64) {
	w, h = l.Page.Width, l.Page.Height
	if w == 0 || h == 0 {
		s := pageSizes[strings.ToLower(l.Page.Size)]
		w, h = s[0], s[1]
	}
	if (l.Page.Orientation == "landscape") != (w > h) {
		w, h = h, w
	}
	return w, h
}

func (l *Layout) left() float64 { return l.Page.Margins[3] }

func (l *Layout) contentWidth() float64 {
	w, _ := l.PageSize()
	return w - l.Page.Margins[1] - l.Page.Margins[3]
}

// lineHeight is the height of one line of text of size pt.
func (l *Layout) lineHeight(pt float64) float64 { return pt * mmPerPt * l.Text.LineHeight }

// Page bands, top to bottom: header line, title, body, footer line.
func (l *Layout) headerTop() float64 { return l.Page.Margins[0] }
func (l *Layout) titleTop() float64  { return l.headerTop() + l.lineHeight(l.Text.SmallSize) + 1 }
func (l *Layout) bodyTop() float64   { return l.titleTop() + l.lineHeight(l.Text.TitleSize) + 2 }

func (l *Layout) footerTop() float64 {
	_, h := l.PageSize()
	return h - l.Page.Margins[2] - l.lineHeight(l.Text.SmallSize)
}

func (l *Layout) bodyBottom() float64 { return l.footerTop() - 2 }
func (l *Layout) bodyHeight() float64 { return l.bodyBottom() - l.bodyTop() }
