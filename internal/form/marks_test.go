package form

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	qrcode "github.com/skip2/go-qrcode"
)

func qrOps(pg []op) []op {
	var out []op
	for _, o := range pg {
		if o.kind == opRects && o.paint.Fill != nil && o.paint.Stroke == nil {
			out = append(out, o)
		}
	}
	return out
}

// TestQRMatrix: the drawn rectangles, read back as modules, are exactly
// the encoder's matrix for the serial, one module per 13/n mm.
func TestQRMatrix(t *testing.T) {
	l, d := testLayout(t, "fm30"), sampleData()
	pages := testEngine(t).plan(l, &d)
	q, err := qrcode.New(d.Serial, qrcode.Medium)
	if err != nil {
		t.Fatal(err)
	}
	q.DisableBorder = true
	want := q.Bitmap()
	n := len(want)
	if n != 21 {
		t.Errorf("a 20-character serial gives a %d-module code, want version 1 (21): alphanumeric mode", n)
	}
	qs := qrOps(pages[0])
	if len(qs) != 1 {
		t.Fatalf("%d QR drawings on page 1, want 1", len(qs))
	}
	qr := bounds(qs[0].pts)
	m := qr.w / float64(n)
	if math.Abs(qr.w-qr.h) > 0.001 || qr.x+qr.w != l.left()+l.contentWidth() || qr.y != l.headerTop() || qr.w > qrMaxSide {
		t.Errorf("QR code at %+v, want a square of at most %g mm at the top right of the content", qr, qrMaxSide)
	}
	x0, y0 := qr.x, qr.y
	got := make([][]bool, n)
	for i := range got {
		got[i] = make([]bool, n)
	}
	r := qs[0].pts
	for k := 0; k+3 < len(r); k += 4 {
		i, j, w := int(math.Round((r[k+1]-y0)/m)), int(math.Round((r[k]-x0)/m)), int(math.Round(r[k+2]/m))
		for ; w > 0; w-- {
			got[i][j] = true
			j++
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Error("drawn modules differ from the encoder's matrix")
	}
}

// TestMarksClearOfCells: on every page of every form, the QR code with its
// quiet zone and the stamp touch no text and no cell.
func TestMarksClearOfCells(t *testing.T) {
	long := sampleData()
	long.Fields["content"] = strings.Repeat("信息内容逐步加长，检验分页。", 80)
	for name, d := range map[string]Data{"fm30": long, "revision": revisionData(), "training": trainingData()} {
		l := testLayout(t, name)
		d.Stamp = &Stamp{Text: "受控", Sub: "第 3 份 仓储部"}
		pages := testEngine(t).plan(l, &d)
		for p, pg := range pages {
			qs := qrOps(pg)
			if len(qs) != 1 || stampOf(pg) == nil {
				t.Fatalf("%s page %d: %d QR codes, stamp %v", name, p+1, len(qs), stampOf(pg))
			}
			m := qs[0].pts[3] // every run is one module high
			qr := bounds(qs[0].pts)
			if qr.y+qr.h+4*m > l.bodyTop() {
				t.Errorf("%s: the QR code's quiet zone reaches the body", name)
			}
			quiet := box{qr.x - 4*m, qr.y - 4*m, qr.w + 8*m, qr.h + 8*m}
			st := stampOf(pg).pts
			for _, o := range pg {
				if o.kind == opText && o.paint != nil {
					checkInBox(t, fmt.Sprintf("%s page %d stamp", name, p+1), testEngine(t), o)
				}
				checkClear(t, fmt.Sprintf("%s page %d", name, p+1), o, quiet, box{st[0], st[1], st[2], st[3]})
			}
		}
	}
}

// bounds is the box around rectangles given as x, y, w, h quadruples.
func bounds(r []float64) box {
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for k := 0; k+3 < len(r); k += 4 {
		x0, y0 = min(x0, r[k]), min(y0, r[k+1])
		x1, y1 = max(x1, r[k]+r[k+2]), max(y1, r[k+1]+r[k+3])
	}
	return box{x0, y0, x1 - x0, y1 - y0}
}

func stampOf(pg []op) *op {
	for i, o := range pg {
		if o.kind == opRects && o.paint.Stroke != nil {
			return &pg[i]
		}
	}
	return nil
}

// checkClear fails when a cell or a text other than the stamp's own
// overlaps the QR code's quiet zone or the stamp.
func checkClear(t *testing.T, where string, o op, marks ...box) {
	t.Helper()
	var b box
	switch {
	case o.kind == opRect:
		b = box{o.x, o.y, o.w, o.h}
	case o.kind == opText && o.paint == nil:
		em := o.size * mmPerPt
		b = box{o.x, o.y - 0.88*em, float64(measure(o.text, testEngine(t).font.Width)) * em / 1000, em}
	default:
		return
	}
	for _, m := range marks {
		if b.x < m.x+m.w && m.x < b.x+b.w && b.y < m.y+m.h && m.y < b.y+b.h {
			t.Errorf("%s: %q %+v overlaps mark %+v", where, o.text, b, m)
		}
	}
}

func TestQRSwitch(t *testing.T) {
	off, err := ParseLayout([]byte(strings.Replace(string(layoutYAML(t, "fm30")), "qr: true", "qr: false", 1)), "off.yaml")
	if err != nil {
		t.Fatal(err)
	}
	d := sampleData()
	if n := len(qrOps(testEngine(t).plan(off, &d)[0])); n != 0 {
		t.Errorf("qr: false draws %d QR codes", n)
	}
	noKey, err := ParseLayout([]byte(strings.Replace(string(layoutYAML(t, "fm30")), "qr: true", "", 1)), "old.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(qrOps(testEngine(t).plan(noKey, &d)[0])); n != 1 {
		t.Errorf("a layout without the qr key draws %d QR codes, want the default 1", n)
	}
	d.Serial = ""
	if n := len(qrOps(testEngine(t).plan(testLayout(t, "fm30"), &d)[0])); n != 0 {
		t.Errorf("a form without a serial draws %d QR codes", n)
	}
}

func layoutYAML(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "templates", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestStampText: the stamp prints on every page, in its colour, and the
// form's text is all still there.
func TestStampText(t *testing.T) {
	d := sampleData()
	d.Fields["content"] = strings.Repeat(d.Fields["content"], 8)
	d.Stamp = &Stamp{Text: "作废", Sub: "第 3 份 仓储部"}
	pages := pdfText(t, render(t, testLayout(t, "fm30"), d))
	if len(pages) < 2 {
		t.Fatal("want a form of several pages")
	}
	for i, pg := range pages {
		all := strings.Join(pg, "|")
		if !strings.Contains(all, "作废|第 3 份 仓储部") || !strings.Contains(all, "质量信息传递反馈单") {
			t.Errorf("page %d lacks the stamp or title: %q", i+1, all)
		}
	}
	if st := stampOf(testEngine(t).plan(testLayout(t, "fm30"), &d)[1]); st == nil || *st.paint.Stroke != stampRed {
		t.Errorf("stamp border %+v, want red", st)
	}
	d.Stamp = &Stamp{Text: "受控", Color: RGB{B: 180}}
	pages = pdfText(t, render(t, testLayout(t, "fm30"), d))
	if !strings.Contains(strings.Join(pages[1], "|"), "受控") {
		t.Errorf("blue stamp without sub line missing: %q", pages[1])
	}
	plain := sampleData()
	plain.Stamp = &Stamp{}
	if !bytes.Equal(render(t, testLayout(t, "fm30"), plain), render(t, testLayout(t, "fm30"), sampleData())) {
		t.Error("an empty stamp changes the form")
	}
}

// TestQRDecodes scans the printed page as a person would: pdftoppm draws
// it at 150 dpi in grey and zbarimg must read the serial.
//
//	apt-get install poppler-utils zbar-tools
func TestQRDecodes(t *testing.T) {
	for _, tool := range []string{"zbarimg", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed; QR decoding not checked", tool)
		}
	}
	blank := BlankData("LDMD-FM-30-2026-0123", "山东某某医疗器械有限公司", "2026-11-28", "LDMD-FM-30")
	stamped := revisionData()
	stamped.Stamp = &Stamp{Text: "受控", Sub: "第 3 份 仓储部"}
	for name, d := range map[string]Data{"fm30": sampleData(), "fm30 blank": blank, "revision": stamped, "training": trainingData()} {
		pdf := render(t, testLayout(t, strings.Fields(name)[0]), d)
		if got := zbar(t, pdf); got != d.Serial {
			t.Errorf("%s: zbarimg read %q, want %q", name, got, d.Serial)
		}
	}
}

// zbar is what zbarimg reads on page 1 drawn by pdftoppm at 150 dpi grey.
func zbar(t *testing.T, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	writeGolden(t, filepath.Join(dir, "in.pdf"), pdf)
	if err := exec.Command("pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", filepath.Join(dir, "in.pdf"), filepath.Join(dir, "p")).Run(); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("zbarimg", "-q", "--raw", filepath.Join(dir, "p.png")).Output() // exit 4: nothing found
	return strings.TrimSpace(string(out))
}
