package intake

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"strconv"
)

// xlsxRows streams a worksheet's rows. It is excelize v2.11.1's Rows
// iterator (rows.go: Next, Columns, rowXMLHandler, cellXMLHandler;
// cell.go: getValueFrom with RawCellValue) carried over line for line
// onto xmlScanner, so that it yields exactly the rows excelize yields,
// oddities included: a row number repeated or going backwards merges
// rows, a cell with a bad reference fails its row, a formula keeps an
// empty cell. FuzzXLSXMatchesExcelize holds it to that.
//
// One thing is deliberately different. excelize ignores the decoder's
// errors: malformed XML ends the sheet early without a word, and the
// rows after it are lost. Here a syntax or read error is kept, and
// xmlErr reports it; sheetRows turns it into an error for the file.
type xlsxRows struct {
	sc      *xmlScanner
	rc      io.Closer
	part    *zip.File
	strings func() ([]string, error) // the shared strings, read on first use

	err             error // excelize's rows.err
	curRow, seekRow int
	// excelize keeps the row start element it has read ahead (rows.token);
	// all it later needs of it is its r attribute, as attrValToInt read it.
	token  bool
	tokNum int
	tokErr error

	cell   cellState
	val    []byte
	intern map[string]string
}

// Sizes from excelize's templates.go.
const (
	totalRows  = 1048576
	maxColumns = 16384
)

var (
	errMaxRows       = errors.New("row number exceeds maximum limit")
	errColumnNumber  = errors.New("column number exceeds maximum limit")
	errBadCellName   = errors.New("invalid cell name")
	errBadColumnName = errors.New("invalid column name")
)

func (r *xlsxRows) Close() error {
	if r.rc == nil {
		return nil
	}
	err := r.rc.Close()
	r.rc = nil
	return err
}

// Error is excelize's rows.Error: a row number over the limit.
func (r *xlsxRows) Error() error { return r.err }

// xmlErr is the syntax or read error that ended the part, if any.
func (r *xlsxRows) xmlErr() error { return r.sc.err }

// Next moves to the next row number; rows missing from the sheet come
// back empty.
func (r *xlsxRows) Next() bool {
	if r.err != nil {
		return false
	}
	r.seekRow++
	if r.curRow >= r.seekRow {
		return true
	}
	for {
		switch r.sc.next() {
		case tokNone:
			return false
		case tokStart:
			if string(r.sc.local()) == "row" {
				r.curRow++
				num, err := attrValToInt("r", r.sc)
				if num > totalRows {
					r.err = errMaxRows
					return false
				}
				if num != 0 {
					r.curRow = num
				}
				r.token, r.tokNum, r.tokErr = true, num, err
				return true
			}
		case tokEnd:
			if string(r.sc.local()) == "sheetData" {
				return false
			}
		}
	}
}

// rowIter is excelize's rowXMLIterator.
type rowIter struct {
	err     error
	cellCol int
	cells   []string
}

// Columns returns the current row's values, appended to cells[:0]: raw
// values, the trailing empty ones not included.
func (r *xlsxRows) Columns(cells []string) ([]string, error) {
	if r.curRow > r.seekRow {
		return cells[:0], nil
	}
	it := rowIter{cells: cells[:0]}
	sst, err := r.strings()
	if err != nil {
		return it.cells, err
	}
	for {
		var rowStart, cell bool
		var num int
		var numErr error
		if r.token {
			rowStart, num, numErr = true, r.tokNum, r.tokErr
		} else {
			k := r.sc.next()
			if k == tokNone {
				break
			}
			if k == tokEnd && string(r.sc.local()) == "sheetData" {
				return it.cells, it.err
			}
			if k != tokStart {
				continue
			}
			switch string(r.sc.local()) {
			case "row":
				rowStart = true
				num, numErr = attrValToInt("r", r.sc)
			case "c":
				cell = true
			}
		}
		if rowStart {
			it.err = numErr
			switch {
			case num > totalRows:
				r.err, r.token = errMaxRows, false
				return it.cells, r.err
			case num != 0:
				r.curRow = num
			case !r.token:
				r.curRow++
			}
			r.token, r.tokNum, r.tokErr = true, num, numErr
			if r.curRow > r.seekRow {
				r.token = false
				return it.cells, it.err
			}
		}
		if cell {
			r.readCell(&it, sst)
		}
		r.token = false
		if it.err != nil {
			return it.cells, it.err
		}
	}
	return it.cells, it.err
}

// cellState is the part of excelize's xlsxC a raw value depends on.
type cellState struct {
	ref, typ, v []byte
	prefix      []byte // of the <c> element
	hasF, hasIS bool
	is          siText
}

// readCell is rowXMLHandler: it decodes the <c> just started and appends
// its value at its column.
func (r *xlsxRows) readCell(it *rowIter, sst []string) {
	it.cellCol++
	c := &r.cell
	c.ref, c.typ, c.v = c.ref[:0], c.typ[:0], c.v[:0]
	c.hasF, c.hasIS = false, false
	c.is.reset()
	_ = r.decodeCell(c) // excelize ignores it too: what was read counts
	if len(c.ref) > 0 {
		if it.cellCol, _, it.err = cellNameToCoordinates(c.ref); it.err != nil {
			return
		}
	}
	blank := it.cellCol - len(it.cells)
	if val := r.cellValue(c, sst); val != "" || c.hasF {
		for i := 1; i < blank; i++ {
			it.cells = append(it.cells, "")
		}
		it.cells = append(it.cells, val)
	}
}

// decodeCell is cellXMLHandler: the attributes r, s and t, then <v>,
// <f> and <is> wherever they occur before the cell's end tag. On an error
// it stops where the error left the scanner; Columns reads on from there.
func (r *xlsxRows) decodeCell(c *cellState) error {
	sc := r.sc
	for i := range sc.spans {
		switch v := sc.attrValue(i); string(sc.attrLocal(i)) {
		case "r":
			c.ref = append(c.ref[:0], v...)
		case "s":
			if !plainDigits(v) || len(v) == 0 {
				if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
					return err
				}
			}
		case "t":
			c.typ = append(c.typ[:0], v...)
		}
	}
	// The cell ends at the first end tag whose translated name is the
	// cell's (excelize compares them with start.End()). While inside the
	// cell its bindings are sc.ns[:bound]; with no more bindings in force
	// and the same prefix, the names are equal without translating.
	c.prefix = append(c.prefix[:0], sc.prefix()...)
	bound := len(sc.ns)
	for {
		switch sc.next() {
		case tokNone:
			return sc.endErr()
		case tokStart:
			var err error
			switch string(sc.local()) {
			case "v":
				if err = sc.checkDepth(); err == nil {
					if c.is.cur, err = sc.elemText(c.is.cur[:0]); err == nil {
						c.v = append(c.v[:0], c.is.cur...)
					}
				}
			case "f":
				if err = sc.checkDepth(); err == nil {
					c.hasF = true
					if err = checkAttrs(sc, formulaAttrs); err == nil {
						c.is.cur, err = sc.elemText(c.is.cur[:0])
					}
				}
			case "is":
				if err = sc.checkDepth(); err == nil {
					c.hasIS = true
					err = sc.decodeSI(&c.is)
				}
			}
			if err != nil {
				return err
			}
		case tokEnd:
			if string(sc.local()) != "c" {
				continue
			}
			if len(sc.ns) == bound && bytes.Equal(sc.prefix(), c.prefix) ||
				sc.nsOf(sc.name(), true) == nsIn(sc.ns[:bound], xmlName{c.prefix, sc.local()}, true) {
				return nil
			}
		}
	}
}

// cellValue is getValueFrom with RawCellValue: the value as stored, so a
// date is its serial number, not whatever display format the clerk's
// locale applied (record.ParseDate takes serials); a shared string looked
// up (an index outside the table reads as empty); an inline string's text.
func (r *xlsxRows) cellValue(c *cellState, sst []string) string {
	switch string(c.typ) {
	case "s":
		if len(c.v) == 0 {
			return ""
		}
		if i := trimmedIndex(c.v); i >= 0 && i < len(sst) {
			return sst[i]
		}
		return ""
	case "inlineStr":
		if c.hasIS {
			r.val = c.is.value(r.val[:0])
			return r.str(r.val)
		}
	}
	return r.str(c.v)
}

// maxShared is the longest value kept in the intern table: short values
// (dates, classes, departments) repeat down a register, and one copy of
// each saves an allocation per cell.
const (
	maxShared     = 32
	maxSharedVals = 4096
)

func (r *xlsxRows) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxShared {
		return string(b)
	}
	if s, ok := r.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(r.intern) < maxSharedVals {
		if r.intern == nil {
			r.intern = map[string]string{}
		}
		r.intern[s] = s
	}
	return s
}

// attrValToInt is excelize's: the last attribute of that local name
// wins, and a malformed one stops the search with strconv.Atoi's value
// and error.
func attrValToInt(name string, s *xmlScanner) (val int, err error) {
	for i := range s.spans {
		if string(s.attrLocal(i)) == name {
			if val, err = atoi(s.attrValue(i)); err != nil {
				return val, err
			}
		}
	}
	return val, err
}

// atoi is strconv.Atoi on bytes, without allocating in the common case.
func atoi(b []byte) (int, error) {
	if n := len(b); n > 0 && n < 19 && strconv.IntSize == 64 {
		neg := false
		digits := b
		if b[0] == '-' || b[0] == '+' {
			neg, digits = b[0] == '-', b[1:]
		}
		if len(digits) > 0 {
			v := 0
			for _, c := range digits {
				if c < '0' || c > '9' {
					return strconv.Atoi(string(b))
				}
				v = v*10 + int(c-'0')
			}
			if neg {
				v = -v
			}
			return v, nil
		}
	}
	return strconv.Atoi(string(b))
}

// cellNameToCoordinates is excelize's CellNameToCoordinates on bytes:
// letters (case-insensitive, $ ignored) then a row number above 0.
func cellNameToCoordinates(cell []byte) (col, row int, err error) {
	// SplitCellName: the name starts with a letter or $, the last letter
	// or $ is followed by the row, which strconv.Atoi must read as > 0.
	i := -1
	for j, c := range cell {
		if isCellAlpha(c) {
			i = j
		}
	}
	if len(cell) == 0 || !isCellAlpha(cell[0]) || i >= len(cell)-1 {
		return -1, -1, errBadCellName
	}
	if row, err = atoi(cell[i+1:]); err != nil || row <= 0 {
		return -1, -1, errBadCellName
	}
	if row > totalRows {
		return -1, -1, errMaxRows
	}
	// ColumnNameToNumber on the letters with $ removed.
	col, multi, letters := 0, 1, 0
	for j := i; j >= 0; j-- {
		c := cell[j]
		switch {
		case c == '$':
			continue
		case 'A' <= c && c <= 'Z':
			col += int(c-'A'+1) * multi
		case 'a' <= c && c <= 'z':
			col += int(c-'a'+1) * multi
		default:
			return -1, row, errBadColumnName
		}
		letters++
		if col > maxColumns {
			return -1, row, errColumnNumber
		}
		multi *= 26
	}
	if letters == 0 {
		return -1, row, errBadColumnName
	}
	return col, row, nil
}

func isCellAlpha(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || c == '$'
}
