package archive

import (
	"slices"
	"testing"
	"time"
)

func TestMatcherFind(t *testing.T) {
	m, err := NewMatcher("LDMD", "{prefix}-FM-30-{yyyy}-{seq:4}", "{prefix}-WX-{yyyy}{seq:3}")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		want []string
	}{
		{"LDMD-FM-30-2026-0003.pdf", []string{"LDMD-FM-30-2026-0003"}},
		{"ldmd-fm-30-2026-0003 签字 扫描.PDF", []string{"LDMD-FM-30-2026-0003"}},
		{"扫描_LDMD-FM-30-2026-0012-R1.jpg", []string{"LDMD-FM-30-2026-0012"}},
		{"LDMD-FM-30-2026-00123.pdf", []string{"LDMD-FM-30-2026-00123"}},
		{"LDMD-FM-30-2026-000123456789.pdf", nil},
		{"LDMD-FM-30-2026-0001 和 LDMD-FM-30-2026-0002.pdf", []string{"LDMD-FM-30-2026-0001", "LDMD-FM-30-2026-0002"}},
		{"LDMD-WX-2026007.png", []string{"LDMD-WX-2026007"}},
		{"scan 2026-0003.pdf", nil},
		{"ABC-FM-30-2026-0003.pdf", nil},
	}
	for _, c := range cases {
		if got := m.Find(c.name); !slices.Equal(got, c.want) {
			t.Errorf("Find(%q) = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestNewMatcherRefusesBadPattern(t *testing.T) {
	if _, err := NewMatcher("LDMD", "{prefix}-FM-30-{seq}"); err == nil {
		t.Error("a pattern without {yyyy} was accepted")
	}
}

func TestRedact(t *testing.T) {
	cases := []struct{ in, want string }{
		{"客户王小明来电 13812345678 投诉", "客户王某来电 138****5678 投诉"},
		{"联系人：李四，电话 020-87654321", "联系人：李某，电话 020-****4321"},
		{"张先生反映包装破损", "张某先生反映包装破损"},
		{"患者赵一二 身份证 440106199001011234", "患者赵某 身份证 4401**************"},
		{"邮件 wang.xm@example.com", "邮件 ***@***"},
		{"批号 20260512 的输液器", "批号 20260512 的输液器"},
		{"批号 2026051213800138000", "批号 2026051213800138000"},
		{"手机 8765432", "手机 *****32"},
		{"+86 138-1234-5678", "+86 138-****-5678"},
	}
	for _, c := range cases {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestStatusRetention(t *testing.T) {
	at := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	m := &Manifest{Lines: []Line{
		{Path: "2019/LDMD-FM-30/LDMD-FM-30-2019-0001.pdf", Size: 10, Time: at("2019-03-01")},
		{Path: "2019/LDMD-FM-30/LDMD-FM-30-2019-0002.pdf", Size: 10, Time: at("2022-06-01")},
		{Path: "2019/LDMD-FM-30/LDMD-FM-30-2019-0001-扫描件-1.pdf", Size: 5, Time: at("2019-04-01")},
		{Path: "2020/受控文件/LDMD-QP-003 v2.pdf", Size: 7, Time: at("2020-01-01")},
	}}
	rule := func(kind string) Rule {
		if kind == "document" {
			return Rule{LastRecord: true, Label: "随最后记录"}
		}
		if kind == "scan" {
			return Rule{Years: 10, Label: "10 年"}
		}
		return Rule{Years: 5, Label: "5 年"}
	}
	hs := Status(m, rule, at("2026-11-28"))
	got := map[string]Holding{}
	for _, h := range hs {
		got[h.Kind] = h
	}
	if h := got["LDMD-FM-30"]; h.Files != 2 || h.Passed != 1 || !h.Until.Equal(at("2027-06-01")) || !h.First.Equal(at("2019-03-01")) {
		t.Errorf("forms: %+v", h)
	}
	if h := got["scan"]; h.Passed != 0 || !h.Until.Equal(at("2029-04-01")) {
		t.Errorf("scans: %+v", h)
	}
	// A document is kept until the last record under it has passed.
	if h := got["document"]; h.Passed != 0 || !h.Until.Equal(at("2029-04-01")) {
		t.Errorf("documents: %+v", h)
	}
}
