package form

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Golden files: testdata/fm30.pdf is the sample entry's form, byte for byte;
// testdata/fm30.png is its page as pdftoppm draws it, kept as the reference
// that was checked by eye (text inside cells, the mockup's look).
//
//	go test ./internal/form -run Golden -update
var update = flag.Bool("update", false, "rewrite testdata golden files")

func TestGoldenFM30(t *testing.T) {
	got := render(t, testLayout(t, "fm30"), sampleData())
	pdfPath := filepath.Join("testdata", "fm30.pdf")
	if *update {
		writeGolden(t, pdfPath, got)
		if _, err := exec.LookPath("pdftoppm"); err == nil {
			writeGolden(t, filepath.Join("testdata", "fm30.png"), pdftoppm(t, got))
		}
		return
	}
	want, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("FM-30 PDF differs from %s; if the change is intended, run with -update and look at testdata/fm30.png", pdfPath)
	}
}

func writeGolden(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// pdftoppm renders page 1 at 100 dpi and fails on any complaint, so it
// doubles as a check that poppler reads our PDFs and fonts cleanly.
func pdftoppm(t *testing.T, pdf []byte) []byte {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "in.pdf")
	writeGolden(t, in, pdf)
	cmd := exec.Command("pdftoppm", "-r", "100", "-png", "-singlefile", "-f", "1", "-l", "1", in, filepath.Join(dir, "out"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil || stderr.Len() > 0 {
		t.Fatalf("pdftoppm: %v %s", err, stderr.String())
	}
	png, err := os.ReadFile(filepath.Join(dir, "out.png"))
	if err != nil {
		t.Fatal(err)
	}
	return png
}

// pdftotextPage extracts page n with poppler, an extractor independent of
// ours; tests skip when it is not installed.
func pdftotextPage(t *testing.T, pdf []byte, n int) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	in := filepath.Join(t.TempDir(), "in.pdf")
	writeGolden(t, in, pdf)
	p := strconv.Itoa(n)
	out, err := exec.Command("pdftotext", "-layout", "-f", p, "-l", p, "-enc", "UTF-8", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func squeeze(s string) string { return strings.Join(strings.Fields(s), "") }

// TestPopplerReadsEveryLine: each line the plan prints is found by poppler
// on its page, including wrapped and overflowed content.
func TestPopplerReadsEveryLine(t *testing.T) {
	l := testLayout(t, "fm30")
	d := sampleData()
	d.Fields["content"] = strings.Repeat(d.Fields["content"], 8)
	pages := testEngine(t).plan(l, &d)
	pdf := render(t, l, d)
	if len(pages) < 2 {
		t.Fatal("want an overflowing form")
	}
	for i, texts := range opTexts(pages) {
		page := squeeze(pdftotextPage(t, pdf, i+1))
		for _, s := range texts {
			if !strings.Contains(page, squeeze(s)) {
				t.Errorf("page %d: poppler does not find %q", i+1, s)
			}
		}
	}
	if _, err := exec.LookPath("pdftoppm"); err == nil {
		pdftoppm(t, pdf)
	}
}
