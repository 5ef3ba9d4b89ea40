package form

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// pageSizes are the named sheets, portrait, in mm.
var pageSizes = map[string][2]float64{
	"a3": {297, 420}, "a4": {210, 297}, "a5": {148, 210}, "b5": {176, 250},
	"letter": {215.9, 279.4}, "legal": {215.9, 355.6},
}

// mustShow are the placeholders every page carries (issue 3): header and
// footer together must print all of them.
var mustShow = []string{"company", "form_code", "form_version", "serial", "page", "pages", "issue_date"}

// Limits that keep a hostile or mistaken layout from planning for ever.
const (
	maxBlocks = 200
	maxCells  = 20
	maxRows   = 500 // min_rows of a list, items of checks
)

// problems collects every mistake of a layout, so a user fixes them in one
// round instead of one per run.
type problems struct {
	source string
	list   []string
}

func (p *problems) add(line int, format string, args ...any) {
	where := p.source
	if line > 0 {
		where += ":" + strconv.Itoa(line)
	}
	p.list = append(p.list, where+": "+fmt.Sprintf(format, args...))
}

func (p *problems) err() error {
	if len(p.list) == 0 {
		return nil
	}
	return errors.New(strings.Join(p.list, "\n"))
}

// check validates a decoded layout and reports all problems at once.
func (l *Layout) check() error {
	p := &problems{source: l.source}
	if l.checkFinite(p); p.err() != nil {
		return p.err()
	}
	l.checkPage(p)
	l.checkText(p)
	l.checkFurniture(p)
	if len(l.Body) == 0 || len(l.Body) > maxBlocks {
		p.add(0, "layout has %d body blocks: want 1 to %d", len(l.Body), maxBlocks)
	}
	for i := range l.Body {
		l.checkBlock(p, i)
	}
	return p.err()
}

// checkFinite refuses NaN and infinite numbers (YAML spells them .nan and
// .inf), which would defeat every bounds check below.
func (l *Layout) checkFinite(p *problems) {
	nums := append([]float64{l.Page.Width, l.Page.Height, l.Text.Size, l.Text.TitleSize, l.Text.SmallSize,
		l.Text.LineHeight, l.Text.Padding, l.Text.LabelGrey}, l.Page.Margins[:]...)
	for _, b := range l.Body {
		nums = append(nums, b.Height, b.MinHeight)
	}
	for _, v := range nums {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			p.add(0, "layout has a number that is not finite (%v)", v)
			return
		}
	}
}

func (l *Layout) checkPage(p *problems) {
	if _, ok := pageSizes[strings.ToLower(l.Page.Size)]; !ok && (l.Page.Width <= 0 || l.Page.Height <= 0) {
		p.add(0, "page size %q is not one of A3, A4, A5, B5, Letter, Legal (or give width and height in mm)", l.Page.Size)
	}
	if o := l.Page.Orientation; o != "" && o != "portrait" && o != "landscape" {
		p.add(0, "page orientation %q: want portrait or landscape", o)
	}
	for _, m := range l.Page.Margins {
		if m < 0 || m > 60 {
			p.add(0, "page margins %v: each must be between 0 and 60 mm", l.Page.Margins)
			break
		}
	}
	if w, h := l.PageSize(); w-l.Page.Margins[1]-l.Page.Margins[3] < 60 || h-l.Page.Margins[0]-l.Page.Margins[2] < 100 {
		p.add(0, "page margins leave less than 60 × 100 mm to print on")
	}
}

func (l *Layout) checkText(p *problems) {
	t := l.Text
	for _, s := range []float64{t.Size, t.TitleSize, t.SmallSize} {
		if s < 4 || s > 48 {
			p.add(0, "text sizes must be between 4 and 48 pt, got %v", s)
		}
	}
	if t.LineHeight < 1 || t.LineHeight > 3 {
		p.add(0, "text line_height %v: want 1 to 3 (times the size)", t.LineHeight)
	}
	if t.Padding < 0 || t.Padding > 10 {
		p.add(0, "text padding %v: want 0 to 10 mm", t.Padding)
	}
	if t.LabelGrey < 0 || t.LabelGrey > 1 {
		p.add(0, "text label_grey %v: want 0 (black) to 1 (white)", t.LabelGrey)
	}
}

// checkFurniture makes sure header and footer carry what every page must.
func (l *Layout) checkFurniture(p *problems) {
	all := strings.Join([]string{l.Header.Left, l.Header.Center, l.Header.Right,
		l.Footer.Left, l.Footer.Center, l.Footer.Right}, " ")
	for _, name := range mustShow {
		if !strings.Contains(all, "{"+name+"}") {
			p.add(0, "header and footer must show {%s} on every page", name)
		}
	}
	for _, t := range l.texts() {
		eachPlaceholder(t, func(format, name string) {
			if format != "" && !formats[format] || name == "" {
				p.add(0, "placeholder {%s} in %q: want {name} or {ymd:name}, {md:name}, {sign:name}", strings.Trim(format+":"+name, ":"), t)
			}
		})
	}
	if strings.TrimSpace(l.Title) == "" {
		p.add(0, "layout has no title")
	}
	if strings.TrimSpace(l.Code) == "" {
		p.add(0, "layout has no code (the form code without prefix, e.g. FM-30)")
	}
}

// texts are every string of the layout that may hold placeholders.
func (l *Layout) texts() []string {
	out := []string{l.Header.Left, l.Header.Center, l.Header.Right, l.Footer.Left, l.Footer.Center, l.Footer.Right}
	for _, b := range l.Body {
		out = append(out, b.Label, b.Text)
		out = append(out, b.Items...)
		for _, c := range b.Cells {
			out = append(out, c.Label, c.Text, c.Footer)
		}
	}
	return out
}

func (l *Layout) checkBlock(p *problems, i int) {
	b := &l.Body[i]
	at := func(format string, args ...any) {
		p.add(b.line, "body[%d] (%s): %s", i, b.Type, fmt.Sprintf(format, args...))
	}
	if b.Height < 0 || b.MinHeight < 0 || b.Height > l.bodyHeight() || b.MinHeight > l.bodyHeight() {
		at("height and min_height must be between 0 and %.0f mm (the page body)", l.bodyHeight())
	}
	if len(b.Cells) > maxCells || b.MinRows < 0 || b.MinRows > maxRows || len(b.Items) > maxRows {
		at("at most %d cells, %d rows and %d items", maxCells, maxRows, maxRows)
	}
	switch b.Type {
	case "row", "list", "signatures":
		l.checkCells(p, i)
	case "checks":
		if len(b.Items) == 0 {
			at("checks need items")
		}
		if _, err := parseWidth(b.Width); err != nil && b.Label != "" {
			at("label width %q: %v", b.Width, err)
		}
	case "notes":
		if strings.TrimSpace(b.Text) == "" {
			at("notes need text")
		}
	case "gap":
		if b.Height <= 0 {
			at("a gap needs a height in mm")
		}
	default:
		at("unknown block type %q: want row, list, signatures, checks, notes or gap", b.Type)
	}
	if b.Type == "list" && b.List == "" {
		at("a list block needs list: the name of the list in the record")
	}
}

func (l *Layout) checkCells(p *problems, i int) {
	b := &l.Body[i]
	if len(b.Cells) == 0 {
		p.add(b.line, "body[%d] (%s): needs cells", i, b.Type)
		return
	}
	for j, c := range b.Cells {
		at := func(format string, args ...any) {
			p.add(c.line, "body[%d] (%s) cell %d: %s", i, b.Type, j+1, fmt.Sprintf(format, args...))
		}
		if b.Type != "list" && countSet(c.Label, c.Field, c.Text) > 1 {
			at("sets more than one of label, field and text")
		}
		if b.Type == "list" && c.Field == "" {
			at("a list cell needs field: the item key it shows")
		}
		if a := c.Align; a != "" && a != "left" && a != "center" && a != "right" {
			at("align %q: want left, center or right", a)
		}
		if _, err := parseWidth(c.Width); err != nil {
			at("width %q: %v", c.Width, err)
		}
	}
	if _, err := resolveWidths(b.Cells, l.contentWidth()); err != nil {
		p.add(b.line, "body[%d] (%s): %v", i, b.Type, err)
	}
}

func countSet(ss ...string) int {
	n := 0
	for _, s := range ss {
		if s != "" {
			n++
		}
	}
	return n
}

// width is a parsed cell width: mm, fraction of the row, or share of the rest.
type width struct {
	mm, frac, share float64
}

func parseWidth(s string) (width, error) {
	s = strings.TrimSpace(s)
	var w width
	var err error
	switch {
	case s == "" || s == "*":
		return width{share: 1}, nil
	case strings.HasSuffix(s, "fr"):
		w.share, err = strconv.ParseFloat(strings.TrimSuffix(s, "fr"), 64)
	case strings.HasSuffix(s, "%"):
		w.frac, err = strconv.ParseFloat(strings.TrimSuffix(s, "%"), 64)
		w.frac /= 100
	default:
		w.mm, err = strconv.ParseFloat(strings.TrimSuffix(s, "mm"), 64)
	}
	if sum := w.mm + w.frac + w.share; err != nil || w.mm < 0 || w.frac < 0 || w.share < 0 || sum == 0 || math.IsNaN(sum) || math.IsInf(sum, 0) {
		return w, errors.New(`want mm ("25" or "25mm"), a share of the row ("30%") or of the rest ("1fr")`)
	}
	return w, nil
}

// resolveWidths turns cell widths into mm across total: fixed and percent
// widths first, the rest split by shares.
func resolveWidths(cells []Cell, total float64) ([]float64, error) {
	ws := make([]width, len(cells))
	fixed, shares := 0.0, 0.0
	for i, c := range cells {
		w, err := parseWidth(c.Width)
		if err != nil {
			return nil, err
		}
		ws[i] = w
		fixed += w.mm + w.frac*total
		shares += w.share
	}
	rest := total - fixed
	if rest < -0.01 || rest > 0.01 && shares == 0 || shares > 0 && rest < 5 {
		return nil, fmt.Errorf("cell widths add up to %.1f mm of a %.1f mm row, leaving %.1f mm for the 1fr cells", fixed, total, max(rest, 0))
	}
	out := make([]float64, len(cells))
	for i, w := range ws {
		out[i] = w.mm + w.frac*total
		if w.share > 0 {
			out[i] += rest * w.share / shares
		}
	}
	return out, nil
}
