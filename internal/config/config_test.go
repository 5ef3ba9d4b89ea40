package config

import (
	"strings"
	"testing"
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
		"colour: red\n":                        "line 1",
		"timezone: Mars/Base\n":                "timezone",
		"deadlines: {A: 1, B: 3}\n":            "class C needs a deadline",
		"departments: [质管部, 质管部]\n":            "listed twice",
		"department_aliases: {质量部: 研发部}\n":     "not in departments",
		"serial_pattern: \"{prefix}-{seq}\"\n": "{yyyy}",
		"company: [\n":                         "line",
	}
	for in, want := range cases {
		_, err := Parse([]byte(in))
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%q) = %v, want error containing %q", in, err, want)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte(Template("x")))
	f.Add([]byte("a: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := Parse(b)
		if err == nil {
			_ = c.Serial(2026, 1)
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
