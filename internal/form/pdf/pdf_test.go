package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/form/font"
)

func TestNum(t *testing.T) {
	for v, want := range map[float64]string{0: "0", -0.001: "0", 1.5: "1.5", 2.0: "2", 12.345: "12.35", -3.1: "-3.1", 100: "100"} {
		if got := num(v); got != want {
			t.Errorf("num(%v) = %q, want %q", v, got, want)
		}
	}
}

func TestPDFDate(t *testing.T) {
	utc := time.Date(2026, 1, 12, 8, 30, 0, 0, time.UTC)
	if got := pdfDate(utc); got != "D:20260112083000Z" {
		t.Errorf("UTC: %q", got)
	}
	sh := time.Date(2026, 1, 12, 8, 30, 0, 0, time.FixedZone("CST", 8*3600))
	if got := pdfDate(sh); got != "D:20260112083000+08'00'" {
		t.Errorf("+08: %q", got)
	}
}

func TestStrings(t *testing.T) {
	if got := textString("表A"); got != "<FEFF8868"+"0041>" {
		t.Errorf("textString = %q", got)
	}
	if got := literal(`a(b)\c`); got != `(a\(b\)\\c)` {
		t.Errorf("literal = %q", got)
	}
}

func TestWidths(t *testing.T) {
	if got := widths([]int{500, 1000, 1000, 560, 600, 1000, 320}); got != "[ 3 [ 560 600 ] 6 [ 320 ] ]" {
		t.Errorf("widths = %q", got)
	}
}

func TestToUnicodeSurrogates(t *testing.T) {
	cmap := string(toUnicode([]rune{'A', '\U00020BB7'}, []uint16{1, 2}))
	for _, want := range []string{"1 beginbfrange", "<0001> <0002> [<0041> <D842DFB7>]"} {
		if !strings.Contains(cmap, want) {
			t.Errorf("ToUnicode lacks %q:\n%s", want, cmap)
		}
	}
}

// Glyph runs stop where the high byte of the id changes (a bfrange may
// not cross it) and where ids skip; a glyph shared by two characters maps
// to the first.
func TestToUnicodeRuns(t *testing.T) {
	runes := []rune{'a', 'b', 'c', 'd', 'e', 'f'}
	gids := []uint16{0x00FE, 0x00FF, 0x0100, 0x0102, 0x0102, 0x0103}
	cmap := string(toUnicode(runes, gids))
	for _, want := range []string{"3 beginbfrange", "<00FE> <00FF> [<0061> <0062>]", "<0100> <0100> [<0063>]", "<0102> <0103> [<0064> <0066>]"} {
		if !strings.Contains(cmap, want) {
			t.Errorf("ToUnicode lacks %q:\n%s", want, cmap)
		}
	}
	var many []rune
	var ids []uint16
	for i := range 250 {
		many, ids = append(many, rune(0x4E00+i)), append(ids, uint16(1+2*i))
	}
	if c := string(toUnicode(many, ids)); strings.Count(c, "beginbfrange") != 3 || !strings.Contains(c, "50 beginbfrange") {
		t.Errorf("250 single-glyph runs should make blocks of 100, 100 and 50:\n%.300s", c)
	}
}

// sampleDoc is a two-page document with boxes and text.
func sampleDoc(t *testing.T) *Doc {
	f, err := font.Parse(font.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	sub := f.Subset([]rune("质量ABC（续）"))
	doc := &Doc{Info: Info{Title: "质量 ABC", Creator: "qdoc", Lang: "zh-CN", Created: time.Date(2026, 1, 12, 0, 0, 0, 0, time.UTC)},
		Font: sub, Face: f.Metrics()}
	for range 2 {
		c := NewContent(297, 0.2, sub)
		c.Rect(20, 20, 100, 10, 0.9)
		c.Rect(20, 30, 100, 10, 1)
		c.Text(22, 27, 10, "质量ABC（续）")
		doc.Pages = append(doc.Pages, &Page{Width: 210, Height: 297, Content: c})
	}
	return doc
}

func TestDocIsDeterministicAndValid(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := sampleDoc(t).WriteTo(&a); err != nil {
		t.Fatal(err)
	}
	sampleDoc(t).WriteTo(&b)
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("same document written twice differs")
	}
	for _, want := range []string{"%PDF-1.7", "/Count 2", "/CIDToGIDMap /Identity", "/CreationDate (D:20260112000000Z)", "startxref", "%%EOF"} {
		if !bytes.Contains(a.Bytes(), []byte(want)) {
			t.Errorf("document lacks %q", want)
		}
	}
	if _, err := exec.LookPath("qpdf"); err != nil {
		t.Skip("qpdf not installed (apt-get install qpdf); structure not checked")
	}
	path := filepath.Join(t.TempDir(), "doc.pdf")
	os.WriteFile(path, a.Bytes(), 0o644)
	out, err := exec.Command("qpdf", "--check", path).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}
