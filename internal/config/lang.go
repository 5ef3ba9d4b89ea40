package config

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/templates"
)

// The languages forms and ledgers can be printed in (config key language).
// Chinese is the default; bilingual prints each label in Chinese with its
// English beside it ("信息编号 Serial No.").
const (
	LangChinese   = "zh"
	LangEnglish   = "en"
	LangBilingual = "bilingual"
)

// Languages lists the accepted values of language, the default first.
var Languages = []string{LangChinese, LangEnglish, LangBilingual}

// layoutSuffix is what a layout in a language adds before ".yaml":
// fm30.yaml → fm30.en.yaml, fm30.bi.yaml.
var layoutSuffix = map[string]string{LangEnglish: ".en", LangBilingual: ".bi"}

// checkLanguage normalises language ("EN " = en) and refuses the others.
func (c *Config) checkLanguage() error {
	l := strings.ToLower(strings.TrimSpace(c.Language))
	if !slices.Contains(Languages, l) {
		return fmt.Errorf("language %q is not supported: use zh (Chinese, the default), en (English) or bilingual (Chinese with English)", c.Language)
	}
	c.Language = l
	return nil
}

// English reports whether forms and ledgers print English only.
func (c *Config) English() bool { return c.Language == LangEnglish }

// Bilingual reports whether forms and ledgers print Chinese with English.
func (c *Config) Bilingual() bool { return c.Language == LangBilingual }

// LayoutName is the layout file to use for name ("fm30.yaml") in the
// workspace's language: see LocalLayout.
func (c *Config) LayoutName(name string) string {
	return LocalLayout(name, c.Language, c.TemplatesDir())
}

// LocalLayout picks the layout of name in language lang: for en
// "fm30.en.yaml", for bilingual "fm30.bi.yaml", taken from the workspace's
// templates folder dir first, then from the built-in templates. When
// neither has one, or lang is zh, it is name itself (the Chinese layout).
func LocalLayout(name, lang, dir string) string {
	suffix, ok := layoutSuffix[lang]
	if !ok {
		return name
	}
	local := strings.TrimSuffix(name, ".yaml") + suffix + ".yaml"
	if dir != "" {
		if _, err := os.Stat(filepath.Join(dir, local)); err == nil {
			return local
		}
	}
	if slices.Contains(templates.Names(), local) {
		return local
	}
	return name
}

// PrintLabels gives the labels of codes as forms and ledgers print them in
// the workspace's language: the Chinese label, the English name (the
// term's english, else its label), or both ("B类 Class B").
type PrintLabels struct{ c *Config }

// PrintLabels returns the printed-label lookup of this workspace.
func (c *Config) PrintLabels() PrintLabels { return PrintLabels{c} }

func (l PrintLabels) Category(code string) string { return l.label(l.c.Vocabs.Category, code) }
func (l PrintLabels) Channel(code string) string  { return l.label(l.c.Vocabs.Channel, code) }
func (l PrintLabels) Class(code string) string    { return l.label(l.c.Vocabs.Class, code) }
func (l PrintLabels) Status(code string) string   { return l.label(l.c.Vocabs.Status, code) }

func (l PrintLabels) label(v *record.Vocab, code string) string {
	if v == nil {
		return code
	}
	switch l.c.Language {
	case LangEnglish:
		return v.English(code)
	case LangBilingual:
		zh, en := v.Label(code), v.English(code)
		if zh == en {
			return zh
		}
		return zh + " " + en
	}
	return v.Label(code)
}
