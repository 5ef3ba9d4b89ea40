package report

import (
	"fmt"
	"sort"

	"github.com/xuri/excelize/v2"
)

// chartRows is how many rows one chart and its data take on the chart
// sheet: the chart is 290 px tall, about 15 rows of 20 px.
const chartRows = 17

// charts writes each chart's data at the left of the chart sheet and the
// native Excel chart beside it, reading that data. Keeping each chart's
// numbers on the same sheet keeps the references simple and lets a reader
// check a bar against its figure.
func (x *xlsxWriter) charts() error {
	if err := x.title(SheetCharts, "图表", 12); err != nil {
		return err
	}
	if err := x.f.SetColWidth(SheetCharts, "A", "A", 22); err != nil {
		return err
	}
	if err := x.f.SetColWidth(SheetCharts, "B", "D", 14); err != nil {
		return err
	}
	for _, c := range x.d.Charts {
		top := x.row
		if err := x.chartData(c); err != nil {
			return err
		}
		if err := x.f.AddChart(SheetCharts, cellName(6, top), x.excelChart(c, top)); err != nil {
			return fmt.Errorf("chart %s: %w", c.Title, err)
		}
		x.row = top + max(chartRows, len(c.Categories)+3)
	}
	return printSetup(x.f, SheetCharts, true, x.head())
}

// sortContentTypes puts the package's default content types in a fixed
// order. excelize (v2.11.1, workbook.go setContentTypePartImageExtensions)
// adds the image types from a map when a chart is added, in Go's random
// map order, so without this the same report gave different bytes on each
// run.
func sortContentTypes(f *excelize.File) {
	if f.ContentTypes == nil {
		return
	}
	d := f.ContentTypes.Defaults
	sort.SliceStable(d, func(i, j int) bool { return d[i].Extension < d[j].Extension })
}

// chartData writes the chart's title, series names and values.
func (x *xlsxWriter) chartData(c *Chart) error {
	if err := x.line(SheetCharts, c.Title, 1, x.st.text(11, true, "", false), 20); err != nil {
		return err
	}
	h := []string{"项目"}
	for _, s := range c.Series {
		h = append(h, s.Name)
	}
	if err := x.values(SheetCharts, headerValues(h), cellStyle{header: true}); err != nil {
		return err
	}
	for i, cat := range c.Categories {
		r := []Value{T(cat)}
		for _, s := range c.Series {
			r = append(r, N(int(s.Values[i])))
		}
		if err := x.values(SheetCharts, r, cellStyle{}); err != nil {
			return err
		}
	}
	return nil
}

// chartColors are the series colours of both outputs, in order.
var chartColors = []string{"4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47", "264478"}

// excelChart is the native chart of c whose data starts at row top.
func (x *xlsxWriter) excelChart(c *Chart, top int) *excelize.Chart {
	first, last := top+2, top+1+len(c.Categories)
	ref := func(col int) string {
		n, _ := excelize.ColumnNumberToName(col)
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", SheetCharts, n, first, n, last)
	}
	ec := &excelize.Chart{
		Type:      map[ChartKind]excelize.ChartType{ColumnStacked: excelize.ColStacked, Column: excelize.Col, Pie: excelize.Pie}[c.Kind],
		Title:     excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.Title, Font: &excelize.Font{Family: font, Size: 12, Bold: true}}}},
		Legend:    excelize.ChartLegend{Position: "bottom"},
		Dimension: excelize.ChartDimension{Width: 560, Height: 300},
		PlotArea:  excelize.ChartPlotArea{ShowVal: true, ShowPercent: c.Kind == Pie},
		Format:    excelize.GraphicOptions{OffsetX: 4, OffsetY: 4},
	}
	for i := range c.Series {
		name, _ := excelize.ColumnNumberToName(i + 2)
		es := excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$%d", SheetCharts, name, top+1),
			Categories: ref(1), Values: ref(i + 2),
		}
		if c.Kind != Pie {
			es.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{chartColors[i%len(chartColors)]}}
		}
		ec.Series = append(ec.Series, es)
	}
	return ec
}
