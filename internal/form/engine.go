// Package form renders printable PDF forms — FM-30 信息传递反馈单, the
// document-revision request, the training request and any other layout in
// templates/*.yaml — with one engine: layouts are data, values come from a
// generic map, Chinese is broken into lines by our own rules, and the font
// is subset per document so that a PDF's bytes depend only on its record,
// its layout and the creation time the caller passes.
package form

import (
	"errors"
	"fmt"
	"io"
	"math/bits"
	"slices"
	"sync"
	"time"

	"github.com/qdoc/qdoc/internal/form/font"
)

// Engine renders forms. It holds the parsed font, which is read-only, so
// one Engine serves any number of goroutines.
type Engine struct {
	font *font.Font
}

// embeddedFont is parsed at most once per process: every engine built on
// the built-in font shares it.
var embeddedFont = sync.OnceValues(func() (*font.Font, error) { return font.Parse(font.Embedded()) })

// NewEngine parses a TrueType font (a .ttf, or face 0 of a .ttc); nil means
// the embedded WenQuanYi Micro Hei.
func NewEngine(fontTTF []byte) (*Engine, error) {
	f, err := embeddedFont()
	if fontTTF != nil {
		f, err = font.Parse(fontTTF)
	}
	if err != nil {
		return nil, fmt.Errorf("font: %w", err)
	}
	return &Engine{font: f}, nil
}

// Missing lists the characters of s the engine's font cannot draw, each
// once, so callers can warn: they print as the font's missing-glyph box,
// though the PDF's text (copy, search, extraction) still has them.
func (e *Engine) Missing(s string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range clean(s) {
		if r != '\n' && !e.font.Has(r) && !seen[r] {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}

// Render writes form d as one PDF. Its creation and modification dates are
// created, so the same inputs give byte-identical files.
func (e *Engine) Render(w io.Writer, l *Layout, d Data, created time.Time) error {
	return e.RenderMany(w, l, []Data{d}, created)
}

// RenderMany writes forms ds into one PDF, each starting on a new page —
// pads of blank pre-numbered forms and print batches.
func (e *Engine) RenderMany(w io.Writer, l *Layout, ds []Data, created time.Time) error {
	if len(ds) == 0 {
		return errors.New("no forms to render")
	}
	var pages [][]op
	for i := range ds {
		pages = append(pages, e.plan(l, &ds[i])...)
	}
	title := l.Title
	if len(ds) == 1 && ds[0].Serial != "" {
		title += " " + ds[0].Serial
	}
	pw, ph := l.PageSize()
	if _, err := e.document(pw, ph, pages, title, created).WriteTo(w); err != nil {
		return fmt.Errorf("writing PDF: %w", err)
	}
	return nil
}

// usedRunes returns the distinct characters the pages print, sorted: the
// set the document's font subset is cut for. A bitmap keeps the common case
// (BMP) free of sorting.
func usedRunes(pages [][]op) []rune {
	var bmp [0x10000 / 64]uint64
	var other []rune
	for _, pg := range pages {
		for _, o := range pg {
			for _, r := range o.text {
				if r < 0x10000 {
					bmp[r/64] |= 1 << (r % 64)
				} else {
					other = append(other, r)
				}
			}
		}
	}
	var out []rune
	for i, word := range bmp {
		for word != 0 {
			b := bits.TrailingZeros64(word)
			out = append(out, rune(i*64+b))
			word &^= 1 << b
		}
	}
	slices.Sort(other)
	return append(out, slices.Compact(other)...)
}
