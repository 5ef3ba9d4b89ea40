// Package pdftext extracts the text of PDFs written by internal/form/pdf,
// for tests and checks: it reads the content streams and maps glyphs back
// through each font's ToUnicode CMap. It is not a general PDF reader.
//
// It decodes text the way a viewer copies it: the two-byte codes shown by
// "<…> Tj" in Type0 / Identity-H fonts, through the font's ToUnicode
// bfchar entries. Anything outside that subset of PDF — other string forms,
// text operators or encodings, cross-reference streams, broken structure —
// is an error, never a guess and never a panic.
package pdftext

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/qdoc/qdoc/internal/form/font"
)

// Pages returns, per page, the text runs in drawing order.
func Pages(pdf []byte) ([][]string, error) {
	d, err := parse(pdf)
	if err != nil {
		return nil, err
	}
	pages, err := d.pages()
	if err != nil {
		return nil, err
	}
	out := make([][]string, len(pages))
	for i, p := range pages {
		if out[i], err = d.runs(p); err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
	}
	return out, nil
}

// Text returns all pages' runs joined: runs by "\n", pages by "\f".
func Text(pdf []byte) (string, error) {
	pages, err := Pages(pdf)
	if err != nil {
		return "", err
	}
	texts := make([]string, len(pages))
	for i, runs := range pages {
		texts[i] = strings.Join(runs, "\n")
	}
	return strings.Join(texts, "\f"), nil
}

// CheckGlyphs verifies that each font the pages use embeds a font program
// that parses, and that the glyph each code draws has the same outline
// header (contours, bounding box) as src's glyph for the character the
// font's ToUnicode map gives that code. src is the font the PDF was cut
// from. It reports every mismatch, in code order.
func CheckGlyphs(pdf []byte, src *font.Font) error {
	if src == nil {
		return errors.New("pdftext: no source font to check glyphs against")
	}
	d, err := parse(pdf)
	if err != nil {
		return err
	}
	pages, err := d.pages()
	if err != nil {
		return err
	}
	seen := map[int]bool{}
	var fonts []int
	for _, p := range pages {
		for _, n := range fontResources(d.dicts[p]) {
			if !seen[n] {
				seen[n] = true
				fonts = append(fonts, n)
			}
		}
	}
	slices.Sort(fonts)
	var errs []error
	for _, n := range fonts {
		if err := d.checkFont(n, src); err != nil {
			errs = append(errs, fmt.Errorf("font object %d: %w", n, err))
		}
	}
	return errors.Join(errs...)
}

// checkFont checks the Type0 font in object n against src.
func (d *doc) checkFont(n int, src *font.Font) error {
	cmap, err := d.cmap(n)
	if err != nil {
		return err
	}
	desc, ok := descendant(d.dicts[n])
	if !ok {
		return errors.New("no /DescendantFonts")
	}
	cid, ok := d.dicts[desc]
	if !ok {
		return fmt.Errorf("descendant font %d is missing", desc)
	}
	if name(cid, "Subtype") != "CIDFontType2" {
		return fmt.Errorf("descendant font %d is not a CIDFontType2", desc)
	}
	if name(cid, "CIDToGIDMap") != "Identity" {
		return fmt.Errorf("descendant font %d has no /CIDToGIDMap /Identity", desc)
	}
	fd, ok := ref(cid, "FontDescriptor")
	if !ok {
		return fmt.Errorf("descendant font %d has no /FontDescriptor", desc)
	}
	ff, ok := ref(d.dicts[fd], "FontFile2")
	if !ok {
		return fmt.Errorf("font descriptor %d has no /FontFile2", fd)
	}
	program, err := d.stream(ff)
	if err != nil {
		return err
	}
	embedded, err := font.ParseProgram(program)
	if err != nil {
		return fmt.Errorf("embedded font does not parse: %w", err)
	}
	codes := make([]uint16, 0, len(cmap))
	for code := range cmap {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	var errs []error
	for _, code := range codes {
		text := cmap[code]
		r := []rune(text)[0] // cmap entries are never empty
		got, want := embedded.Glyph(int(code)), src.Glyph(src.GlyphIndex(r))
		if len(want) >= 10 && (len(got) < 10 || !bytes.Equal(got[:10], want[:10])) {
			errs = append(errs, fmt.Errorf("code %d (%q) draws a glyph whose header %x differs from the font's %x",
				code, text, got[:min(10, len(got))], want[:10]))
		}
	}
	return errors.Join(errs...)
}
