package record

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Term is one value of a vocabulary: its canonical code, the Chinese label
// printed on forms, its English name (printed on English forms; also
// accepted as input), and the other spellings people type.
type Term struct {
	Code    string   `yaml:"code"`
	Label   string   `yaml:"label"`
	English string   `yaml:"english,omitempty"`
	Aliases []string `yaml:"aliases,omitempty"`
}

// Vocab is an ordered vocabulary (categories, channels, classes, statuses)
// with a lookup that ignores case, spaces and full-width forms.
type Vocab struct {
	Terms []Term
	index map[string]string
}

// NewVocab builds a vocabulary. It returns the first spelling that two
// terms share, if any, so config errors can name it.
func NewVocab(terms []Term) (*Vocab, string) {
	v := &Vocab{Terms: terms, index: map[string]string{}}
	for _, t := range terms {
		for _, s := range append([]string{t.Code, t.Label, t.English}, t.Aliases...) {
			k := Fold(s)
			if k == "" {
				continue
			}
			if prev, ok := v.index[k]; ok && prev != t.Code {
				return v, s
			}
			v.index[k] = t.Code
		}
	}
	return v, ""
}

// Lookup returns the canonical code for a spelling.
func (v *Vocab) Lookup(s string) (string, bool) {
	c, ok := v.index[Fold(s)]
	return c, ok
}

// Label returns the Chinese label of a code, or the code itself.
func (v *Vocab) Label(code string) string {
	for _, t := range v.Terms {
		if t.Code == code {
			return t.Label
		}
	}
	return code
}

// English returns the English name of a code; a term without one falls
// back to its Chinese label, an unknown code to the code itself.
func (v *Vocab) English(code string) string {
	for _, t := range v.Terms {
		if t.Code == code {
			if t.English != "" {
				return t.English
			}
			return t.Label
		}
	}
	return code
}

// Codes lists the canonical codes in order.
func (v *Vocab) Codes() []string {
	out := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.Code
	}
	return out
}

// Hint is a short "one of: …" list for error messages.
func (v *Vocab) Hint() string {
	parts := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		parts[i] = t.Label + "(" + t.Code + ")"
	}
	return strings.Join(parts, "、")
}

// Fold normalises a spelling for comparison: full-width forms folded to
// ASCII, lower case, all white space removed.
func Fold(s string) string {
	s = FoldWidth(s)
	var b strings.Builder
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// Clean normalises free text for comparison and storage keys: full-width
// ASCII folded, white space runs collapsed to one space, trimmed.
func Clean(s string) string {
	s = FoldWidth(s)
	if isClean(s) {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// isClean reports whether s has no white space but single inner spaces,
// so Clean may return it as is.
func isClean(s string) bool {
	space := true // a leading space is not clean
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == ' ' && space:
				return false
			case c == '\t', c == '\n', c == '\v', c == '\f', c == '\r':
				return false
			}
			space = c == ' '
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		space = false
		i += n
	}
	return !space || s == ""
}

// SplitDepartments splits a departments cell on 、，,;； and white space.
func SplitDepartments(s string) []string {
	f := func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("、，,;；/／|", r)
	}
	return strings.FieldsFunc(s, f)
}

// Departments resolves department spellings against the configured list.
type Departments struct {
	names []string
	index map[string]string
}

// NewDepartments builds the lookup; aliases map extra spellings to names.
func NewDepartments(names []string, aliases map[string]string) *Departments {
	d := &Departments{names: names, index: map[string]string{}}
	for _, n := range names {
		d.index[Fold(n)] = n
	}
	keys := make([]string, 0, len(aliases))
	for k := range aliases {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		d.index[Fold(k)] = aliases[k]
	}
	return d
}

// Lookup returns the configured name of a department spelling.
func (d *Departments) Lookup(s string) (string, bool) {
	n, ok := d.index[Fold(s)]
	return n, ok
}

// Names lists the configured departments in order.
func (d *Departments) Names() []string { return d.names }

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
