package batch

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/form/font"
	"github.com/qdoc/qdoc/templates"
)

// testConfig is a default workspace in a temporary folder.
func testConfig(t *testing.T, yaml string) *config.Config {
	t.Helper()
	cfg, err := config.Parse([]byte(yaml))
	if err != nil {
		t.Fatal(err)
	}
	cfg.Dir = t.TempDir()
	cfg.File = filepath.Join(cfg.Dir, "config.yaml")
	return cfg
}

// latinFont is a valid TrueType font with ASCII only: the built-in font
// cut down, as a Latin font like DejaVu Sans is to Chinese.
func latinFont(t *testing.T) []byte {
	t.Helper()
	f, err := font.Parse(font.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var ascii []rune
	for r := rune(0x20); r < 0x7F; r++ {
		ascii = append(ascii, r)
	}
	return f.Subset(ascii).Standalone()
}

func TestPreflightFont(t *testing.T) {
	tests := []struct {
		name string
		data []byte // nil: no file
		want string // "" = accepted
	}{
		{"built-in.ttf", font.Embedded(), ""},
		{"latin.ttf", latinFont(t), `cannot print "质" "量"`},
		{"garbage.ttf", []byte("not a font at all"), "cannot be read as a font: not a TrueType font"},
		{"truncated.ttf", font.Embedded()[:5000], "cannot be read as a font"},
		{"missing.ttf", nil, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testConfig(t, "font: "+tc.name+"\n")
			if tc.data != nil {
				os.WriteFile(filepath.Join(cfg.Dir, tc.name), tc.data, 0o644)
			}
			eng, err := Preflight(cfg)
			if tc.want == "" {
				if err != nil || eng == nil {
					t.Fatalf("Preflight: %v (engine %v)", err, eng)
				}
				return
			}
			if err == nil {
				t.Fatal("Preflight accepted the font")
			}
			msg := err.Error()
			for _, want := range []string{tc.want, "font " + tc.name + " (config 'font')", "remove the font: line", "删除 config.yaml 中的 font: 一行"} {
				if !strings.Contains(msg, want) {
					t.Errorf("error %q lacks %q", msg, want)
				}
			}
			if strings.Count(msg, "remove the font: line") != 1 {
				t.Errorf("one font problem, one message: %q", msg)
			}
		})
	}
}

// With the built-in font and layouts there is nothing to measure: a no-op
// run must not pay for parsing a font.
func TestPreflightBuiltinParsesNoFont(t *testing.T) {
	for _, lang := range []string{"zh", "en", "bilingual"} {
		eng, err := Preflight(testConfig(t, "language: "+lang+"\n"))
		if err != nil || eng != nil {
			t.Errorf("%s: Preflight = %v, %v; want no engine, no error", lang, eng, err)
		}
	}
}

// Every layout the workspace's language uses is loaded, and all their
// problems are reported together, each naming its file and line.
func TestPreflightLayouts(t *testing.T) {
	cfg := testConfig(t, "language: en\n")
	dir := cfg.TemplatesDir()
	os.MkdirAll(dir, 0o755)
	write := func(name, find, repl string) {
		b, _, err := templates.Load(name, "")
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		if !strings.Contains(s, find) {
			t.Fatalf("%s has no %q", name, find)
		}
		os.WriteFile(filepath.Join(dir, name), []byte(strings.Replace(s, find, repl, 1)), 0o644)
	}
	write("fm30.en.yaml", "\ntitle:", "\ncolour: red\ntitle:")
	write("fm30.yaml", "\ntitle:", "\ncolour: red\ntitle:") // not used in English: not loaded
	write("revision.yaml", "\ntitle:", "\ntitel: x\ntitle:")
	write("training.yaml", "\ntitle: ", "\ntitle: ไทย")
	write("fm31.en.yaml", "\ncolumns:", "\ncolumnz:")
	_, err := Preflight(cfg)
	if err == nil {
		t.Fatal("Preflight accepted broken layouts")
	}
	msg := err.Error()
	for _, want := range []string{
		filepath.Join(dir, "fm30.en.yaml") + ":", "field colour not found",
		filepath.Join(dir, "revision.yaml") + ":", "field titel not found",
		"layout " + filepath.Join(dir, "training.yaml") + ": the built-in font cannot print \"ไ\"",
		filepath.Join(dir, "fm31.en.yaml"),
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
	if strings.Contains(msg, filepath.Join(dir, "fm30.yaml")) {
		t.Errorf("an English workspace does not print fm30.yaml:\n%s", msg)
	}
}
