package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/ledger"
	"github.com/qdoc/qdoc/internal/store"
)

// Check validates the inbox against the store as `run` would, writing
// nothing: no store change, no error report, no ledger, no lock. The
// caller runs Preflight first.
func Check(ctx context.Context, cfg *config.Config, out io.Writer) (Result, error) {
	s := &Session{Cfg: cfg, Out: out, Actor: store.Actor{By: cfg.Operator, At: config.Now(), Today: cfg.Today(), Serial: cfg.Serial}}
	if _, err := os.Stat(cfg.StorePath()); err == nil {
		st, err := store.OpenReadOnly(cfg.StorePath())
		if err != nil {
			return Result{}, err
		}
		defer st.Close()
		s.Store = st
	}
	r := &Run{Session: s, DryRun: true}
	err := ImportStep{}.Run(ctx, r)
	return r.Result, err
}

// PreflightStep refuses, before anything is stored, a run whose forms
// could not be printed: a font that does not load or lacks Chinese, or a
// layout that does not load. Without it a run stored and numbered the
// inbox and stopped at the render step, or archived forms of boxes.
type PreflightStep struct{}

func (PreflightStep) String() string { return "preflight" }

// Run checks the font and layouts and keeps the engine it built.
func (PreflightStep) Run(ctx context.Context, r *Run) error {
	eng, err := Preflight(r.Cfg)
	if err != nil {
		return fmt.Errorf("config %s: %w", r.Cfg.File, err)
	}
	r.eng = eng
	return nil
}

// fontBasics are the characters a configured font must draw besides the
// layouts' own: ASCII letters and digits (serials, dates) and common
// Chinese of the forms and of what people write in them.
const fontBasics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" +
	"质量信息传递反馈单编号日期部门签字审核处理措施结果年月日第页共，。、：（）"

// Preflight loads every layout the workspace prints with in its
// language — FM-30, the FM-31 ledger, and document control's revision
// and training requests (as internal/doc loads them) — and the configured
// font, and checks that the font draws the basics and every layout's
// fixed text. Every problem is reported at once. It returns the engine it
// built, if it needed one: with the built-in font and built-in layouts
// there is nothing to measure, so a no-op run parses no font.
func Preflight(cfg *config.Config) (*form.Engine, error) {
	var errs []error
	var layouts []*form.Layout
	dir := cfg.TemplatesDir()
	for _, name := range []string{cfg.LayoutName("fm30.yaml"), "revision", "training"} {
		l, err := form.LoadLayout(name, dir)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		layouts = append(layouts, l)
	}
	if _, err := ledger.LoadLayoutNamed(cfg.LayoutName(ledger.FM31Template), dir); err != nil {
		errs = append(errs, err)
	}
	eng, err := checkFont(cfg, layouts)
	if err != nil {
		errs = append(errs, err)
	}
	return eng, errors.Join(errs...)
}

// checkFont loads the configured font and checks what it must print. With
// the built-in font only a workspace's own layouts need checking.
func checkFont(cfg *config.Config, layouts []*form.Layout) (*form.Engine, error) {
	var own []*form.Layout
	for _, l := range layouts {
		if cfg.Font != "" || !strings.HasPrefix(l.Source(), "built-in ") {
			own = append(own, l)
		}
	}
	if cfg.Font == "" && len(own) == 0 {
		return nil, nil
	}
	eng, err := loadFont(cfg)
	if err != nil {
		return nil, err
	}
	var errs []error
	for _, l := range own {
		m := eng.Missing(l.FixedText())
		switch {
		case len(m) == 0:
		case cfg.Font != "":
			errs = append(errs, fmt.Errorf("font %s (config 'font') cannot print %s of layout %s; %s", cfg.Font, runeList(m), l.Source(), fontTodo))
		default:
			errs = append(errs, fmt.Errorf("layout %s: the built-in font cannot print %s; change those words of the layout, or name a font that has them under font: in config.yaml", l.Source(), runeList(m)))
		}
	}
	return eng, errors.Join(errs...)
}

// fontTodo is what to do about a configured font that cannot be used.
const fontTodo = "remove the font: line from config.yaml to use the built-in font, or name a TrueType font (.ttf, .ttc) with Chinese; " +
	"删除 config.yaml 中的 font: 一行即用内置字体，或改用含中文的 TrueType 字体"

// loadFont builds the forms' engine on the configured font (or the
// built-in one), refusing a font that does not load or cannot print the
// basics, with the font key, the file and what to do.
func loadFont(cfg *config.Config) (*form.Engine, error) {
	ttf, err := cfg.FontBytes()
	if err != nil {
		return nil, fmt.Errorf("%w; %s", err, fontTodo)
	}
	eng, err := form.NewEngine(ttf)
	if err != nil {
		if e := errors.Unwrap(err); e != nil {
			err = e // NewEngine says "font: …"
		}
		return nil, fmt.Errorf("font %s (config 'font') cannot be read as a font: %w; %s", cfg.Font, err, fontTodo)
	}
	if m := eng.Missing(fontBasics); cfg.Font != "" && len(m) > 0 {
		return nil, fmt.Errorf("font %s (config 'font') cannot print %s of the letters, digits and Chinese every form holds; %s", cfg.Font, runeList(m), fontTodo)
	}
	return eng, nil
}

// runeList names characters for a message: "质", "量" … (N characters).
func runeList(rs []rune) string {
	const show = 12
	var parts []string
	for i, r := range rs {
		if i == show {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, fmt.Sprintf("%q", string(r)))
	}
	return fmt.Sprintf("%s (%d characters)", strings.Join(parts, " "), len(rs))
}
