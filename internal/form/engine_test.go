package form

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/qdoc/qdoc/internal/form/pdftext"
)

var (
	engineOnce sync.Once
	engine     *Engine
	engineErr  error
)

func testEngine(t testing.TB) *Engine {
	t.Helper()
	engineOnce.Do(func() { engine, engineErr = NewEngine(nil) })
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	return engine
}

func testLayout(t testing.TB, name string) *Layout {
	t.Helper()
	l, err := LoadLayout(name, "")
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func render(t testing.TB, l *Layout, ds ...Data) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := testEngine(t).RenderMany(&b, l, ds, created); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pdfText is the text of a PDF, page by page, run by run, read by the
// pure-Go extractor so text checks run everywhere, pdftotext or not; it also
// checks the embedded font draws each character with the source font's glyph.
func pdfText(t testing.TB, data []byte) [][]string {
	t.Helper()
	pages, err := pdftext.Pages(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := pdftext.CheckGlyphs(data, testEngine(t).font); err != nil {
		t.Error(err)
	}
	return pages
}

// fieldLines collects, across pages, the printed lines of field src.
func fieldLines(pages [][]op, src string) []string {
	var out []string
	for _, pg := range pages {
		for _, o := range pg {
			if o.kind == opText && o.src == src {
				out = append(out, o.text)
			}
		}
	}
	return out
}

// opTexts are the texts a plan prints, page by page, in drawing order.
func opTexts(pages [][]op) [][]string {
	out := make([][]string, len(pages))
	for i, pg := range pages {
		for _, o := range pg {
			if o.kind == opText {
				out[i] = append(out[i], o.text)
			}
		}
	}
	return out
}

// assertSurvives checks that every field of d prints completely: the plan's
// lines for each field are its text (only spaces and newlines at breaks
// dropped), and the PDF shows exactly the plan's texts, page by page.
func assertSurvives(t *testing.T, l *Layout, d Data) [][]op {
	t.Helper()
	e := testEngine(t)
	pages := e.plan(l, &d)
	for name, v := range d.Fields {
		if !usesField(l, name) {
			continue
		}
		lines := fieldLines(pages, name)
		if strings.TrimSpace(v) != "" && len(lines) == 0 {
			t.Errorf("field %s prints nothing", name)
		}
		checkLines(t, clean(v), lines, 1<<30, e.font.Width)
	}
	got, want := pdfText(t, render(t, l, d)), opTexts(pages)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("PDF text differs from the plan:\n got %q\nwant %q", got, want)
	}
	return pages
}

func usesField(l *Layout, name string) bool {
	for _, b := range l.Body {
		for _, c := range b.Cells {
			if c.Field == name && b.Type != "list" {
				return true
			}
		}
	}
	return false
}

func TestFM30SampleSurvives(t *testing.T) {
	pages := assertSurvives(t, testLayout(t, "fm30"), sampleData())
	if len(pages) != 1 {
		t.Errorf("sample form takes %d pages, want 1", len(pages))
	}
	if lines := fieldLines(pages, "content"); len(lines) < 3 {
		t.Errorf("content printed on %d lines, want it wrapped over several", len(lines))
	}
}

func TestFM30LongContentOverflows(t *testing.T) {
	d := sampleData()
	d.Fields["content"] = strings.Repeat(d.Fields["content"]+"\n", 12)
	d.Fields["measures"] = strings.Repeat("对照GSP附录逐条核查，Check batch No.20260112-A1 again；", 20)
	pages := assertSurvives(t, testLayout(t, "fm30"), d)
	if len(pages) < 2 {
		t.Fatalf("long content fits on %d page; want an overflow", len(pages))
	}
	text := pdfText(t, render(t, testLayout(t, "fm30"), d))
	for i, pg := range text {
		all := strings.Join(pg, "")
		for _, want := range []string{"LDMD-FM-30-2026-0001", "山东某某医疗器械有限公司", "A/0", "签发日期：2026-01-12",
			fmt.Sprintf("第 %d 页 共 %d 页", i+1, len(text))} {
			if !strings.Contains(all, want) {
				t.Errorf("page %d lacks %q", i+1, want)
			}
		}
	}
	if !strings.Contains(strings.Join(text[1], ""), "信息内容（续）") {
		t.Error("page 2 does not repeat the label 信息内容（续）")
	}
}

// TestRareCharactersSurvive: characters the font lacks — an Ext-B name
// character, an emoji, Tibetan — print as boxes but stay in the PDF's text.
func TestRareCharactersSurvive(t *testing.T) {
	d := sampleData()
	d.Fields["reporter"] = "\U00020BB7野家（\U0001F600）\u0F00"
	d.Fields["content"] = "控制字符\x07与制表\t符，CR\r\nLF。"
	pages := assertSurvives(t, testLayout(t, "fm30"), d)
	if got := strings.Join(fieldLines(pages, "reporter"), ""); got != d.Fields["reporter"] {
		t.Errorf("reporter printed as %q", got)
	}
	if got := strings.Join(fieldLines(pages, "content"), "|"); got != "控制字符与制表 符，CR|LF。" {
		t.Errorf("content cleaned to %q", got)
	}
}

func TestBlankForm(t *testing.T) {
	l := testLayout(t, "fm30")
	d := BlankData("LDMD-FM-30-2026-0042", "本公司", "2026-02-01", "LDMD-FM-30")
	text := pdfText(t, render(t, l, d))
	if len(text) != 1 {
		t.Fatalf("blank form has %d pages", len(text))
	}
	all := strings.Join(text[0], "|")
	for _, want := range []string{"编号：LDMD-FM-30-2026-0042", "表单编号：LDMD-FM-30", "信息内容", "日期：    年    月    日"} {
		if !strings.Contains(all, want) {
			t.Errorf("blank form lacks %q in %q", want, all)
		}
	}
}

func TestRenderManyPagesInOrder(t *testing.T) {
	l := testLayout(t, "fm30")
	var ds []Data
	for i := 1; i <= 3; i++ {
		ds = append(ds, BlankData(fmt.Sprintf("LDMD-FM-30-2026-%04d", i), "本公司", "2026-02-01", "LDMD-FM-30"))
	}
	text := pdfText(t, render(t, l, ds...))
	if len(text) != 3 {
		t.Fatalf("3 blank forms gave %d pages", len(text))
	}
	for i, pg := range text {
		all := strings.Join(pg, "")
		if !strings.Contains(all, fmt.Sprintf("2026-%04d", i+1)) || !strings.Contains(all, "第 1 页 共 1 页") {
			t.Errorf("page %d: %q", i+1, all)
		}
	}
}

// TestDeterministic: a form's bytes depend only on its data, layout and
// creation time — not on what else was rendered before, alongside, or in
// which order.
func TestDeterministic(t *testing.T) {
	l := testLayout(t, "fm30")
	a := sampleData()
	want := render(t, l, a)
	b := sampleData()
	b.Serial, b.Fields["content"] = "LDMD-FM-30-2026-0002", "另一条信息：冷链运输温度超标，已隔离。"
	render(t, l, b)
	if !bytes.Equal(render(t, l, a), want) {
		t.Fatal("same record rendered twice gives different bytes")
	}
	var wg sync.WaitGroup
	outs := make([][]byte, 8)
	for i := range outs {
		wg.Go(func() {
			if i%2 == 1 {
				render(t, l, b)
			}
			outs[i] = render(t, l, a)
		})
	}
	wg.Wait()
	for i, o := range outs {
		if !bytes.Equal(o, want) {
			t.Fatalf("concurrent render %d differs", i)
		}
	}
	if !bytes.Contains(want, []byte("/CreationDate (D:20260112000000Z)")) {
		t.Error("creation date not taken from the caller")
	}
}

// TestTextStaysInCells checks every planned text lies inside its box, for
// the sample, an overflowing form and the other layouts.
func TestTextStaysInCells(t *testing.T) {
	e := testEngine(t)
	long := sampleData()
	long.Fields["content"] = strings.Repeat("超长内容ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789，测试换行。", 60)
	long.Fields["title"] = strings.Repeat("很长的标题", 30)
	longSign := revisionData()
	longSign.Fields["approver"] = strings.Repeat("欧阳", 30)
	cases := map[string]Data{"fm30": sampleData(), "fm30 long": long, "revision": revisionData(),
		"revision long signature": longSign, "training": trainingData()}
	for n := range 24 { // overflows that split at every possible line
		d := sampleData()
		d.Fields["content"] = strings.Repeat("信息内容逐步加长，检验分页。", 6*n)
		d.Fields["measures"] = strings.Repeat("措施", 3*n)
		cases[fmt.Sprintf("fm30 overflow %d", n)] = d
	}
	for name, d := range cases {
		l := testLayout(t, strings.Fields(name)[0])
		pages := e.plan(l, &d)
		checkContinuations(t, name, l, pages)
		for p, pg := range pages {
			for _, o := range pg {
				if o.kind == opText {
					checkInBox(t, fmt.Sprintf("%s page %d", name, p+1), e, o)
				}
			}
		}
	}
}

// checkContinuations: a label marked （续） always has continued text
// beside it; a row is never continued just for its empty minimum height.
func checkContinuations(t *testing.T, name string, l *Layout, pages [][]op) {
	t.Helper()
	for p, pg := range pages {
		for i, o := range pg {
			label := o.kind == opText && o.src == "" && o.clip.y >= l.bodyTop()
			if label && strings.HasSuffix(o.text, "（续）") && !continuedText(pg[i+1:]) {
				t.Errorf("%s page %d: %q continues nothing", name, p+1, o.text)
			}
		}
	}
}

// continuedText reports whether field text follows before the next label.
func continuedText(ops []op) bool {
	for _, o := range ops {
		if o.kind == opText && o.src != "" {
			return true
		}
		if o.kind == opRect && o.grey < 1 {
			return false
		}
	}
	return false
}

func checkInBox(t *testing.T, where string, e *Engine, o op) {
	t.Helper()
	const eps = 0.01
	w := float64(measure(o.text, e.font.Width)) * o.size * mmPerPt / 1000
	em := o.size * mmPerPt
	top, bottom := o.y-0.88*em, o.y+0.12*em // ideographic body around the baseline
	c := o.clip
	if o.x < c.x-eps || o.x+w > c.x+c.w+eps || top < c.y-eps || bottom > c.y+c.h+eps {
		t.Errorf("%s: %q at (%.1f,%.1f) w %.1f leaves its box %+v", where, o.text, o.x, o.y, w, c)
	}
}

func TestMissing(t *testing.T) {
	e := testEngine(t)
	if m := e.Missing("质量ABC，。\n"); len(m) != 0 {
		t.Errorf("Missing reports %q for covered text", m)
	}
	if m := e.Missing("a\U0001F600b\U00020BB7"); len(m) != 2 {
		t.Errorf("Missing(emoji, Ext-B) = %q, want both", m)
	}
	if m := e.Missing("藏文\u0F00\u0F00"); len(m) != 1 || m[0] != '\u0F00' {
		t.Errorf("Missing(Tibetan) = %q, want [U+0F00]", m)
	}
}
