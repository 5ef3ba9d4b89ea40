package batch

import (
	"strings"
	"testing"
)

func TestUnprintableWarnings(t *testing.T) {
	p := testPlanner(t, false)
	p.row(row(2, "title", "冷库 9℃ 超标", "content", "温度 2∼8℃")) // all printable
	p.row(row(3, "title", "客户投诉😀", "content", "𠮷先生反映", "measures", "换货"))
	p.row(row(4, "title", "另一条", "remarks", "ไทย"))
	if p.nflagged != 2 || len(p.flagged) != 2 {
		t.Fatalf("flagged %d rows, want 2 (rows 3 and 4)", p.nflagged)
	}
	var fr FileResult
	for _, pl := range p.flagged {
		warnUnprintable(&fr, "a.csv", pl.line, pl.e.Serial, pl.bad, false)
	}
	w := strings.Join(fr.Warnings, "\n")
	for _, want := range []string{
		`a.csv 第 3 行有表单字体无法打印的字符，表单上会印成方框：标题 "😀"（U+1F600）；内容 "𠮷"（U+20BB7）。`,
		`a.csv 第 4 行有表单字体无法打印的字符，表单上会印成方框：备注 "ไ"（U+0E44）、"ท"（U+0E17）、"ย"（U+0E22）。`,
		"请在登记表中",
	} {
		if !strings.Contains(w, want) {
			t.Errorf("warnings lack %q:\n%s", want, w)
		}
	}
	var stored FileResult
	warnUnprintable(&stored, "a.csv", 3, "LDMD-FM-30-2026-0007", p.flagged[0].bad, true)
	if w := stored.Warnings[0]; !strings.Contains(w, "第 3 行（LDMD-FM-30-2026-0007）") || !strings.Contains(w, "qdoc forms reissue LDMD-FM-30-2026-0007") {
		t.Errorf("a stored row's warning names its serial and the reissue: %s", w)
	}
}

func TestUnprintableWarningsBounded(t *testing.T) {
	var fr FileResult
	bad := []badField{{"title", []rune("😀")}}
	for i := range maxUnprintable + 5 {
		warnUnprintable(&fr, "a.csv", i+2, "", bad, false)
	}
	closeUnprintable(&fr)
	if len(fr.Warnings) != maxUnprintable+1 || !strings.Contains(fr.Warnings[maxUnprintable], "另有 5 行") {
		t.Errorf("%d warnings, last %q; want %d and a count of the rest", len(fr.Warnings), fr.Warnings[len(fr.Warnings)-1], maxUnprintable+1)
	}
}
