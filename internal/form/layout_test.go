package form

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdoc/qdoc/templates"
)

// minimal is a valid layout that tests vary.
const minimal = `code: FM-99
title: 测试表
version: A/0
body:
  - type: row
    cells:
      - {label: 名称, width: 25}
      - {field: name}
`

func TestBuiltinLayoutsLoad(t *testing.T) {
	for _, name := range []string{"fm30", "revision.yaml", "training"} {
		l, err := LoadLayout(name, "")
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !strings.HasPrefix(l.Source(), "built-in ") {
			t.Errorf("%s: source %q", name, l.Source())
		}
	}
}

func TestLayoutOverride(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "fm30.yaml"), []byte(minimal), 0o644)
	l, err := LoadLayout("fm30", dir)
	if err != nil {
		t.Fatal(err)
	}
	if l.Code != "FM-99" || l.Source() != filepath.Join(dir, "fm30.yaml") {
		t.Errorf("override not used: code %q from %q", l.Code, l.Source())
	}
	if l, err := LoadLayout("training", dir); err != nil || l.Code != "FM-TR" {
		t.Errorf("a layout the workspace lacks must come from the built-ins: %v", err)
	}
}

func TestLayoutDefaults(t *testing.T) {
	l, err := ParseLayout([]byte(minimal), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if w, h := l.PageSize(); w != 210 || h != 297 || l.Text.Size != 10 || !strings.Contains(l.Footer.Center, "{pages}") {
		t.Errorf("defaults not applied: %v×%v %+v %+v", w, h, l.Text, l.Footer)
	}
	landscape := minimal + "page: {size: A5, orientation: landscape}\n"
	if l, err := ParseLayout([]byte(landscape), "t"); err != nil {
		t.Fatal(err)
	} else if w, h := l.PageSize(); w != 210 || h != 148 {
		t.Errorf("A5 landscape is %v×%v", w, h)
	}
}

// TestLayoutErrors: every mistake is reported, each with file and line.
func TestLayoutErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown key", minimal + "colour: red\n", []string{"test.yaml:9: field colour not found"}},
		{"bad width and type", `code: X
title: T
version: A
body:
  - type: row
    cells:
      - {label: a, width: wide}
      - {label: b, field: b}
  - type: table
`, []string{`test.yaml:7: body[0] (row) cell 1: width "wide"`, "test.yaml:8: body[0] (row) cell 2: sets more than one",
			`test.yaml:9: body[1] (table): unknown block type "table"`}},
		{"widths too wide", strings.Replace(minimal, "width: 25", "width: 400", 1), []string{"test.yaml:5: body[0] (row): cell widths add up to 400.0 mm"}},
		{"furniture must show the serial", minimal + "header: {left: x}\nfooter: {left: y}\n", []string{"must show {serial}", "must show {page}"}},
		{"bad placeholder", minimal + "header: {left: \"{when:serial}\"}\n", []string{"placeholder {when:serial}"}},
		{"list without list", strings.Replace(minimal, "type: row", "type: list", 1), []string{"a list block needs list:", "cell 1: a list cell needs field"}},
		{"empty", "", []string{"test.yaml: layout is empty"}},
		{"not a number", minimal + "page: {margins: [.nan, 1, 1, 1]}\n", []string{"not finite"}},
		{"infinite width", strings.Replace(minimal, "width: 25", "width: +Inf", 1), []string{`width "+Inf"`}},
		{"syntax", "code: [\n", []string{"test.yaml:1: did not find expected node content"}},
		{"no body", "code: X\ntitle: T\n", []string{"layout has 0 body blocks"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseLayout([]byte(tt.yaml), "test.yaml")
			if err == nil {
				t.Fatal("layout accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}

func TestLayoutTooLarge(t *testing.T) {
	big := minimal + "# " + strings.Repeat("x", templates.MaxTemplateBytes) + "\n"
	if _, err := ParseLayout([]byte(big), "big.yaml"); err == nil || !strings.Contains(err.Error(), "larger than 1 MB") {
		t.Errorf("err = %v", err)
	}
}

func TestResolveWidths(t *testing.T) {
	cells := []Cell{{Width: "20"}, {Width: "25%"}, {Width: "1fr"}, {Width: "3fr"}, {}}
	got, err := resolveWidths(cells, 200)
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{20, 50, 26, 78, 26}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("resolveWidths = %v, want %v", got, want)
		}
	}
}

// FixedText holds what every copy of the form prints, without the
// placeholders, so a font can be checked against it.
func TestFixedText(t *testing.T) {
	l, err := LoadLayout("fm30", "")
	if err != nil {
		t.Fatal(err)
	}
	got := l.FixedText()
	for _, want := range []string{"质量信息传递反馈单", "信息编号", "表单编号：", "版本/修订：", "第  页 共  页", "签发日期：", "信息传递人（签字）：", "（续）", "作废"} {
		if !strings.Contains(got, want) {
			t.Errorf("FixedText lacks %q", want)
		}
	}
	if strings.ContainsAny(got, "{}") || strings.Contains(got, "serial") {
		t.Errorf("FixedText keeps placeholders: %q", got)
	}
	for _, name := range []string{"fm30.en", "fm30.bi", "revision", "training"} {
		l, err := LoadLayout(name, "")
		if err != nil {
			t.Fatal(err)
		}
		e := testEngine(t)
		if m := e.Missing(l.FixedText()); len(m) > 0 {
			t.Errorf("%s: the built-in font cannot print %q", name, string(m))
		}
	}
}
