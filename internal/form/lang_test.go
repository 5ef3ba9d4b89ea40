package form

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// englishLabels are the default vocabularies' English names.
type englishLabels struct{}

func (englishLabels) Category(c string) string {
	return map[string]string{"regulation": "Regulations & policy", "customer": "Customer complaint"}[c]
}
func (englishLabels) Channel(c string) string { return strings.ToUpper(c[:1]) + c[1:] }
func (englishLabels) Class(c string) string   { return "Class " + c }
func (englishLabels) Status(c string) string {
	return map[string]string{"open": "Open", "awaiting": "Awaiting feedback", "closed": "Closed"}[c]
}

// langData is the sample entry, void and late, on layout l; its content
// runs onto a second page when long.
func langData(l *Layout, labels Labels, long bool) Data {
	e := sampleEntry()
	e.Title, e.Remarks = "Damaged infusion set packaging", "Annual review"
	e.Content = "The warehouse found damaged outer cartons during the monthly inspection."
	if long {
		e.Content = strings.Repeat(e.Content+" ", 60) + "END"
	}
	e.Void, e.VoidReason, e.Late = true, "entered twice", true
	d := FM30DataWords(e, "Acme Medical Devices Co., Ltd.", labels, l.Words, nil)
	d.FormCode = "LDMD-FM-30"
	return d
}

func TestEnglishFM30(t *testing.T) {
	l := testLayout(t, "fm30.en")
	pdf := render(t, l, langData(l, englishLabels{}, true))
	pages := pdfText(t, pdf)
	text := joinPages(pages)
	for _, want := range []string{
		"Quality Information Transmission and Feedback Form", "Form No.: LDMD-FM-30",
		"Serial No.", "Date received", "Departments involved", "Handling measures",
		"Class B", "Regulations & policy", "External", "Awaiting feedback",
		"仓储部, 质管部, 销售部", "Void: entered twice; Late; Annual review",
		"Page 1 of 2", "Page 2 of 2", "Issued: 2026-01-12", "Content (cont.)",
		"Quality Information Transmission and Feedback Form (cont.)", "Transmitted by (signature):",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("English FM-30 lacks %q:\n%s", want, text)
		}
	}
	for _, zh := range []string{"信息编号", "第 1 页", "作废", "补登", "（续）"} {
		if strings.Contains(text, zh) {
			t.Errorf("English FM-30 prints Chinese %q", zh)
		}
	}
	popplerCheck(t, render(t, l, langData(l, englishLabels{}, false)), "fm30.en")
}

func TestBilingualFM30(t *testing.T) {
	l := testLayout(t, "fm30.bi")
	pdf := render(t, l, langData(l, testLabels{}, true))
	text := joinPages(pdfText(t, pdf))
	for _, want := range []string{
		"质量信息传递反馈单 Quality Information Feedback Form", "信息编号 Serial No.", "涉及部门 Departments involved", "标题 Title",
		"第 1 页 共 2 页  Page 1 of 2", "作废 Void：entered twice；补登 Late；Annual review", "（续 cont.）",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("bilingual FM-30 lacks %q:\n%s", want, text)
		}
	}
	popplerCheck(t, render(t, l, langData(l, testLabels{}, false)), "fm30.bi")
}

// TestChineseWordsDefault: a layout without words: prints the Chinese ones,
// so FM30Data and FM30DataWords agree on the Chinese layout.
func TestChineseWordsDefault(t *testing.T) {
	l := testLayout(t, "fm30")
	if l.Words != ChineseWords {
		t.Errorf("fm30.yaml words = %+v", l.Words)
	}
	e := sampleEntry()
	e.Void, e.Late = true, true
	a, b := FM30Data(e, "本公司", testLabels{}), FM30DataWords(e, "本公司", testLabels{}, Words{}, nil)
	if a.Fields["remarks"] != "作废；补登；纳入年度质量回顾" || a.Fields["remarks"] != b.Fields["remarks"] {
		t.Errorf("remarks %q / %q", a.Fields["remarks"], b.Fields["remarks"])
	}
}

// joinPages is the text of every page, each line joined to the next once
// with a space (wrapped English) and once without (wrapped Chinese), so
// a wrapped phrase is found whole.
func joinPages(pages [][]string) string {
	var b strings.Builder
	for _, p := range pages {
		b.WriteString(strings.Join(p, "\n"))
		b.WriteString("\n")
	}
	s := b.String()
	return strings.ReplaceAll(s, "\n", " ") + "\n" + strings.ReplaceAll(s, "\n", "")
}

// popplerCheck has poppler draw page 1 when it is installed, failing on
// any complaint; QDOC_LANG_PNG=DIR keeps the picture to look at.
func popplerCheck(t *testing.T, pdf []byte, name string) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		return
	}
	png := pdftoppm(t, pdf)
	if dir := os.Getenv("QDOC_LANG_PNG"); dir != "" {
		writeGolden(t, dir+"/"+name+".png", png)
	}
}
