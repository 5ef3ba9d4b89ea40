package report

import (
	"fmt"
	"math"
	"strconv"

	"github.com/qdoc/qdoc/internal/form"
)

// Chart boxes on the page: two per row.
const (
	chartW   = (contentW - 4) / 2
	chartH   = 80.0
	legendPt = 7.0
	labelPt  = 6.5
)

// charts draws the workbook's charts two to a row.
func (p *pdfWriter) charts() {
	p.heading("图表", chartH)
	for i, ch := range p.d.Charts {
		x := marginX + float64(i%2)*(chartW+4)
		if i%2 == 0 && i > 0 {
			p.y += chartH + 4
			p.need(chartH)
		}
		p.chart(ch, x, p.y, chartW, chartH)
	}
	p.y += chartH + 4
}

// chartColor is series i's colour, the same as in the workbook.
func chartColor(i int) *form.RGB {
	v, _ := strconv.ParseUint(chartColors[i%len(chartColors)], 16, 32)
	return &form.RGB{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v)}
}

func (p *pdfWriter) chart(ch *Chart, x, y, w, h float64) {
	p.c.Rect(x, y, w, h, nil, &grey, 0.2)
	p.c.Text(x+(w-p.c.TextWidth(9, ch.Title))/2, y+2, 9, ch.Title)
	plotTop, plotBottom := y+8, y+h-p.legend(ch, x, y+h, w)-2
	if total(ch) == 0 {
		s := "无数据"
		p.c.Text(x+(w-p.c.TextWidth(9, s))/2, (plotTop+plotBottom)/2, 9, s)
		return
	}
	if ch.Kind == Pie {
		p.pie(ch, x+w/2, (plotTop+plotBottom)/2, min(w, plotBottom-plotTop)/2-2)
		return
	}
	p.bars(ch, x+10, plotTop, w-14, plotBottom-plotTop)
}

func total(ch *Chart) float64 {
	t := 0.0
	for _, s := range ch.Series {
		for _, v := range s.Values {
			t += v
		}
	}
	return t
}

// legend draws the key under the chart and returns its height. A pie's
// key names the categories with their count and share; bars name series.
func (p *pdfWriter) legend(ch *Chart, x, bottomY, w float64) float64 {
	var names []string
	if ch.Kind == Pie {
		t := total(ch)
		for i, c := range ch.Categories {
			v := ch.Series[0].Values[i]
			names = append(names, fmt.Sprintf("%s %d（%s）", c, int(v), P(v/max(t, 1)).String()))
		}
	} else {
		for _, s := range ch.Series {
			names = append(names, s.Name)
		}
	}
	lh := p.c.LineHeight(legendPt)
	lines := p.legendLines(names, w-6)
	yy := bottomY - 2 - float64(len(lines))*lh
	k := 0
	for li, line := range lines {
		xx := x + 3
		for _, n := range line {
			p.c.Rect(xx, yy+float64(li)*lh+0.8, 2.5, 2.5, chartColor(k), nil, 0)
			p.c.Text(xx+3.5, yy+float64(li)*lh, legendPt, n)
			xx += p.legendWidth(n)
			k++
		}
	}
	return float64(len(lines))*lh + 2
}

func (p *pdfWriter) legendWidth(n string) float64 { return 3.5 + p.c.TextWidth(legendPt, n) + 4 }

// legendLines breaks the key into lines that fit w mm.
func (p *pdfWriter) legendLines(names []string, w float64) [][]string {
	var lines [][]string
	used := w + 1
	for _, n := range names {
		if lw := p.legendWidth(n); used+lw > w {
			lines, used = append(lines, nil), 0
		}
		lines[len(lines)-1] = append(lines[len(lines)-1], n)
		used += p.legendWidth(n)
	}
	return lines
}

// pie draws one wedge per category, clockwise from 12 o'clock.
func (p *pdfWriter) pie(ch *Chart, cx, cy, r float64) {
	t, from := total(ch), 0.0
	white := form.RGB{R: 255, G: 255, B: 255}
	for i, v := range ch.Series[0].Values {
		if v <= 0 {
			continue
		}
		to := from + 360*v/t
		p.c.Wedge(cx, cy, r, from, to, chartColor(i), &white, 0.3)
		from = to
	}
}

// axisScale is a round axis maximum above m and its tick step: 1, 2 or 5
// times a power of ten, four or five ticks.
func axisScale(m float64) (top, step float64) {
	if m <= 0 {
		return 4, 1
	}
	raw := m / 4
	pow := math.Pow(10, math.Floor(math.Log10(raw)))
	step = pow * 10
	for _, f := range []float64{1, 2, 5, 10} {
		if f*pow >= raw {
			step = f * pow
			break
		}
	}
	step = max(step, 1) // counts: no fractional ticks
	return math.Ceil(m/step) * step, step
}
