package batch

import (
	"fmt"
	"strings"

	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/record"
)

// A character the forms' font cannot draw (𠮷, an emoji, Thai) prints as
// the font's missing-glyph box, while the PDF's text layer still has it, so
// nothing downstream notices. Import therefore names every row whose
// printed fields hold one, in run and in check alike, so the clerk can
// replace it in the register before the form goes out.

// maxUnprintable bounds the unprintable-character warnings of one file;
// the rest are counted in one closing line.
const maxUnprintable = 20

// printedFields are the entry fields FM-30 prints as the user wrote them.
var printedFields = []string{"title", "content", "reporter", "departments", "measures", "feedback", "remarks"}

// badField is a field with characters the font cannot draw.
type badField struct {
	field string
	runes []rune
}

// engine is the forms' engine on the configured font (or the built-in
// one), built once per run. A font that cannot print Chinese is refused
// here too, so forms blank, print and reissue do not print boxes either.
func (r *Run) engine() (*form.Engine, error) {
	if r.eng != nil {
		return r.eng, nil
	}
	eng, err := loadFont(r.Cfg)
	if err != nil {
		return nil, fmt.Errorf("config %s: %w", r.Cfg.File, err)
	}
	r.eng = eng
	return eng, nil
}

// unprintable lists the printed fields of e holding characters the font
// cannot draw. A font that does not load reports nothing here: the run's
// preflight has refused it already.
func (r *Run) unprintable(e *record.Entry) []badField {
	eng, err := r.engine()
	if err != nil {
		return nil
	}
	var out []badField
	for _, f := range printedFields {
		if m := eng.Missing(fieldValue(e, f)); len(m) > 0 {
			out = append(out, badField{f, m})
		}
	}
	return out
}

func fieldValue(e *record.Entry, field string) string {
	switch field {
	case "title":
		return e.Title
	case "content":
		return e.Content
	case "reporter":
		return e.Reporter
	case "departments":
		return strings.Join(e.Departments, "、")
	case "measures":
		return e.Measures
	case "feedback":
		return e.Feedback
	}
	return e.Remarks
}

// warnUnprintable adds the warning for a row with unprintable characters:
// where it is (file and row, and the serial once it has one), which
// characters of which fields, and what to do.
func warnUnprintable(fr *FileResult, file string, line int, serial string, bad []badField, stored bool) {
	if len(bad) == 0 {
		return
	}
	if fr.unprintable++; fr.unprintable > maxUnprintable {
		return
	}
	where := fmt.Sprintf("%s 第 %d 行", file, line)
	if serial != "" {
		where += "（" + serial + "）"
	}
	var parts []string
	for _, b := range bad {
		var cs []string
		for _, r := range b.runes {
			cs = append(cs, fmt.Sprintf("%q（%U）", string(r), r))
		}
		parts = append(parts, record.FieldLabels[b.field]+" "+strings.Join(cs, "、"))
	}
	todo := "请在登记表中把这些字符换成能打印的写法（常用字、文字说明）后再运行 qdoc run"
	if stored && serial != "" {
		todo = fmt.Sprintf("请在登记表中替换这些字符，并在该行编号列填 %s（以免登记成新的一条），重新运行后用 qdoc forms reissue %s 重出表单", serial, serial)
	}
	fr.Warnings = append(fr.Warnings, fmt.Sprintf("%s有表单字体无法打印的字符，表单上会印成方框：%s。%s", where, strings.Join(parts, "；"), todo))
}

// closeUnprintable counts the warnings past maxUnprintable in one line.
func closeUnprintable(fr *FileResult) {
	if n := fr.unprintable - maxUnprintable; n > 0 {
		fr.Warnings = append(fr.Warnings, fmt.Sprintf("另有 %d 行有表单字体无法打印的字符（只列出前 %d 行）；请在登记表中一并替换", n, maxUnprintable))
	}
}
