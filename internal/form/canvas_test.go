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
)

// sampleReport draws what an FM-32 page needs: a title, a bar chart, a
// pie, a table that runs onto a second page, signature boxes and page
// numbers written once the count is known.
func sampleReport(t testing.TB, rows int) *Canvas {
	t.Helper()
	c := testEngine(t).NewCanvas(true, created, "质量信息汇总分析表 2026Q3")
	w, _ := c.Size()
	title := "质量信息汇总分析表（2026年第三季度）"
	c.Text((w-c.TextWidth(16, title))/2, 12, 16, title)
	barChart(c, 20, 30, 120, 60, []string{"A类", "B类", "C类"}, []float64{3, 11, 23})
	pie(c, 200, 60, 25, []float64{5, 9, 14, 9})
	c.AddPage()
	body := [][]string{{"编号", "标题", "等级", "状态"}}
	for i := range rows {
		body = append(body, []string{fmt.Sprintf("LDMD-FM-30-2026-%04d", i+1),
			"阿莫西林胶囊发布新版药品经营质量管理规范附录，请各部门对照自查（第" + fmt.Sprint(i+1) + "条）", "B", "已关闭"})
	}
	end := c.Table(20, 20, []float64{55, 140, 20, 30}, body, TableOpts{Align: []string{"", "", "center", "center"}})
	signatures(c, 20, end+5, []string{"编制：", "审核：", "批准："})
	for p := 1; p <= c.PageCount(); p++ {
		c.SetPage(p)
		s := fmt.Sprintf("第 %d 页 共 %d 页", p, c.PageCount())
		c.Text((w-c.TextWidth(8, s))/2, 200, 8, s)
	}
	return c
}

func barChart(c *Canvas, x, y, w, h float64, labels []string, vs []float64) {
	blue := RGB{R: 68, G: 114, B: 196}
	c.Line(x, y+h, x+w, y+h, 0.3, RGB{})
	c.Line(x, y, x, y+h, 0.3, RGB{})
	bw := w / float64(len(vs)) * 0.6
	for i, v := range vs {
		bx := x + w/float64(len(vs))*(float64(i)+0.2)
		bh := v / 25 * h
		c.Rect(bx, y+h-bh, bw, bh, &blue, nil, 0)
		c.Text(bx+(bw-c.TextWidth(9, labels[i]))/2, y+h+1, 9, labels[i])
		n := fmt.Sprint(v)
		c.Text(bx+(bw-c.TextWidth(9, n))/2, y+h-bh-c.LineHeight(9), 9, n)
	}
}

func pie(c *Canvas, cx, cy, r float64, vs []float64) {
	colors := []RGB{{R: 68, G: 114, B: 196}, {R: 237, G: 125, B: 49}, {R: 165, G: 165, B: 165}, {R: 255, G: 192, B: 0}}
	total, from := 0.0, 0.0
	for _, v := range vs {
		total += v
	}
	white := RGB{R: 255, G: 255, B: 255}
	for i, v := range vs {
		to := from + v/total*360
		c.Wedge(cx, cy, r, from, to, &colors[i], &white, 0.3)
		from = to
	}
}

func signatures(c *Canvas, x, y float64, labels []string) {
	for i, l := range labels {
		bx := x + float64(i)*82
		c.Rect(bx, y, 80, 20, nil, &RGB{}, 0.2)
		c.Text(bx+2, y+2, 10, l)
		c.Text(bx+40, y+14, 10, "日期：    年  月  日")
	}
}

func canvasPDF(t testing.TB, c *Canvas) []byte {
	t.Helper()
	var b bytes.Buffer
	n, err := c.WriteTo(&b)
	if err != nil || n != int64(b.Len()) {
		t.Fatalf("WriteTo = %d, %v; wrote %d", n, err, b.Len())
	}
	return b.Bytes()
}

func TestCanvasTextAndPages(t *testing.T) {
	pdf := canvasPDF(t, sampleReport(t, 30))
	pages := pdfText(t, pdf)
	if len(pages) != 3 {
		t.Fatalf("%d pages, want 3 (charts, a table that continues)", len(pages))
	}
	all := strings.Join(pages[1], "|") + strings.Join(pages[2], "|")
	for i := 1; i <= 30; i++ {
		if !strings.Contains(all, fmt.Sprintf("LDMD-FM-30-2026-%04d", i)) {
			t.Errorf("row %d missing", i)
		}
	}
	if pages[2][0] != "编号" {
		t.Errorf("page 3 starts with %q, want the repeated header", pages[2][0])
	}
	for i, want := range []string{"第 1 页 共 3 页", "第 2 页 共 3 页", "第 3 页 共 3 页"} {
		if !strings.Contains(strings.Join(pages[i], "|"), want) {
			t.Errorf("page %d lacks %q", i+1, want)
		}
	}
	if !strings.Contains(strings.Join(pages[0], "|"), "A类|3") {
		t.Errorf("chart labels missing: %q", pages[0])
	}
}

func TestCanvasDeterministic(t *testing.T) {
	a, b := canvasPDF(t, sampleReport(t, 30)), canvasPDF(t, sampleReport(t, 30))
	if !bytes.Equal(a, b) {
		t.Fatal("the same drawing gives different bytes")
	}
	if !bytes.Contains(a, []byte("/CreationDate (D:20260112")) {
		t.Error("creation date is not the one passed")
	}
}

// TestCanvasTableSplitsTallRow: a cell longer than a page continues on the
// next pages, every character kept, the header repeated.
func TestCanvasTableSplitsTallRow(t *testing.T) {
	c := testEngine(t).NewCanvas(false, created, "t")
	long := strings.Repeat("质量信息内容很长，", 400)
	c.Text(20, 250, 10, "前文")
	end := c.Table(20, 260, []float64{30, 140}, [][]string{{"项目", "内容"}, {"正文", long}}, TableOpts{})
	pages := pdfText(t, canvasPDF(t, c))
	if len(pages) < 3 || c.Page() != len(pages) || end > 282 {
		t.Fatalf("%d pages, ended on page %d at %.1f mm", len(pages), c.Page(), end)
	}
	var got strings.Builder
	for i, pg := range pages {
		if i > 0 && pg[0] != "项目" {
			t.Errorf("page %d starts %q, want the header", i+1, pg[0])
		}
		for _, s := range pg {
			if s != "项目" && s != "内容" && s != "正文" && s != "前文" {
				got.WriteString(s)
			}
		}
	}
	if got.String() != long {
		t.Errorf("text lost or changed across the split: %d of %d bytes", got.Len(), len(long))
	}
}

func TestCanvasTextBox(t *testing.T) {
	c := testEngine(t).NewCanvas(false, created, "t")
	s := "质量信息（续）：" + strings.Repeat("文字", 40)
	h := c.TextBox(20, 20, 50, 10, s)
	if h != c.TextHeight(50, 10, s) || h < 3*c.LineHeight(10) {
		t.Errorf("TextBox height %.1f, TextHeight %.1f", h, c.TextHeight(50, 10, s))
	}
	got := strings.Join(pdfText(t, canvasPDF(t, c))[0], "")
	if got != s {
		t.Errorf("wrapped text %q, want %q", got, s)
	}
	for _, pg := range c.pages {
		for _, o := range pg {
			if o.x+c.TextWidth(10, o.text) > 70.01 {
				t.Errorf("line %q overflows the box", o.text)
			}
		}
	}
}

// TestCanvasIgnoresBadNumbers: NaN and infinities from a caller's division
// by zero draw nothing instead of writing an unreadable PDF.
func TestCanvasIgnoresBadNumbers(t *testing.T) {
	c := testEngine(t).NewCanvas(false, created, "t")
	nan := math.NaN()
	c.Rect(nan, 0, 1, 1, &RGB{}, nil, 0)
	c.Line(0, math.Inf(1), 1, 1, 0, RGB{})
	c.Text(nan, 1, 10, "x")
	c.Wedge(50, 50, 10, 0, nan, &RGB{}, nil, 0)
	c.Table(20, 20, []float64{nan}, [][]string{{"a"}}, TableOpts{})
	pdfText(t, canvasPDF(t, c))
	if _, err := exec.LookPath("qpdf"); err == nil {
		qpdfCheck(t, canvasPDF(t, c))
	}
}

func TestCanvasPoppler(t *testing.T) {
	pdf := canvasPDF(t, sampleReport(t, 30))
	page := squeeze(pdftotextPage(t, pdf, 1))
	if !strings.Contains(page, "质量信息汇总分析表（2026年第三季度）") {
		t.Errorf("poppler page 1: %q", page)
	}
	if _, err := exec.LookPath("qpdf"); err == nil {
		qpdfCheck(t, pdf)
	}
	if dir := os.Getenv("QDOC_LOOK"); dir != "" { // write the pages to look at once
		os.WriteFile(filepath.Join(dir, "canvas.pdf"), pdf, 0o644)
	}
}

func qpdfCheck(t *testing.T, pdf []byte) {
	t.Helper()
	in := filepath.Join(t.TempDir(), "in.pdf")
	writeGolden(t, in, pdf)
	out, err := exec.Command("qpdf", "--check", in).CombinedOutput()
	if err != nil || !bytes.Contains(out, []byte("No syntax or stream encoding errors")) {
		t.Fatalf("qpdf --check: %v\n%s", err, out)
	}
}

func TestCanvasQR(t *testing.T) {
	c := testEngine(t).NewCanvas(false, created, "t")
	if err := c.QR(20, 20, 20, "LDMD-FM-32-2026Q3"); err != nil {
		t.Fatal(err)
	}
	if err := c.QR(20, 20, 20, strings.Repeat("x", 3000)); err == nil {
		t.Error("a text longer than any QR code holds gives no error")
	}
	if b := bounds(qrOps(c.pages[0])[0].pts); math.Abs(b.w-20) > 1e-9 || math.Abs(b.h-20) > 1e-9 || b.x != 20 || b.y != 20 {
		t.Errorf("QR code drawn at %+v, want 20×20 mm at (20, 20)", b)
	}
	pdf := canvasPDF(t, c)
	for _, tool := range []string{"zbarimg", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s not installed; QR decoding not checked", tool)
		}
	}
	if got := zbar(t, pdf); got != "LDMD-FM-32-2026Q3" {
		t.Errorf("zbarimg read %q", got)
	}
}
