package form

import (
	"bytes"
	"compress/zlib"
	"encoding/hex"
	"io"
	"regexp"
	"strconv"
	"testing"
	"unicode/utf16"

	"github.com/qdoc/qdoc/internal/form/font"
)

// A pure-Go reader for the PDFs this package writes, so text checks run
// everywhere, pdftotext or not. It decodes text the way a viewer copies
// it: the glyph ids shown by "<…> Tj" through the font's ToUnicode CMap.
// It also checks the embedded font draws each character with the source
// font's glyph.

// pdfDoc is a parsed PDF: dictionaries and inflated streams by object number.
type pdfDoc struct {
	dicts   map[int]string
	streams map[int][]byte
}

var (
	objRe  = regexp.MustCompile(`(?s)(\d+) 0 obj\n(<<.*?>>)\n(stream\n|endobj)`)
	lenRe  = regexp.MustCompile(`/Length (\d+)`)
	kidsRe = regexp.MustCompile(`/Kids \[([^\]]*)\]`)
	refRe  = regexp.MustCompile(`(\d+) 0 R`)
	bfRe   = regexp.MustCompile(`<([0-9A-F]{4})> <([0-9A-F]+)>`)
	tjRe   = regexp.MustCompile(`<([0-9A-F]*)> Tj`)
)

func parsePDF(t testing.TB, data []byte) *pdfDoc {
	t.Helper()
	doc := &pdfDoc{dicts: map[int]string{}, streams: map[int][]byte{}}
	for pos := 0; ; {
		m := objRe.FindSubmatchIndex(data[pos:])
		if m == nil {
			return doc
		}
		n, _ := strconv.Atoi(string(data[pos+m[2] : pos+m[3]]))
		dict := string(data[pos+m[4] : pos+m[5]])
		doc.dicts[n] = dict
		isStream := string(data[pos+m[6]:pos+m[7]]) == "stream\n"
		pos += m[1]
		if isStream {
			l := lenRe.FindStringSubmatch(dict)
			length, _ := strconv.Atoi(l[1])
			doc.streams[n] = inflate(t, data[pos:pos+length])
			pos += length
		}
	}
}

func inflate(t testing.TB, raw []byte) []byte {
	r, err := zlib.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	out, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return out
}

// ref returns the object number dict refers to under key, e.g. /Contents 4 0 R.
func ref(dict, key string) int {
	m := regexp.MustCompile(`/` + key + ` (\d+) 0 R`).FindStringSubmatch(dict)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pages returns the content streams of the pages in order.
func (d *pdfDoc) pages(t testing.TB) [][]byte {
	kids := kidsRe.FindStringSubmatch(d.dicts[2])
	if kids == nil {
		t.Fatalf("object 2 is not the page tree: %q", d.dicts[2])
	}
	var out [][]byte
	for _, m := range refRe.FindAllStringSubmatch(kids[1], -1) {
		n, _ := strconv.Atoi(m[1])
		out = append(out, d.streams[ref(d.dicts[n], "Contents")])
	}
	return out
}

// toUnicode reads the font's ToUnicode CMap: glyph id → text.
func (d *pdfDoc) toUnicode(t testing.TB) map[uint16]string {
	cmap := d.streams[ref(d.dicts[4], "ToUnicode")]
	out := map[uint16]string{}
	for _, m := range bfRe.FindAllSubmatch(cmap, -1) {
		code, _ := strconv.ParseUint(string(m[1]), 16, 16)
		out[uint16(code)] = decodeUTF16BE(t, unhex(t, m[2]))
	}
	return out
}

func unhex(t testing.TB, h []byte) []byte {
	b, err := hex.DecodeString(string(h))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decodeUTF16BE(t testing.TB, b []byte) string {
	if len(b)%2 != 0 {
		t.Fatalf("odd-length UTF-16 %x", b)
	}
	u := make([]uint16, len(b)/2)
	for i := range u {
		u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
	}
	return string(utf16.Decode(u))
}

// textRuns decodes the strings a content stream shows, through cmap.
func textRuns(t testing.TB, content []byte, cmap map[uint16]string) []string {
	var runs []string
	for _, m := range tjRe.FindAllSubmatch(content, -1) {
		codes := unhex(t, m[1])
		var s []byte
		for i := 0; i+1 < len(codes); i += 2 {
			code := uint16(codes[i])<<8 | uint16(codes[i+1])
			text, ok := cmap[code]
			if !ok {
				t.Fatalf("glyph %d is shown but has no ToUnicode entry", code)
			}
			s = append(s, text...)
		}
		runs = append(runs, string(s))
	}
	return runs
}

// pdfText is the text of a PDF, page by page, run by run; it also checks
// the embedded font.
func pdfText(t testing.TB, data []byte) [][]string {
	t.Helper()
	doc := parsePDF(t, data)
	cmap := doc.toUnicode(t)
	doc.checkGlyphs(t, cmap)
	var out [][]string
	for _, c := range doc.pages(t) {
		out = append(out, textRuns(t, c, cmap))
	}
	return out
}

// checkGlyphs verifies that the embedded font program parses and that the
// glyph each code shows has the same outline header (contours, bounding
// box) as the source font's glyph for the character ToUnicode gives it.
func (d *pdfDoc) checkGlyphs(t testing.TB, cmap map[uint16]string) {
	t.Helper()
	var cid string
	for _, dict := range d.dicts {
		if bytes.Contains([]byte(dict), []byte("/Subtype /CIDFontType2")) {
			cid = dict
		}
	}
	embedded, err := font.Parse(d.streams[ref(d.dicts[ref(cid, "FontDescriptor")], "FontFile2")])
	if err != nil {
		t.Fatalf("embedded font does not parse: %v", err)
	}
	src := testEngine(t).font
	for code, text := range cmap {
		r := []rune(text)[0]
		got, want := embedded.Glyph(int(code)), src.Glyph(src.GlyphIndex(r))
		if len(want) >= 10 && (len(got) < 10 || !bytes.Equal(got[:10], want[:10])) {
			t.Errorf("code %d (%q) draws a glyph whose header %x differs from the font's %x", code, text, got[:min(10, len(got))], want[:10])
		}
	}
}
