package ledger

import (
	"math"
	"strings"
	"unicode"

	"golang.org/x/text/width"
)

// Excel stores no row heights for wrapped text it did not lay out itself, and
// neither Excel nor LibreOffice re-measures a streamed row on open or print:
// without a computed height a wrapped cell prints as one clipped line. So the
// writer estimates lines from character widths, erring on the tall side.

// maxRowHeight is Excel's limit for a row, in points.
const maxRowHeight = 409

// cellPadding is the part of a column width lost to the cell's margins.
const cellPadding = 1

// runeUnits is a character's width in column-width units: one for Latin
// letters, two for CJK and full-width forms. Ambiguous-width punctuation
// (“ ” — · ×) is full width in Chinese fonts such as 宋体, so it counts two.
func runeUnits(r rune) float64 {
	switch {
	case r < 0x80:
		return 1
	case r >= cjkFirst && r <= cjkLast: // most of a Chinese ledger; skips the table
		return 2
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth, width.EastAsianAmbiguous:
		return 2
	}
	return 1
}

// cjkFirst and cjkLast bound the CJK Unified Ideographs, all East Asian Wide.
const cjkFirst, cjkLast = 0x4E00, 0x9FFF

// textLines estimates how many lines s wraps to in a column of colWidth units.
func textLines(s string, colWidth float64) int {
	if s == "" {
		return 1
	}
	avail := math.Max(colWidth-cellPadding, 1)
	n := 0
	for para := range strings.SplitSeq(s, "\n") {
		n += paraLines(para, avail)
	}
	return n
}

// paraLines lays one paragraph out greedily. Latin words move to the next
// line whole, as Excel does; CJK characters break anywhere. It allocates
// nothing: it runs for every wrapped cell of a 100,000-row ledger.
func paraLines(p string, avail float64) int {
	l := lineFill{avail: avail, lines: 1}
	word := 0.0
	for _, r := range p {
		space := isSpace(r)
		if r < 0x80 && !space {
			word++
			continue
		}
		l.place(word)
		word = 0
		if space {
			l.space()
		} else {
			l.place(runeUnits(r))
		}
	}
	l.place(word)
	return l.lines
}

// isSpace is unicode.IsSpace, without its table search for the CJK
// characters past U+3000 (the ideographic space), none of which is a space.
func isSpace(r rune) bool {
	return r <= 0x3000 && unicode.IsSpace(r)
}

// lineFill tracks the greedy layout of one paragraph.
type lineFill struct {
	avail, cur float64
	lines      int
}

// place puts an unbreakable piece of width w, breaking the line before it
// when it does not fit, and splitting it when it is wider than a line.
func (l *lineFill) place(w float64) {
	if w == 0 {
		return
	}
	if l.cur > 0 && l.cur+w > l.avail {
		l.lines, l.cur = l.lines+1, 0
	}
	for w > l.avail {
		l.lines, w = l.lines+1, w-l.avail
	}
	l.cur += w
}

// space is a break opportunity; a space that does not fit ends the line.
func (l *lineFill) space() {
	if l.cur+1 > l.avail {
		l.lines, l.cur = l.lines+1, 0
		return
	}
	l.cur++
}

// rowHeight is the height in points for a row whose tallest cell has the
// given number of lines: a line is about 1.35 times the font size, plus a
// little room above and below.
func rowHeight(lines int, fontSize float64) float64 {
	h := float64(lines)*fontSize*1.35 + 4
	return math.Min(math.Round(h*4)/4, maxRowHeight)
}
