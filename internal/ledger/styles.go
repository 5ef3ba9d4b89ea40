package ledger

import (
	"github.com/xuri/excelize/v2"
)

// dateFormat is how date cells show; a custom format rather than Excel's
// built-in 14, which follows the reader's locale (7/3/26 on an English PC).
const dateFormat = "yyyy-mm-dd"

// styleKey is everything a body cell's look depends on. A ledger needs a
// few dozen combinations at most, so styles are made once and reused.
type styleKey struct {
	date, wrap, center, void, overdue bool
}

// styles makes and caches the workbook's cell styles.
type styles struct {
	f      *excelize.File
	layout *Layout
	cache  map[styleKey]int
}

func newStyles(f *excelize.File, l *Layout) *styles {
	return &styles{f: f, layout: l, cache: map[styleKey]int{}}
}

func (s *styles) font(bold bool, size float64) *excelize.Font {
	return &excelize.Font{Family: s.layout.Font, Size: size, Bold: bold}
}

// title is the style of the title row above the header.
func (s *styles) title() (int, error) {
	return s.f.NewStyle(&excelize.Style{
		Font:      s.font(true, s.layout.FontSize+4),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"},
	})
}

// header is the style of the column-name row.
func (s *styles) header() (int, error) {
	return s.f.NewStyle(&excelize.Style{
		Font:      s.font(true, s.layout.FontSize),
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.layout.HeaderFill}},
		Border:    thinBorder(),
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true},
	})
}

// colStyles are the style ids one column's body cells can take, indexed by
// void, overdue and date (0 or 1 each).
type colStyles [2][2][2]int

// bodyStyles makes every style the columns' body cells can take, the
// plain ones first. The workbook's styles are written before the entry rows
// are, so a row cannot add a style of its own; a ledger needs a few dozen.
func (s *styles) bodyStyles(cols []Column) ([]colStyles, error) {
	cs := make([]colStyles, len(cols))
	for void := range 2 {
		for i, c := range cols {
			for overdue := range 2 {
				for date := range 2 {
					if overdue == 1 && c.Key != "overdue" || date == 1 && !c.Date {
						continue
					}
					k := styleKey{date: date == 1, wrap: c.Wrap, center: c.Align == "center", void: void == 1, overdue: overdue == 1}
					id, err := s.body(k)
					if err != nil {
						return nil, err
					}
					cs[i][void][overdue][date] = id
				}
			}
		}
	}
	return cs, nil
}

// body returns the style of a data cell.
func (s *styles) body(k styleKey) (int, error) {
	if id, ok := s.cache[k]; ok {
		return id, nil
	}
	st := &excelize.Style{
		Font:      s.font(k.overdue, s.layout.FontSize),
		Border:    thinBorder(),
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: k.wrap},
	}
	if k.center {
		st.Alignment.Horizontal = "center"
	}
	if k.date {
		fmtCode := dateFormat
		st.CustomNumFmt = &fmtCode
	}
	if k.void {
		st.Font.Color, st.Font.Strike = s.layout.VoidColor, true
	}
	if k.overdue {
		st.Fill = excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{s.layout.OverdueFill}}
		st.Font.Color = "9C0006"
	}
	id, err := s.f.NewStyle(st)
	s.cache[k] = id
	return id, err
}
