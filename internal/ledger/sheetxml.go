package ledger

import (
	"bufio"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// The entry rows are written as sheet XML by hand rather than through
// excelize's stream writer, which buffers the whole sheet (doubling a
// bytes.Buffer up to 16 MB, then a temp file) and allocates per cell. The
// XML is what the stream writer wrote for the same cells, but for the one
// difference noted at escapeText.

// maxCellChars is Excel's limit on a cell's text, in UTF-16 units; excelize
// cuts longer text there.
const maxCellChars = excelize.TotalCellChars

// xmlWriter writes sheet XML to w. Write errors stick in w: bufio.Writer
// returns the first one from every later call, so a caller checks the last.
type xmlWriter struct {
	w   *bufio.Writer
	num []byte // scratch for formatting numbers
}

// startRow writes <row r=".." ht=".." customHeight="1">.
func (x *xmlWriter) startRow(row int, height float64) {
	x.w.WriteString(`<row r="`)
	x.writeInt(row)
	x.w.WriteString(`" ht="`)
	x.num = strconv.AppendFloat(x.num[:0], height, 'f', -1, 64)
	x.w.Write(x.num)
	x.w.WriteString(`" customHeight="1">`)
}

func (x *xmlWriter) endRow() error {
	_, err := x.w.WriteString(`</row>`)
	return err
}

// startCell writes <c r=".." s=".." and leaves the tag open for a type.
func (x *xmlWriter) startCell(col string, row, style int) {
	x.w.WriteString(`<c r="`)
	x.w.WriteString(col)
	x.writeInt(row)
	x.w.WriteByte('"')
	if style != 0 {
		x.w.WriteString(` s="`)
		x.writeInt(style)
		x.w.WriteByte('"')
	}
}

// writeIntCell is a number cell of an integer.
func (x *xmlWriter) writeIntCell(col string, row, style, v int) {
	x.startCell(col, row, style)
	x.w.WriteString(`><v>`)
	x.writeInt(v)
	x.w.WriteString(`</v></c>`)
}

// writeDate is a date cell: its Excel serial number, which the cell's style
// shows as a date. A date before 1900 has no serial; excelize writes it as
// RFC 3339 text, and so does this.
func (x *xmlWriter) writeDate(col string, row, style int, t time.Time) {
	serial, ok := excelSerial(t)
	if !ok {
		x.writeText(col, row, style, t.Format(time.RFC3339Nano))
		return
	}
	x.startCell(col, row, style)
	x.w.WriteString(`><v>`)
	x.num = strconv.AppendFloat(x.num[:0], serial, 'f', -1, 64)
	x.w.Write(x.num)
	x.w.WriteString(`</v></c>`)
}

// writeBlank is a cell with a style and no value, so that an empty date
// cell keeps its border on paper.
func (x *xmlWriter) writeBlank(col string, row, style int) {
	x.startCell(col, row, style)
	x.w.WriteString(`></c>`)
}

// writeText is an inline-string cell, written as excelize writes one: text
// cut at maxCellChars, xml:space="preserve" when it starts or ends with
// white space, and escaped by escapeText. It is never a formula, so "=1+2"
// stays text.
func (x *xmlWriter) writeText(col string, row, style int, s string) {
	s = truncateUTF16(s, maxCellChars)
	x.startCell(col, row, style)
	if s != "" && (isSpaceByte(s[0]) || isSpaceByte(s[len(s)-1])) {
		x.w.WriteString(` t="inlineStr"><is><t xml:space="preserve">`)
	} else {
		x.w.WriteString(` t="inlineStr"><is><t>`)
	}
	escapeText(x.w, s)
	x.w.WriteString(`</t></is></c>`)
}

func (x *xmlWriter) writeInt(v int) {
	x.num = strconv.AppendInt(x.num[:0], int64(v), 10)
	x.w.Write(x.num)
}

// isSpaceByte is the white space excelize preserves at either end of a text.
func isSpaceByte(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r'
}

// truncateUTF16 cuts s after n UTF-16 units, at a character boundary, as
// excelize does; an invalid byte counts as one unit.
func truncateUTF16(s string, n int) string {
	if len(s) <= n { // a UTF-16 unit takes at least one byte of UTF-8
		return s
	}
	units := 0
	for i, r := range s {
		if r >= 0x10000 {
			units += 2
		} else {
			units++
		}
		if units > n {
			return s[:i]
		}
	}
	return s
}

// asciiEscapes is what escapeText writes for an ASCII byte; "" keeps it.
var asciiEscapes = func() [utf8.RuneSelf]string {
	var e [utf8.RuneSelf]string
	for b := range 0x20 {
		e[b] = "\uFFFD" // not allowed in XML 1.0
	}
	e['\n'] = "" // excelize turns xml.EscapeText's &#xA; back into a newline
	e['\t'], e['\r'] = "&#x9;", "&#xD;"
	e['"'], e['\''], e['&'], e['<'], e['>'] = "&#34;", "&#39;", "&amp;", "&lt;", "&gt;"
	return e
}()

// lookAt marks the bytes of valid UTF-8 that escapeText must look at: the
// ASCII it escapes, the underscore, and 0xEF, which starts U+FFFE and U+FFFF.
var lookAt = func() (l [256]bool) {
	for b, esc := range asciiEscapes {
		l[b] = esc != ""
	}
	l['_'], l[0xEF] = true, true
	return l
}()

// escapeText writes s as XML text the way excelize writes a cell's text:
// xml.EscapeText (which also turns characters XML 1.0 does not allow, and
// each byte of invalid UTF-8, into U+FFFD) except that newlines stay as
// they are, and an underscore that starts an escape like _x0041_ is itself
// escaped as _x005F_ so the text reads back as written.
//
// For that last step excelize matches escapes without overlap and drops an
// escape of a surrogate (_xD800_) altogether; this escapes every underscore
// that starts one, which reads back as written in both cases and gives the
// same bytes as excelize everywhere else.
func escapeText(w *bufio.Writer, s string) {
	if !utf8.ValidString(s) {
		escapeRunes(w, s)
		return
	}
	last := 0
	for i := 0; i < len(s); i++ {
		b := s[i]
		if !lookAt[b] {
			continue
		}
		esc, n := asciiEscapes[b&0x7F], 1
		switch b {
		case '_':
			if !startsEscape(s[i+1:]) {
				continue
			}
			esc = "_x005F_"
		case 0xEF: // valid UTF-8: two continuation bytes follow
			if s[i+1] != 0xBF || s[i+2] < 0xBE {
				continue
			}
			esc, n = "\uFFFD", 3
		}
		w.WriteString(s[last:i])
		w.WriteString(esc)
		last = i + n
		i += n - 1
	}
	w.WriteString(s[last:])
}

// escapeRunes is escapeText for text that is not valid UTF-8.
func escapeRunes(w *bufio.Writer, s string) {
	last := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		esc := ""
		switch {
		case r < utf8.RuneSelf:
			esc = asciiEscapes[r]
			if r == '_' && startsEscape(s[i+1:]) {
				esc = "_x005F_"
			}
		case r == utf8.RuneError && n == 1 || !inXMLRange(r):
			esc = "\uFFFD"
		}
		if esc != "" {
			w.WriteString(s[last:i])
			w.WriteString(esc)
			last = i + n
		}
		i += n
	}
	w.WriteString(s[last:])
}

// startsEscape says whether s, which follows an underscore, is the rest of
// an escape _xHHHH_.
func startsEscape(s string) bool {
	if len(s) < 6 || s[0] != 'x' || s[5] != '_' {
		return false
	}
	for _, c := range []byte(s[1:5]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// inXMLRange is encoding/xml's test for a character allowed in XML 1.0,
// for characters beyond ASCII.
func inXMLRange(r rune) bool {
	return r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// Excel's serial 1 is 1900-01-01, and it counts a 29 February 1900 that
// never was, so from March 1900 on a serial is the days since 1899-12-30.
const (
	secondsPerDay = 24 * 60 * 60
	excelDay0Unix = -2209075200        // 1899-12-31T00:00:00Z, serial 0
	excelLeapBug  = 60 * secondsPerDay // 1900-03-01, from excelDay0
)

// excelSerial is t's Excel serial number, taking t's wall-clock time in its
// own zone as excelize does; false before 1900, which has no serial.
func excelSerial(t time.Time) (float64, bool) {
	_, offset := t.Zone()
	since := t.Unix() + int64(offset) - excelDay0Unix
	if since < 0 || since == 0 && t.Nanosecond() == 0 {
		return 0, false
	}
	days, rem := since/secondsPerDay, since%secondsPerDay
	serial := float64(days) + float64(rem*1e9+int64(t.Nanosecond()))/float64(secondsPerDay*1e9)
	if since >= excelLeapBug {
		serial++
	}
	return serial, true
}
