package config

import (
	"fmt"
	"strings"
	"testing"

	"github.com/qdoc/qdoc/internal/fsutil"
)

func TestDefaultsAndSerial(t *testing.T) {
	c, err := Parse([]byte(Template("测试公司")))
	if err != nil {
		t.Fatal(err)
	}
	if c.Company != "测试公司" || c.Deadlines["B"] != 3 || len(c.Departments) != 6 || c.Timezone != "Asia/Shanghai" {
		t.Errorf("defaults: %+v", c)
	}
	s := c.Serial(2026, 7)
	if s != "LDMD-FM-30-2026-0007" {
		t.Errorf("serial %s", s)
	}
	for in, want := range map[string]int{"LDMD-FM-30-2026-0007": 7, "ldmd-fm-30-2026-0012": 12, "LDMD-FM-30-2026-12345": 12345} {
		if y, q, ok := c.ParseSerial(in); !ok || y != 2026 || q != want {
			t.Errorf("ParseSerial(%s) = %d %d %v", in, y, q, ok)
		}
	}
	for _, in := range []string{"LDMD-FM-31-2026-0001", "2026-0001", "LDMD-FM-30-26-0001", "LDMD-FM-30-2026-0000"} {
		if _, _, ok := c.ParseSerial(in); ok {
			t.Errorf("ParseSerial(%s) accepted", in)
		}
	}
}

func TestParseDocSerial(t *testing.T) {
	c, err := Parse([]byte(Template("x")))
	if err != nil {
		t.Fatal(err)
	}
	d := c.Documents
	for _, tc := range []struct {
		pattern, in string
		seq         int
	}{
		{d.RevisionPattern, "LDMD-FM-10-2026-001", 1},
		{d.RevisionPattern, "ldmd-fm-10-2026-012", 12},
		{d.TrainingPattern, "LDMD-FM-11-2026-1234", 1234},
		{d.RevisionPattern, "LDMD-FM-11-2026-001", 0},
		{d.TrainingPattern, "LDMD-FM-30-2026-0001", 0},
	} {
		y, q, ok := c.ParseDocSerial(tc.pattern, tc.in)
		if ok != (tc.seq > 0) || ok && (y != 2026 || q != tc.seq) {
			t.Errorf("ParseDocSerial(%s, %s) = %d %d %v", tc.pattern, tc.in, y, q, ok)
		}
	}
	if c.DocSerial(d.RevisionPattern, 2026, 12) != "LDMD-FM-10-2026-012" {
		t.Errorf("DocSerial = %s", c.DocSerial(d.RevisionPattern, 2026, 12))
	}
}

func TestCustomPattern(t *testing.T) {
	c, err := Parse([]byte("prefix: QA\nserial_pattern: \"{yyyy}/{seq:3}-{prefix}\"\n"))
	if err == nil {
		t.Fatalf("a pattern with / was accepted: %s", c.Serial(2026, 1))
	}
	c, err = Parse([]byte("prefix: QA\nserial_pattern: \"XX{yyyy}{seq:3}\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.Serial(2026, 5); s != "XX2026005" {
		t.Errorf("serial %s", s)
	}
	if y, q, ok := c.ParseSerial("XX2026005"); !ok || y != 2026 || q != 5 {
		t.Errorf("parse back %d %d", y, q)
	}
}

func TestConfigErrors(t *testing.T) {
	cases := map[string]string{
		"colour: red\n":                        "第 1 行",
		"timezone: Mars/Base\n":                "timezone",
		"deadlines: {A: 1, B: 3}\n":            "class C needs a deadline",
		"departments: [质管部, 质管部]\n":            "listed twice",
		"department_aliases: {质量部: 研发部}\n":     "not in departments",
		"serial_pattern: \"{prefix}-{seq}\"\n": "{yyyy}",
		"company: [\n":                         "第 1 行",
	}
	for in, want := range cases {
		_, err := Parse([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", in, err, want)
		}
	}
}

func TestUnsafeNamesRefused(t *testing.T) {
	cases := map[string]string{
		"company: x\nprefix: '..'\n": `line 2: prefix: 按此设置表单代码会是 "..-FM-30"`,
		"prefix: 'a/b'\n":            `line 1: prefix:`,
		"prefix: CON\nserial_pattern: '{prefix}.{yyyy}{seq}'\n":          `line 2: serial_pattern: 按此设置编号文件名会是 "CON.20260001.pdf"`,
		"serial_pattern: '{prefix}..{yyyy}-{seq}'\n":                     `line 1: serial_pattern: 按此设置编号文件名会是 "LDMD..2026-0001.pdf"`,
		"documents:\n  revision_form: 'FM-10.'\n":                        "line 2: documents.revision_form:",
		"documents:\n  training_pattern: '{prefix}-..-{yyyy}-{seq:3}'\n": "line 2: documents.training_pattern:",
		"prefix: '" + strings.Repeat("长", 60) + "'\n":                    "too long",
	}
	for in, want := range cases {
		_, err := Parse([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", in, err, want)
		}
	}
	// A bad prefix spoils every name: it is reported once, not per key.
	_, err := Parse([]byte("prefix: '..'\n"))
	if n := strings.Count(fmt.Sprint(err), "不能用作文件名"); n != 1 {
		t.Errorf("bad prefix reported %d times: %v", n, err)
	}
	if _, err := Parse([]byte("prefix: 'QA.1'\nserial_pattern: '{prefix}_{yyyy}_{seq:5}'\n")); err != nil {
		t.Errorf("a safe prefix and pattern refused: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(Template("x")))
	f.Add([]byte("a: &a [*a]\n"))
	f.Add([]byte("prefix: '..'\n"))
	f.Add([]byte("serial_pattern: '{prefix}.{yyyy}.{seq}'\nprefix: x.\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b)
		if err != nil {
			return
		}
		// A config that loads only makes names safe on every platform.
		d := c.Documents
		for _, name := range []string{c.Serial(2026, 1) + ".pdf", c.Serial(2026, 999999999) + ".pdf",
			c.DocSerial(d.RevisionPattern, 2026, 1) + ".pdf", c.DocSerial(d.TrainingPattern, 2026, 1) + ".pdf",
			c.FormCode("FM-30"), c.FormCode("FM-31"), c.FormCode("FM-32"), c.FormCode(d.RevisionForm), c.FormCode(d.TrainingForm)} {
			if _, err := fsutil.SafeName(name); err != nil {
				t.Fatalf("config loaded, but makes an unsafe name: %v", err)
			}
		}
	})
}

func TestFontBytes(t *testing.T) {
	c, _ := Parse([]byte("font: fonts/none.ttf\n"))
	c.Dir = t.TempDir()
	if _, err := c.FontBytes(); err == nil || !strings.Contains(err.Error(), "config 'font'") {
		t.Errorf("missing font: %v", err)
	}
	c.Font = ""
	if b, err := c.FontBytes(); b != nil || err != nil {
		t.Errorf("no font set: %v %v", b, err)
	}
}

// A release ignores QDOC_NOW: a pinned clock would back-date the audit
// trail. Tests opt in with AllowPinnedClock.
func TestNowPinnedOnlyInTests(t *testing.T) {
	defer func(g func(string) string, p bool) { getenv, pinnable = g, p }(getenv, pinnable)
	getenv = func(k string) string {
		if k == "QDOC_NOW" {
			return "2020-01-02"
		}
		return ""
	}
	pinnable = clockTag
	if got := Now(); !clockTag && got.Year() == 2020 {
		t.Errorf("release build honoured QDOC_NOW: %v", got)
	}
	AllowPinnedClock()
	if got := Now(); got.Format("2006-01-02") != "2020-01-02" {
		t.Errorf("pinned clock %v, want 2020-01-02", got)
	}
}
