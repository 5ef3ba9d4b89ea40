package pdftext

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/form/font"
	"github.com/qdoc/qdoc/internal/form/pdf"
)

var srcFont = sync.OnceValues(func() (*font.Font, error) { return font.Parse(font.Embedded()) })

func testFont(t testing.TB) *font.Font {
	t.Helper()
	f, err := srcFont()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// writerPDF is a two-page document from internal/form/pdf, with the texts
// of each page.
func writerPDF(t testing.TB) ([]byte, [][]string) {
	t.Helper()
	f := testFont(t)
	want := [][]string{{"质量ABC（续）", "第 1 页 共 2 页"}, {"\U00020BB7野家（\U0001F600）", "", "a(b)\\c"}}
	var all []rune
	for _, pg := range want {
		for _, s := range pg {
			all = append(all, []rune(s)...)
		}
	}
	sub := f.Subset(all)
	doc := &pdf.Doc{Info: pdf.Info{Title: "t", Created: time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)}, Font: sub, Face: f.Metrics()}
	for _, pg := range want {
		c := pdf.NewContent(297, 0.2, sub)
		c.Rect(20, 20, 100, 10, 0.9) // q … Q around the fill
		for i, s := range pg {
			c.Text(22, 27+10*float64(i), 10+float64(i), s)
		}
		doc.Pages = append(doc.Pages, &pdf.Page{Width: 210, Height: 297, Content: c})
	}
	var b bytes.Buffer
	if _, err := doc.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), want
}

func TestWriterPDF(t *testing.T) {
	data, want := writerPDF(t)
	got, err := Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Pages = %q, want %q", got, want)
	}
	text, err := Text(data)
	if err != nil {
		t.Fatal(err)
	}
	if w := "质量ABC（续）\n第 1 页 共 2 页\f\U00020BB7野家（\U0001F600）\n\na(b)\\c"; text != w {
		t.Errorf("Text = %q, want %q", text, w)
	}
	if err := CheckGlyphs(data, testFont(t)); err != nil {
		t.Error(err)
	}
}

// object is one object of a hand-built PDF; stream nil means none.
type object struct {
	dict   string
	stream []byte
}

// minimal is a one-page PDF showing "A表" then "A", its streams unfiltered.
func minimal() map[int]object {
	return map[int]object{
		1: {dict: "<< /Type /Catalog /Pages 2 0 R >>"},
		2: {dict: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>"},
		3: {dict: "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>"},
		4: {dict: "<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /ToUnicode 6 0 R >>"},
		5: {dict: "<< >>", stream: []byte("q 0.5 g Q BT /F1 10 Tf 1 0 0 1 5 5 Tm <00010002> Tj ET\nBT <0001> Tj ET\n")},
		6: {dict: "<< >>", stream: []byte("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
			"2 beginbfchar\n<0001> <0041>\n<0002> <8868>\nendbfchar\n")},
	}
}

// build writes objs as a PDF, filling in each stream's /Length.
func build(objs map[int]object) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	for _, n := range slices.Sorted(maps.Keys(objs)) {
		o := objs[n]
		if o.stream == nil {
			fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", n, o.dict)
			continue
		}
		dict := strings.Replace(o.dict, "<<", fmt.Sprintf("<< /Length %d", len(o.stream)), 1)
		fmt.Fprintf(&b, "%d 0 obj\n%s\nstream\n%s\nendstream\nendobj\n", n, dict, o.stream)
	}
	b.WriteString("trailer\n<< /Size 7 /Root 1 0 R >>\n%%EOF\n")
	return b.Bytes()
}

func deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestSpeed)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

func TestMinimal(t *testing.T) {
	got, err := Pages(build(minimal()))
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"A表", "A"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("Pages = %q, want %q", got, want)
	}
}

// TestCheckGlyphsMismatch: a ToUnicode map that sends a glyph to another
// character is caught.
func TestCheckGlyphsMismatch(t *testing.T) {
	f := testFont(t)
	sub := f.Subset([]rune("AB"))
	objs := minimal()
	objs[4] = object{dict: "<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [7 0 R] /ToUnicode 6 0 R >>"}
	objs[7] = object{dict: "<< /Type /Font /Subtype /CIDFontType2 /FontDescriptor 8 0 R /CIDToGIDMap /Identity >>"}
	objs[8] = object{dict: "<< /Type /FontDescriptor /FontFile2 9 0 R >>"}
	objs[9] = object{dict: "<< /Filter /FlateDecode >>", stream: deflate(sub.TTF)}
	a, b := sub.GID('A'), sub.GID('B')
	cmap := func(ta, tb string) []byte {
		return fmt.Appendf(nil, "2 beginbfchar\n<%04X> <%s>\n<%04X> <%s>\nendbfchar\n", a, ta, b, tb)
	}
	objs[6] = object{dict: "<< >>", stream: cmap("0041", "0042")}
	if err := CheckGlyphs(build(objs), f); err != nil {
		t.Errorf("right glyphs: %v", err)
	}
	objs[6] = object{dict: "<< >>", stream: cmap("0042", "0041")}
	err := CheckGlyphs(build(objs), f)
	if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("code %d (\"B\")", a)) {
		t.Errorf("swapped glyphs: err = %v", err)
	}
	if err := CheckGlyphs(build(objs), nil); err == nil {
		t.Error("no source font: no error")
	}
}

// TestHostile: broken or unsupported files give an error, never a panic
// nor a guess.
func TestHostile(t *testing.T) {
	real, _ := writerPDF(t)
	edit := func(fn func(objs map[int]object)) []byte {
		objs := minimal()
		fn(objs)
		return build(objs)
	}
	content := func(s string) []byte {
		return edit(func(objs map[int]object) { objs[5] = object{dict: "<< >>", stream: []byte(s)} })
	}
	cmap := func(s string) []byte {
		return edit(func(objs map[int]object) { objs[6] = object{dict: "<< >>", stream: []byte(s)} })
	}
	dict := func(n int, d string) []byte {
		return edit(func(objs map[int]object) { o := objs[n]; o.dict = d; objs[n] = o })
	}
	for _, c := range []struct {
		name, want string
		data       []byte
	}{
		{"empty", "no objects", nil},
		{"garbage", "no objects", []byte("%PDF-1.7\n\x00\xff garbage 0 obj << >>")},
		{"truncated", "", real[:len(real)/2]},
		{"truncated in stream", "runs past the end", real[:bytes.Index(real, []byte("stream\n"))+20]},
		{"no trailer", "no trailer", bytes.TrimSuffix(build(minimal()), []byte("trailer\n<< /Size 7 /Root 1 0 R >>\n%%EOF\n"))},
		{"huge object number", "bad object number", []byte("99999999999999999999 0 obj\n<< >>\nendobj\n")},
		{"duplicate object", "defined twice", append(build(minimal()), "1 0 obj\n<< >>\nendobj\ntrailer\n<< /Root 1 0 R >>"...)},
		{"no length", "no direct /Length", []byte("1 0 obj\n<< >>\nstream\nabc\nendstream\nendobj\n")},
		{"indirect length", "indirect /Length", []byte("1 0 obj\n<< /Length 9 0 R >>\nstream\nabc\nendstream\nendobj\n")},
		{"huge length", "runs past the end", []byte("1 0 obj\n<< /Length 99999999999999999999 >>\nstream\nabc\nendstream\nendobj\n")},
		{"wrong length", "no endstream", []byte("1 0 obj\n<< /Length 2 >>\nstream\nabc\nendstream\nendobj\n")},
		{"root not catalog", "not a catalog", dict(1, "<< /Type /Page /Pages 2 0 R >>")},
		{"no page tree", "no /Pages", dict(1, "<< /Type /Catalog >>")},
		{"missing page", "object 9 is missing", dict(2, "<< /Type /Pages /Kids [3 0 R 9 0 R] >>")},
		{"page tree cycle", "twice", dict(2, "<< /Type /Pages /Kids [3 0 R 2 0 R] >>")},
		{"bad kids", "no /Kids", dict(2, "<< /Type /Pages /Kids [3 0 R /Foo] >>")},
		{"page of unknown type", "neither", dict(3, "<< /Type /Annot >>")},
		{"no contents", "no /Contents", dict(3, "<< /Type /Page /Resources << /Font << /F1 4 0 R >> >> >>")},
		{"missing contents", "stream 8 is missing", dict(3, "<< /Type /Page /Resources << /Font << /F1 4 0 R >> >> /Contents 8 0 R >>")},
		{"unknown font resource", "lack", content("BT /F2 10 Tf <0001> Tj ET")},
		{"Tj before Tf", "before any Tf", content("BT <0001> Tj ET")},
		{"Tf without size", "Tf without", content("BT /F1 Tf ET")},
		{"Tj without string", "without a string", content("BT /F1 10 Tf Tj ET")},
		{"literal string", "only <hex>", content("BT /F1 10 Tf (A) Tj ET")},
		{"odd hex digits", "two-byte codes", content("BT /F1 10 Tf <000> Tj ET")},
		{"one-byte code", "two-byte codes", content("BT /F1 10 Tf <00> Tj ET")},
		{"bad hex", "two-byte codes", content("BT /F1 10 Tf <00ZZ> Tj ET")},
		{"unmapped glyph", "glyph 3 is shown", content("BT /F1 10 Tf <0003> Tj ET")},
		{"TJ", "unsupported operator TJ", content("BT /F1 10 Tf [<0001>] TJ ET")},
		{"font lost by Q", "before any Tf", content("q BT /F1 10 Tf ET Q BT <0001> Tj ET")},
		{"Q without q", "Q without q", content("Q")},
		{"q without Q", "q without Q", content("q")},
		{"dangling operands", "no operator", content("BT /F1 10 Tf ET 1 2")},
		{"not Identity-H", "Identity-H", dict(4, "<< /Type /Font /Subtype /Type0 /Encoding /WinAnsiEncoding /ToUnicode 6 0 R >>")},
		{"no ToUnicode", "no /ToUnicode", dict(4, "<< /Type /Font /Subtype /Type0 /Encoding /Identity-H >>")},
		{"bfrange count", "declares 2", cmap("2 beginbfrange\n<0001> <0002> <0041>\nendbfrange\n")},
		{"bfrange across high byte", "bad bfrange codes", cmap("1 beginbfrange\n<00FF> <0100> <0041>\nendbfrange\n")},
		{"bfrange reversed", "bad bfrange codes", cmap("1 beginbfrange\n<0002> <0001> <0041>\nendbfrange\n")},
		{"bfrange short array", "has 1 texts for 2 codes", cmap("1 beginbfrange\n<0001> <0002> [<0041>]\nendbfrange\n")},
		{"bfrange garbage", "bad bfrange entry", cmap("1 beginbfrange\n<0001> junk\nendbfrange\n")},
		{"bfrange lone surrogate", "unpaired surrogate", cmap("1 beginbfrange\n<0001> <0001> [<D842>]\nendbfrange\n")},
		{"bfchar count", "declares 3", cmap("3 beginbfchar\n<0001> <0041>\nendbfchar\n")},
		{"odd bfchar tokens", "holds 3", cmap("1 beginbfchar\n<0001> <0041> <0002>\nendbfchar\n")},
		{"one-byte bfchar code", "bad bfchar code", cmap("1 beginbfchar\n<01> <0041>\nendbfchar\n")},
		{"empty bfchar text", "not UTF-16", cmap("1 beginbfchar\n<0001> <>\nendbfchar\n")},
		{"odd UTF-16", "not UTF-16", cmap("1 beginbfchar\n<0001> <41>\nendbfchar\n")},
		{"lone surrogate", "unpaired surrogate", cmap("1 beginbfchar\n<0001> <D842>\nendbfchar\n")},
		{"reversed surrogates", "unpaired surrogate", cmap("1 beginbfchar\n<0001> <DFB7D842>\nendbfchar\n")},
		{"not zlib", "inflate", edit(func(objs map[int]object) {
			objs[5] = object{dict: "<< /Filter /FlateDecode >>", stream: []byte("not zlib")}
		})},
		{"truncated zlib", "inflate", edit(func(objs map[int]object) {
			z := deflate([]byte("BT /F1 10 Tf <0001> Tj ET"))
			objs[5] = object{dict: "<< /Filter /FlateDecode >>", stream: z[:len(z)-6]}
		})},
		{"other filter", "unsupported /Filter", edit(func(objs map[int]object) {
			objs[5] = object{dict: "<< /Filter /ASCIIHexDecode >>", stream: []byte("41>")}
		})},
	} {
		t.Run(c.name, func(t *testing.T) {
			pages, err := Pages(c.data)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("Pages = %q, %v; want an error with %q", pages, err, c.want)
			}
			if _, err := Text(c.data); err == nil {
				t.Error("Text: no error")
			}
			CheckGlyphs(c.data, testFont(t)) // checks fonts, not what pages show: only must not panic
		})
	}
}

// TestZlibBomb: a stream may not inflate past maxStream.
func TestZlibBomb(t *testing.T) {
	if testing.Short() {
		t.Skip("inflates 64 MB")
	}
	objs := minimal()
	objs[5] = object{dict: "<< /Filter /FlateDecode >>", stream: deflate(make([]byte, maxStream+1))}
	if _, err := Pages(build(objs)); err == nil || !strings.Contains(err.Error(), "more than") {
		t.Errorf("err = %v", err)
	}
}

// FuzzPages: any bytes give text or an error, never a panic; Text agrees
// with Pages, and CheckGlyphs survives too.
func FuzzPages(f *testing.F) {
	real, _ := writerPDF(f)
	f.Add(real)
	f.Add(build(minimal()))
	f.Add([]byte("1 0 obj\n<< /Length 3 >>\nstream\nabc\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>"))
	src := testFont(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		pages, err := Pages(data)
		text, terr := Text(data)
		if (err == nil) != (terr == nil) {
			t.Fatalf("Pages error %v but Text error %v", err, terr)
		}
		if err == nil {
			var ps []string
			for _, runs := range pages {
				ps = append(ps, strings.Join(runs, "\n"))
			}
			if want := strings.Join(ps, "\f"); text != want {
				t.Fatalf("Text = %q, Pages joined = %q", text, want)
			}
		}
		CheckGlyphs(data, src)
	})
}

// Both bfrange forms read: a first text counted up, and an array.
func TestBfrange(t *testing.T) {
	objs := minimal()
	objs[5] = object{dict: "<< >>", stream: []byte("BT /F1 10 Tf <000100020003> Tj ET\nBT <01100111> Tj ET\n")}
	objs[6] = object{dict: "<< >>", stream: []byte("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n" +
		"2 beginbfrange\n<0001> <0003> <0041>\n<0110> <0111> [<8868> <D842DFB7>]\nendbfrange\n")}
	pages, err := Pages(build(objs))
	if err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"ABC", "表\U00020BB7"}}; !slices.EqualFunc(pages, want, slices.Equal) {
		t.Errorf("Pages = %q, want %q", pages, want)
	}
}
