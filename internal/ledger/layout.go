package ledger

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/qdoc/qdoc/templates"
)

// FM31Template is the layout file of the FM-31 ledger in templates/.
const FM31Template = "fm31.yaml"

// Layout is a ledger layout read from templates/*.yaml. The YAML file
// documents each field; see templates/fm31.yaml.
type Layout struct {
	Sheet       string   `yaml:"sheet"`
	Title       string   `yaml:"title"`
	TitleRow    string   `yaml:"title_row"`
	Font        string   `yaml:"font"`
	FontSize    float64  `yaml:"font_size"`
	HeaderFill  string   `yaml:"header_fill"`
	OverdueFill string   `yaml:"overdue_fill"`
	VoidColor   string   `yaml:"void_color"`
	Footer      string   `yaml:"footer"`
	Words       Words    `yaml:"words"`
	Columns     []Column `yaml:"columns"`
}

// Column is one ledger column.
type Column struct {
	Key   string  `yaml:"key"`
	Label string  `yaml:"label"`
	Width float64 `yaml:"width"`
	Wrap  bool    `yaml:"wrap"`
	Date  bool    `yaml:"date"`
	Align string  `yaml:"align"`
}

// dateKeys are the columns whose value is a date; only they may be date cells.
var dateKeys = map[string]bool{"received": true, "closed": true, "deadline": true, "registered": true}

var colorRe = regexp.MustCompile(`^[0-9A-Fa-f]{6}$`)

// LoadLayout reads the FM-31 layout: the workspace's copy in dir when there
// is one, else the built-in one.
func LoadLayout(dir string) (*Layout, error) {
	return LoadLayoutNamed(FM31Template, dir)
}

// LoadLayoutNamed reads the ledger layout file name (e.g. "fm31.en.yaml"):
// the workspace's copy in dir when there is one, else the built-in one.
func LoadLayoutNamed(name, dir string) (*Layout, error) {
	if name == "" {
		name = FM31Template
	}
	data, source, err := templates.Load(name, dir)
	if err != nil {
		return nil, err
	}
	return ParseLayout(data, source)
}

// ParseLayout decodes and checks a layout; source names it in errors.
// Unknown fields are refused so a misspelt key is not silently ignored.
func ParseLayout(data []byte, source string) (*Layout, error) {
	l := &Layout{}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(l); err != nil {
		return nil, fmt.Errorf("template %s: %w", source, err)
	}
	l.applyDefaults()
	if errs := l.check(); len(errs) > 0 {
		return nil, fmt.Errorf("template %s: %w", source, errors.Join(errs...))
	}
	return l, nil
}

func (l *Layout) applyDefaults() {
	def := func(p *string, v string) {
		if strings.TrimSpace(*p) == "" {
			*p = v
		}
	}
	def(&l.Sheet, "质量信息台帐")
	def(&l.Title, "质量信息台帐")
	def(&l.TitleRow, "{company}  {title}（{year}年）")
	def(&l.Font, "宋体")
	def(&l.HeaderFill, "DDEBF7")
	def(&l.OverdueFill, "FFC7CE")
	def(&l.VoidColor, "808080")
	def(&l.Footer, defaultFooter)
	l.Words = l.Words.withDefaults()
	if l.FontSize == 0 {
		l.FontSize = 10
	}
	for i := range l.Columns {
		def(&l.Columns[i].Align, "left")
	}
}

// check collects every problem of the layout, not just the first.
func (l *Layout) check() []error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if len([]rune(l.Sheet)) > 31 || strings.ContainsAny(l.Sheet, `:\/?*[]`) {
		bad("sheet %q: at most 31 characters, none of : \\ / ? * [ ]", l.Sheet)
	}
	if l.FontSize < 6 || l.FontSize > 36 {
		bad("font_size %v: must be between 6 and 36", l.FontSize)
	}
	for name, c := range map[string]string{"header_fill": l.HeaderFill, "overdue_fill": l.OverdueFill, "void_color": l.VoidColor} {
		if !colorRe.MatchString(c) {
			bad("%s %q: write a colour as RRGGBB, e.g. FFC7CE", name, c)
		}
	}
	if len(l.Columns) == 0 {
		bad("columns: at least one column is needed")
	}
	seen := map[string]bool{}
	for i, c := range l.Columns {
		errs = append(errs, c.check(i+1, seen)...)
	}
	return errs
}

func (c Column) check(n int, seen map[string]bool) []error {
	var errs []error
	bad := func(format string, a ...any) {
		errs = append(errs, fmt.Errorf("column %d (%s): "+format, append([]any{n, c.Key}, a...)...))
	}
	if _, ok := cellFuncs[c.Key]; !ok {
		bad("unknown key; use one of %s", strings.Join(columnKeys, ", "))
	}
	if seen[c.Key] {
		bad("listed twice")
	}
	seen[c.Key] = true
	if strings.TrimSpace(c.Label) == "" {
		bad("label is empty")
	}
	if c.Width <= 0 || c.Width > 255 {
		bad("width %v: must be between 1 and 255", c.Width)
	}
	if c.Date && !dateKeys[c.Key] {
		bad("date: true only fits received, closed, deadline or registered")
	}
	if c.Align != "left" && c.Align != "center" {
		bad("align %q: left or center", c.Align)
	}
	return errs
}

// titleText fills the title row's placeholders.
func (l *Layout) titleText(opt Options) string {
	year := ""
	if opt.Year > 0 {
		year = fmt.Sprint(opt.Year)
	}
	r := strings.NewReplacer("{company}", opt.Company, "{title}", opt.Title,
		"{year}", year, "{form}", opt.FormCode)
	return strings.TrimSpace(r.Replace(l.TitleRow))
}
