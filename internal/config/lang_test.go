package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLanguage(t *testing.T) {
	for in, want := range map[string]string{"": "zh", "zh": "zh", "en": "en", " EN ": "en", "bilingual": "bilingual"} {
		c, err := Parse([]byte("language: " + `"` + in + `"` + "\n"))
		if err != nil {
			t.Errorf("language %q: %v", in, err)
			continue
		}
		if c.Language != want {
			t.Errorf("language %q = %q, want %q", in, c.Language, want)
		}
	}
	for _, bad := range []string{"fr", "english", "zh-CN", "中文"} {
		_, err := Parse([]byte("language: " + bad + "\n"))
		if err == nil {
			t.Errorf("language %q accepted", bad)
			continue
		}
		for _, w := range []string{"language", bad, "zh", "en", "bilingual"} {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("language %q: error %q does not name %q", bad, err, w)
			}
		}
	}
}

func TestPrintLabels(t *testing.T) {
	cfg := func(lang, extra string) *Config {
		c, err := Parse([]byte("language: " + lang + "\n" + extra))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	zh, en, bi := cfg("zh", "").PrintLabels(), cfg("en", "").PrintLabels(), cfg("bilingual", "").PrintLabels()
	for _, c := range []struct{ got, want string }{
		{zh.Category("customer"), "用户投诉"}, {en.Category("customer"), "Customer complaint"},
		{bi.Category("customer"), "用户投诉 Customer complaint"}, {en.Channel("policy"), "Policy"},
		{en.Class("B"), "Class B"}, {en.Status("awaiting"), "Awaiting feedback"},
		{bi.Class("A"), "A类 Class A"}, {en.Category("nonesuch"), "nonesuch"},
	} {
		if c.got != c.want {
			t.Errorf("label %q, want %q", c.got, c.want)
		}
	}
	// a workspace vocabulary without english prints its Chinese label
	own := cfg("en", "vocabulary:\n  channel:\n    - {code: policy, label: 政策}\n    - {code: ext, label: 外部, english: Outside}\n").PrintLabels()
	if own.Channel("policy") != "政策" || own.Channel("ext") != "Outside" {
		t.Errorf("own vocabulary: %q %q", own.Channel("policy"), own.Channel("ext"))
	}
	// English names are accepted as input, like any alias
	if code, ok := cfg("zh", "").Vocabs.Category.Lookup("customer  COMPLAINT"); !ok || code != "customer" {
		t.Errorf("English name as input: %q %v", code, ok)
	}
}

func TestLocalLayout(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct{ name, lang, want string }{
		{"fm30.yaml", "zh", "fm30.yaml"},
		{"fm30.yaml", "en", "fm30.en.yaml"},
		{"fm30.yaml", "bilingual", "fm30.bi.yaml"},
		{"fm31.yaml", "en", "fm31.en.yaml"},
		{"nonesuch.yaml", "en", "nonesuch.yaml"}, // no English one: the Chinese one
	} {
		if got := LocalLayout(c.name, c.lang, dir); got != c.want {
			t.Errorf("LocalLayout(%s, %s) = %s, want %s", c.name, c.lang, got, c.want)
		}
	}
	// the workspace's own English layout is found too
	if err := os.WriteFile(filepath.Join(dir, "nonesuch.en.yaml"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := LocalLayout("nonesuch.yaml", "en", dir); got != "nonesuch.en.yaml" {
		t.Errorf("workspace layout: %s", got)
	}
}
