package form

import (
	"strings"
	"unicode/utf8"
)

// Line breaking is our own: PDF libraries' (fpdf's MultiCell/SplitText) drop
// one Chinese character at every automatic break (design folder,
// pitfall-multicell-drops-cjk.png). Rules: break anywhere between CJK
// characters, keep Latin words whole unless a word alone is too wide,
// honour explicit newlines, drop spaces at soft breaks, and apply kinsoku:
// closing punctuation never starts a line and opening punctuation never
// ends one — the neighbouring character moves down with it.

// closers may not start a line; openers may not end one.
const (
	closers = "，。、；：？！）》」』】〕〗〉’”…‥％·～,.;:?!)]}%｝］﹚﹜︰︶︸︺︼︾﹀﹂"
	openers = "（《「『【〔〖〈‘“([{｛［﹙﹛"
)

// unit is an unbreakable piece of a paragraph: a Latin word, one CJK
// character with any punctuation glued to it, or a run of spaces.
type unit struct {
	text  string
	width int
	space bool
}

// breakLines splits text into lines at most max wide, widths being in the
// units of width (the engine uses 1/1000 em). An empty paragraph gives an
// empty line, so blank lines the user typed survive.
func breakLines(text string, max int, width func(rune) int) []string {
	var out []string
	for para := range strings.SplitSeq(text, "\n") {
		out = append(out, breakParagraph(para, max, width)...)
	}
	return out
}

func breakParagraph(para string, max int, width func(rune) int) []string {
	units := glue(split(para, width))
	lb := lineBuilder{max: max, width: width}
	for i, u := range units {
		switch {
		case u.space && i > 0:
			lb.pending = append(lb.pending, u)
		default: // words, and leading spaces, which are indentation

			lb.place(u)
		}
	}
	return lb.finish()
}

// split cuts a paragraph into words, single CJK characters and space runs.
func split(para string, width func(rune) int) []unit {
	var units []unit
	for i := 0; i < len(para); {
		r, n := utf8.DecodeRuneInString(para[i:])
		end := i + n
		if r == ' ' || isWordRune(r) {
			for end < len(para) {
				r2, n2 := utf8.DecodeRuneInString(para[end:])
				if (r == ' ') != (r2 == ' ') || r2 != ' ' && !isWordRune(r2) {
					break
				}
				end += n2
			}
		}
		units = append(units, unit{text: para[i:end], width: measure(para[i:end], width), space: r == ' '})
		i = end
	}
	return units
}

// isWordRune reports runes that belong to Latin-style words, which break only
// at spaces: everything before the CJK blocks except spaces and the
// punctuation kinsoku handles on its own.
func isWordRune(r rune) bool {
	return r < 0x2E80 && r != ' ' && !strings.ContainsRune(closers+openers, r)
}

func measure(s string, width func(rune) int) int {
	w := 0
	for _, r := range s {
		w += width(r)
	}
	return w
}

// glue applies kinsoku by merging closers into the unit before them and
// openers into the unit after them, so a break can never fall there.
func glue(units []unit) []unit {
	out := units[:0:0]
	for _, u := range units {
		if n := len(out); n > 0 && !u.space && !out[n-1].space && (isCloser(u.text) || endsWithOpener(out[n-1].text)) {
			out[n-1].text += u.text
			out[n-1].width += u.width
			continue
		}
		out = append(out, u)
	}
	return out
}

func isCloser(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune(closers, r)
}

func endsWithOpener(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(openers, r)
}

// lineBuilder fills lines greedily. Spaces wait in pending until the next
// unit shows whether they sit inside a line (kept) or at a break (dropped).
type lineBuilder struct {
	max     int
	width   func(rune) int
	lines   []string
	cur     strings.Builder
	curW    int
	pending []unit
}

func (lb *lineBuilder) add(u unit) {
	lb.cur.WriteString(u.text)
	lb.curW += u.width
}

func (lb *lineBuilder) place(u unit) {
	pw := 0
	for _, p := range lb.pending {
		pw += p.width
	}
	switch {
	case lb.curW+pw+u.width <= lb.max:
		for _, p := range lb.pending {
			lb.add(p)
		}
	case u.width <= lb.max:
		lb.flush()
	case u.space: // indentation wider than the line is dropped, like any break space
		lb.pending = nil
		return
	default: // wider than a whole line: the only case that breaks mid-word
		if lb.curW > 0 {
			lb.flush()
		}
		lb.pending = nil
		lb.hardBreak(u.text)
		return
	}
	lb.pending = nil
	lb.add(u)
}

// hardBreak places a too-wide unit character by character; a character
// wider than the line still gets a line of its own.
func (lb *lineBuilder) hardBreak(s string) {
	for _, r := range s {
		w := lb.width(r)
		if lb.curW > 0 && lb.curW+w > lb.max {
			lb.flush()
		}
		lb.cur.WriteRune(r)
		lb.curW += w
	}
}

func (lb *lineBuilder) flush() {
	lb.lines = append(lb.lines, lb.cur.String())
	lb.cur.Reset()
	lb.curW = 0
}

func (lb *lineBuilder) finish() []string {
	if lb.curW > 0 || lb.cur.Len() > 0 || len(lb.lines) == 0 {
		lb.flush()
	}
	return lb.lines
}
