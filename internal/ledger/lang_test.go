package ledger

import (
	"bytes"
	"strings"
	"testing"

	"github.com/qdoc/qdoc/internal/record"
)

// englishLabels stand for the workspace's English vocabulary names.
var englishLabels = VocabLabels{
	Categories: vocab(record.Term{Code: "customer", Label: "Customer complaint"}),
	Channels:   vocab(record.Term{Code: "external", Label: "External"}),
	Classes:    vocab(record.Term{Code: "B", Label: "Class B"}, record.Term{Code: "C", Label: "Class C"}),
	Statuses:   vocab(record.Term{Code: "open", Label: "Open"}, record.Term{Code: "closed", Label: "Closed"}),
}

// langLedger writes testEntries (plus a reserved, filed one) on the layout
// file name and returns the sheet's rows as tab-joined lines and its footer.
func langLedger(t *testing.T, name, sheet string, labels Labels) ([]string, string) {
	t.Helper()
	es := testEntries()
	es[5].Archived = true
	es[4].Title, es[5].Title, es[7].Content = "void one", "late one", "short"
	es = append(es, &record.Entry{Serial: "LDMD-FM-30-2026-0009", Year: 2026, Seq: 9, Reserved: true})
	opt := testOptions()
	opt.Template, opt.Labels, opt.Title = name, labels, ""
	var buf bytes.Buffer
	if _, err := WriteFM31(&buf, opt, sliceSource(es)); err != nil {
		t.Fatal(err)
	}
	f := openBytes(t, buf.Bytes())
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	lines := make([]string, len(rows))
	for i, r := range rows {
		lines[i] = strings.Join(r, "\t")
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	return lines, hf.OddFooter
}

func TestEnglishLedger(t *testing.T) {
	rows, footer := langLedger(t, "fm31.en.yaml", "Quality Information Ledger", englishLabels)
	if footer != "&CPage &P of &N" {
		t.Errorf("footer = %q", footer)
	}
	want := []string{
		"广州耕海科技开发有限公司 R&D  Quality Information Ledger (2026)",
		"No.\tSerial No.\tDate received\tChannel\tCategory\tClass\tTitle",
		"External\tCustomer complaint\tClass C",
		"Void reason: 重复登记", "\tVoid\t", "\tLate, Filed", "\tReserved", "\tYes\t", "\tNo\t", "仓储部",
	}
	text := strings.Join(rows, "\n")
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("English ledger lacks %q:\n%s", w, text)
		}
	}
	for _, zh := range []string{"作废", "补登", "预留", "已归档", "\t是", "\t否", "序号"} {
		if strings.Contains(text, zh) {
			t.Errorf("English ledger writes Chinese %q", zh)
		}
	}
}

func TestBilingualLedger(t *testing.T) {
	rows, footer := langLedger(t, "fm31.bi.yaml", "质量信息台帐 Quality Ledger", testLabels)
	if footer != "&C第 &P 页 共 &N 页  Page &P of &N" {
		t.Errorf("footer = %q", footer)
	}
	text := strings.Join(rows, "\n")
	for _, w := range []string{
		"质量信息台帐 Quality Information Ledger（2026年）", "序号 No.\t编号 Serial No.\t接收日期 Date received",
		"作废原因 Void reason：重复登记", "\t补登 Late、已归档 Filed", "\t预留 Reserved", "\t是 Yes\t",
	} {
		if !strings.Contains(text, w) {
			t.Errorf("bilingual ledger lacks %q:\n%s", w, text)
		}
	}
}

// TestChineseWordsDefault: the Chinese layout writes the words it always did.
func TestChineseWordsDefault(t *testing.T) {
	l, err := LoadLayout("")
	if err != nil {
		t.Fatal(err)
	}
	if l.Words != ChineseWords || l.Footer != defaultFooter {
		t.Errorf("fm31.yaml words %+v, footer %q", l.Words, l.Footer)
	}
}
