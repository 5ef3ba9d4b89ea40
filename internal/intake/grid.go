package intake

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// grid is the column layout of a spreadsheet-like file (xlsx, csv): which
// column holds which field. The reject report uses it to put values back
// in the cells the clerk typed them in.
type grid struct {
	fieldAt []string          // column index (0-based) → field key, "" blank header, unknownCol
	letters map[string]string // field → column letter
	headers map[string]string // field → header text as written
}

// unknownCol marks a column whose header names no field; it was warned
// about once when the header was read.
const unknownCol = "?"

// gridReader turns cell rows under a header into Rows.
type gridReader struct {
	f      *File
	g      *grid
	cols   map[string]string // shared Row.Cols
	warned map[int]bool      // header-less columns already warned about
	intern map[string]string
}

// maxIntern is the longest value shared between rows. Channel, class,
// departments and status repeat on every row; sharing one copy keeps a
// 100,000-row register's memory down.
const maxIntern = 32

func (r *gridReader) share(s string) string {
	if len(s) > maxIntern {
		return s
	}
	if v, ok := r.intern[s]; ok {
		return v
	}
	r.intern[s] = s
	return s
}

// colLetter is the spreadsheet column name of a 0-based index.
func colLetter(i int) string {
	s, err := excelize.ColumnNumberToName(i + 1)
	if err != nil {
		return fmt.Sprintf("#%d", i+1)
	}
	return s
}

// newGrid maps a header row. Unknown headers become warnings; a field
// named by two columns is an error, since either choice could lose data.
func newGrid(f *File, header []string) (*grid, error) {
	g := &grid{fieldAt: make([]string, len(header)), letters: map[string]string{}, headers: map[string]string{}}
	for i, h := range header {
		h = cleanText(h)
		k := fieldOf(h)
		switch {
		case h == "":
		case k == "":
			g.fieldAt[i] = unknownCol
			f.Warnings = append(f.Warnings, fmt.Sprintf("未知列 '%s'（第 %d 行 %s 列）已忽略", h, f.HeaderLine, colLetter(i)))
		case g.letters[k] != "":
			return nil, fileErr(f.Path, nil, "表头第 %d 行中「%s」出现了两次（%s 列「%s」和 %s 列「%s」），请删除或改名其中一列（column %s appears twice in the header）",
				f.HeaderLine, fieldLabel(k), g.letters[k], g.headers[k], colLetter(i), h, k)
		default:
			g.fieldAt[i], g.letters[k], g.headers[k] = k, colLetter(i), h
		}
	}
	return g, nil
}

func newGridReader(f *File, g *grid, cols map[string]string) *gridReader {
	f.grid = g
	return &gridReader{f: f, g: g, cols: cols, warned: map[int]bool{}, intern: map[string]string{}}
}

// add appends one data row; rows with no text under any known column are
// skipped (blank lines, totals or notes typed off to the side).
func (r *gridReader) add(line int, cells []string) {
	var vals map[string]string
	for i, c := range cells {
		if c == "" {
			continue
		}
		c = cleanText(c)
		if c == "" {
			continue
		}
		k := r.g.field(i)
		if k == "" {
			r.warnStray(line, i)
		}
		if k == "" || k == unknownCol {
			continue
		}
		if vals == nil {
			vals = make(map[string]string, len(r.g.letters))
		}
		vals[k] = r.share(c)
	}
	if vals != nil {
		r.f.emit(Row{Line: line, Values: vals, Cols: r.cols})
	}
}

func (g *grid) field(i int) string {
	if i < len(g.fieldAt) {
		return g.fieldAt[i]
	}
	return ""
}

// warnStray warns once per column about text in a column without a
// header: the clerk probably forgot the header, and should know the text
// was not read.
func (r *gridReader) warnStray(line, i int) {
	if r.warned[i] {
		return
	}
	r.warned[i] = true
	r.f.Warnings = append(r.f.Warnings, fmt.Sprintf("第 %d 行 %s 列有内容，但该列没有表头，已忽略", line, colLetter(i)))
}
