package report

import (
	"github.com/xuri/excelize/v2"
)

// font is the workbook's type face: the one Chinese Windows and WPS have.
const font = "宋体"

// paperA4 is A4 in the ECMA-376 paperSize enumeration.
const paperA4 = 9

// cellStyle is everything a table cell's look depends on.
type cellStyle struct {
	header, bold, wrap bool
	numFmt             string
}

// styles makes each cell style once; a workbook needs a dozen or so.
type styles struct {
	f     *excelize.File
	cache map[cellStyle]int
}

func newStyles(f *excelize.File) *styles { return &styles{f: f, cache: map[cellStyle]int{}} }

func border() []excelize.Border {
	var b []excelize.Border
	for _, side := range []string{"left", "top", "right", "bottom"} {
		b = append(b, excelize.Border{Type: side, Color: "000000", Style: 1})
	}
	return b
}

// cell is the style of a bordered table cell.
func (s *styles) cell(k cellStyle) int {
	if id, ok := s.cache[k]; ok {
		return id
	}
	st := &excelize.Style{
		Font:      &excelize.Font{Family: font, Size: 10, Bold: k.bold || k.header},
		Border:    border(),
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: k.wrap || k.header},
	}
	if k.header {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}
		st.Alignment.Horizontal = "center"
	}
	if k.numFmt != "" {
		f := k.numFmt
		st.CustomNumFmt = &f
	}
	id, _ := s.f.NewStyle(st) // only fails on invalid input, which these are not
	s.cache[k] = id
	return id
}

// text is an unbordered line: titles, notes, the analysis.
func (s *styles) text(size float64, bold bool, color string, center bool) int {
	st := &excelize.Style{
		Font:      &excelize.Font{Family: font, Size: size, Bold: bold, Color: color},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	}
	if center {
		st.Alignment.Horizontal = "center"
	}
	id, _ := s.f.NewStyle(st)
	return id
}

// printSetup makes a sheet print on A4, one page wide, with the company,
// title and form code above and page numbers below, as the FM-31 ledger.
func printSetup(f *excelize.File, sheet string, landscape bool, head [3]string) error {
	orient := "portrait"
	if landscape {
		orient = "landscape"
	}
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: ptr(true)}); err != nil {
		return err
	}
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: ptr(paperA4), Orientation: ptr(orient), FitToWidth: ptr(1), FitToHeight: ptr(0),
	}); err != nil {
		return err
	}
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: ptr(0.5), Right: ptr(0.5), Top: ptr(0.75), Bottom: ptr(0.6),
		Header: ptr(0.3), Footer: ptr(0.3), Horizontally: ptr(true),
	}); err != nil {
		return err
	}
	return f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: "&L" + hfText(head[0]) + "&C" + hfText(head[1]) + "&R" + hfText(head[2]),
		OddFooter: "&C第 &P 页 共 &N 页",
	})
}

// hfText escapes "&", which starts a control code in a page header.
func hfText(s string) string {
	out := make([]rune, 0, len(s))
	for _, r := range s {
		out = append(out, r)
		if r == '&' {
			out = append(out, '&')
		}
	}
	return string(out)
}

func ptr[T any](v T) *T { return &v }

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}
