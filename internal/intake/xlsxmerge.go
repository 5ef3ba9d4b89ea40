package intake

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"sort"

	"github.com/xuri/excelize/v2"
)

// Merged cells: Excel keeps a merged range's value in its top-left cell
// only, but LibreOffice and WPS can keep the hidden cells' old contents.
// excelize's row iterator returns those too, so the covered cells are
// blanked here. The ranges sit after the rows in the sheet XML, so they are
// found by a quick byte scan of the part before the rows are streamed.

const maxMerges = 100000 // more is not a register; the rest are ignored

type mergeRect struct{ c1, r1, c2, r2 int } // 1-based, inclusive

// merges blanks covered cells as rows are visited in increasing order.
type merges struct {
	rects  []mergeRect // sorted by r1
	next   int         // first rect not yet active
	active []mergeRect
}

// blank clears the cells of row line that a merged range covers, keeping
// the top-left cell. A nil *merges does nothing.
func (m *merges) blank(line int, cells []string) {
	if m == nil {
		return
	}
	for m.next < len(m.rects) && m.rects[m.next].r1 <= line {
		m.active = append(m.active, m.rects[m.next])
		m.next++
	}
	kept := m.active[:0]
	for _, r := range m.active {
		if r.r2 < line {
			continue
		}
		kept = append(kept, r)
		for c := r.c1; c <= r.c2 && c <= len(cells); c++ {
			if line != r.r1 || c != r.c1 {
				cells[c-1] = ""
			}
		}
	}
	m.active = kept
}

var (
	mergeRefRe  = regexp.MustCompile(`<(?:\w+:)?mergeCell\s[^>]*?\bref="([A-Za-z]+[0-9]+)(?::([A-Za-z]+[0-9]+))?"`)
	mergeOpenRe = regexp.MustCompile(`<(?:\w+:)?mergeCells[\s>/]`)
)

// loadMerges reads the merged ranges of a sheet part, or nil. Damage here
// only loses the blanking (the rows, read next, report it), so errors are
// ignored.
func loadMerges(z *zip.File) *merges {
	rc, err := z.Open()
	if err != nil {
		return nil
	}
	defer rc.Close()
	sec := mergeSection(rc)
	var m merges
	for _, s := range mergeRefRe.FindAllSubmatch(sec, maxMerges) {
		if r, ok := parseRect(string(s[1]), string(s[2])); ok {
			m.rects = append(m.rects, r)
		}
	}
	if len(m.rects) == 0 {
		return nil
	}
	sort.Slice(m.rects, func(i, j int) bool { return m.rects[i].r1 < m.rects[j].r1 })
	return &m
}

// mergeSection returns the sheet XML from its <mergeCells> element on,
// scanning in chunks so a big sheet is never held whole.
func mergeSection(r io.Reader) []byte {
	const overlap = 64 // longer than the tag, so a tag split across reads is seen whole
	buf := make([]byte, 64<<10+overlap)
	keep := 0
	for {
		n, err := io.ReadFull(r, buf[keep:])
		chunk := buf[:keep+n]
		// The byte search is cheap; the regexp only runs near a hit.
		if bytes.Contains(chunk, []byte("mergeCells")) {
			if loc := mergeOpenRe.FindIndex(chunk); loc != nil {
				rest, _ := io.ReadAll(r)
				return append(bytes.Clone(chunk[loc[0]:]), rest...)
			}
		}
		if err != nil {
			return nil
		}
		keep = copy(buf, chunk[len(chunk)-overlap:])
	}
}

func parseRect(a, b string) (mergeRect, bool) {
	if b == "" {
		b = a
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(a)
	c2, r2, err2 := excelize.CellNameToCoordinates(b)
	if err1 != nil || err2 != nil {
		return mergeRect{}, false
	}
	return mergeRect{min(c1, c2), min(r1, r2), max(c1, c2), max(r1, r2)}, true
}
