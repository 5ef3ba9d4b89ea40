package form

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/qdoc/qdoc/templates"
)

// Layout is a form described as data (templates/*.yaml): page, furniture
// (header, title, footer) and a body of blocks stacked top to bottom.
type Layout struct {
	Code    string  `yaml:"code"`    // form code without prefix, e.g. FM-30
	Title   string  `yaml:"title"`   // printed on every page
	Version string  `yaml:"version"` // template version/revision, e.g. A/0
	Page    Page    `yaml:"page"`
	Text    Text    `yaml:"text"`
	Header  Slots   `yaml:"header"`
	Footer  Slots   `yaml:"footer"`
	Body    []Block `yaml:"body"`
	// QR prints a QR code of the serial at the top right of every page of
	// a form that has one (issue 6: scans are filed by it). Default true.
	QR *bool `yaml:"qr"`
	// Words are the few words printed from code rather than from cells;
	// a layout in another language sets them (see Words).
	Words Words `yaml:"words"`

	source string // where the layout came from, for error messages
}

// Page is the sheet: a named size or width×height in mm, and margins in mm
// (top, right, bottom, left).
type Page struct {
	Size        string     `yaml:"size"`        // A4, A5, Letter; default A4
	Width       float64    `yaml:"width"`       // mm, overrides size
	Height      float64    `yaml:"height"`      // mm, overrides size
	Orientation string     `yaml:"orientation"` // portrait (default) or landscape
	Margins     [4]float64 `yaml:"margins"`
}

// Text sets type sizes in points, the line height as a multiple of the
// size, the padding inside cells in mm and the grey of label cells (0 black
// … 1 white).
type Text struct {
	Size       float64 `yaml:"size"`
	TitleSize  float64 `yaml:"title_size"`
	SmallSize  float64 `yaml:"small_size"`
	LineHeight float64 `yaml:"line_height"`
	Padding    float64 `yaml:"padding"`
	LabelGrey  float64 `yaml:"label_grey"`
}

// Slots are the left, centre and right texts of a header or footer line.
// They may hold placeholders: {company} {form_code} {form_version}
// {form_title} {serial} {issue_date} {page} {pages} or any field.
type Slots struct {
	Left   string `yaml:"left"`
	Center string `yaml:"center"`
	Right  string `yaml:"right"`
}

// Block is one element of the body. Type selects which other keys apply:
//
//	row         cells side by side; height is a minimum; grow rows hold
//	            running text: top-aligned, continued on the next page with
//	            their labels marked （续） when the page is full
//	list        a header row of cell labels, then one row per item of
//	            Data.Lists[list] (cell field = key in the item), padded with
//	            blank rows to min_rows
//	signatures  boxes side by side, label top left, footer bottom right
//	checks      an optional label cell, then one line per item, each
//	            starting with mark (default ●)
//	notes       running text in the small size, no border
//	gap         vertical space of height mm
type Block struct {
	Type      string   `yaml:"type"`
	Height    float64  `yaml:"height"`
	MinHeight float64  `yaml:"min_height"`
	Grow      bool     `yaml:"grow"`
	Cells     []Cell   `yaml:"cells"`
	List      string   `yaml:"list"`
	MinRows   int      `yaml:"min_rows"`
	Label     string   `yaml:"label"`
	Width     string   `yaml:"width"` // of the checks label cell
	Mark      string   `yaml:"mark"`
	Items     []string `yaml:"items"`
	Text      string   `yaml:"text"`

	line int
}

// Cell is one box of a row, list or signatures block. Label is fixed text
// on grey; Field names a value of the record; Text is fixed text with
// placeholders on white. Footer is a line at the cell's bottom right
// (签名/日期). Width is mm ("25" or "25mm"), a share of the row ("30%") or
// of what fixed widths leave ("1fr", the default).
type Cell struct {
	Label  string `yaml:"label"`
	Field  string `yaml:"field"`
	Text   string `yaml:"text"`
	Footer string `yaml:"footer"`
	Width  string `yaml:"width"`
	Align  string `yaml:"align"` // left, center, right

	line int
}

// MaxLayoutBytes caps a layout; templates.Load caps override files too.
const MaxLayoutBytes = templates.MaxTemplateBytes

// LoadLayout reads layout name ("fm30" or "fm30.yaml") from overrideDir if
// the workspace has its own copy there, else from the built-in templates.
// Errors name the file and line.
func LoadLayout(name, overrideDir string) (*Layout, error) {
	if !strings.HasSuffix(name, ".yaml") {
		name += ".yaml"
	}
	data, source, err := templates.Load(name, overrideDir)
	if err != nil {
		return nil, fmt.Errorf("layout %s: %w", source, err)
	}
	return ParseLayout(data, source)
}

// ParseLayout decodes and checks layout YAML; source names it in errors.
func ParseLayout(data []byte, source string) (*Layout, error) {
	if len(data) > MaxLayoutBytes {
		return nil, fmt.Errorf("%s: layout is larger than 1 MB", source)
	}
	l := &Layout{source: source}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a misspelt key must not silently vanish
	if err := dec.Decode(l); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("%s: layout is empty", source)
		}
		return nil, yamlError(source, err)
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err == nil {
		l.recordLines(&root)
	}
	l.applyDefaults()
	if err := l.check(); err != nil {
		return nil, err
	}
	return l, nil
}

// yamlError rewrites the decoder's "line N: …" messages as "source:N: …",
// one per line, like every other layout error.
func yamlError(source string, err error) error {
	var msgs []string
	var te *yaml.TypeError
	if errors.As(err, &te) {
		msgs = te.Errors
	} else {
		msgs = []string{strings.TrimPrefix(err.Error(), "yaml: ")}
	}
	out := make([]string, len(msgs))
	for i, m := range msgs {
		if rest, ok := strings.CutPrefix(m, "line "); ok {
			num, msg, _ := strings.Cut(rest, ": ")
			m = num + ": " + msg
		} else {
			m = " " + m
		}
		m, _, _ = strings.Cut(m, " in type form.")
		out[i] = source + ":" + m
	}
	return errors.New(strings.Join(out, "\n"))
}

// recordLines copies the YAML line of every body block and cell into the
// decoded layout, so checks after decoding can still point at a line.
func (l *Layout) recordLines(root *yaml.Node) {
	body := mapValue(docRoot(root), "body")
	if body == nil || body.Kind != yaml.SequenceNode {
		return
	}
	for i, item := range body.Content {
		if i >= len(l.Body) {
			return
		}
		l.Body[i].line = item.Line
		if cells := mapValue(item, "cells"); cells != nil {
			for j, c := range cells.Content {
				if j < len(l.Body[i].Cells) {
					l.Body[i].Cells[j].line = c.Line
				}
			}
		}
	}
}

func docRoot(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		return n.Content[0]
	}
	return n
}

// mapValue returns the value of key in mapping node n, or nil.
func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

// applyDefaults fills what a layout may leave out, in one place.
func (l *Layout) applyDefaults() {
	def := func(p *float64, v float64) {
		if *p == 0 {
			*p = v
		}
	}
	def(&l.Text.Size, 10)
	def(&l.Text.TitleSize, 16)
	def(&l.Text.SmallSize, 8)
	def(&l.Text.LineHeight, 1.45)
	def(&l.Text.Padding, 1.5)
	def(&l.Text.LabelGrey, 0.92)
	if l.Page.Size == "" {
		l.Page.Size = "A4"
	}
	if l.Page.Margins == [4]float64{} {
		l.Page.Margins = [4]float64{15, 18, 15, 18}
	}
	if l.Header == (Slots{}) {
		l.Header = Slots{Left: "表单编号：{form_code}　　版本/修订：{form_version}", Right: "编号：{serial}"}
	}
	if l.Footer == (Slots{}) {
		l.Footer = Slots{Left: "{company}", Center: "第 {page} 页 共 {pages} 页", Right: "签发日期：{issue_date}"}
	}
	l.Words = l.Words.withDefaults()
}

// showQR reports whether forms of this layout carry a QR code.
func (l *Layout) showQR() bool { return l.QR == nil || *l.QR }

// Source is where the layout was read from: a file path or "built-in NAME".
func (l *Layout) Source() string { return l.source }

// FixedText is every character the layout prints whatever the record: its
// title, labels, fixed texts, marks, footers and words, with placeholders
// left out. A font must draw all of it for the form to read.
func (l *Layout) FixedText() string {
	parts := []string{l.Title, l.Version, "年月日", l.continued()}
	parts = append(parts, l.Header.Left, l.Header.Center, l.Header.Right, l.Footer.Left, l.Footer.Center, l.Footer.Right)
	w := l.Words
	parts = append(parts, w.Void, w.VoidReason, w.Late, w.Separator, w.List, w.All)
	for _, b := range l.Body {
		parts = append(parts, b.Label, b.Text)
		if b.Type == "checks" {
			parts = append(parts, or(b.Mark, "●"))
		}
		parts = append(parts, b.Items...)
		for _, c := range b.Cells {
			parts = append(parts, c.Label, c.Text, c.Footer)
		}
	}
	var out strings.Builder
	for _, p := range parts {
		out.WriteString(withoutPlaceholders(p))
	}
	return out.String()
}

// withoutPlaceholders drops the {…} of t.
func withoutPlaceholders(t string) string {
	return replaceBraces(t, func(string) string { return "" })
}
