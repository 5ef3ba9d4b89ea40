package batch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/ledger"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/templates"
)

// LedgerStep rewrites the FM-31 workbook of every year whose entries, the
// day (overdue marks), the config or the layout changed since it was last
// written; an up-to-date ledger is left alone.
type LedgerStep struct{}

func (LedgerStep) String() string { return "ledger" }

// LedgerTitle is the FM-31 ledger's printed name; LedgerTitleEnglish is
// its name when the workspace's language is en.
const (
	LedgerTitle        = "质量信息台帐"
	LedgerTitleEnglish = "Quality Information Ledger"
)

// LedgerTitleIn is the FM-31 ledger's name in a language (config.Lang*):
// Chinese, English, or both.
func LedgerTitleIn(lang string) string {
	switch lang {
	case config.LangEnglish:
		return LedgerTitleEnglish
	case config.LangBilingual:
		return LedgerTitle + " " + LedgerTitleEnglish
	}
	return LedgerTitle
}

// LedgerPath is where the FM-31 workbook of a year is written, named in
// the workspace's language: "LDMD-FM-31 质量信息台帐 2026.xlsx", or
// "LDMD-FM-31 Quality Information Ledger 2026.xlsx".
func (r *Run) LedgerPath(year int) string {
	name := fmt.Sprintf("%s %s %d.xlsx", r.Cfg.FormCode("FM-31"), LedgerTitleIn(r.Cfg.Language), year)
	return filepath.Join(r.Cfg.OutDir(), name)
}

// Run writes the ledgers that are out of date.
func (LedgerStep) Run(ctx context.Context, r *Run) error {
	years, err := r.Store.Years()
	if err != nil {
		return err
	}
	for _, y := range years {
		if err := r.ledger(y); err != nil {
			return err
		}
	}
	r.Result.LedgersChecked = true
	return nil
}

func (r *Run) ledger(year int) error {
	path := r.LedgerPath(year)
	digest, err := r.ledgerDigest(year)
	if err != nil {
		return err
	}
	if _, err := os.Stat(path); err == nil && r.Store.OutputDigest(path) == digest {
		return nil
	}
	opt := ledger.Options{
		Company: r.Cfg.Company, FormCode: r.Cfg.FormCode("FM-31"), Title: LedgerTitleIn(r.Cfg.Language),
		Year: year, Labels: r.Cfg.PrintLabels(), Deadlines: r.Cfg.Deadlines, Today: r.Actor.Today,
		TemplateDir: r.Cfg.TemplatesDir(), Template: r.Cfg.LayoutName(ledger.FM31Template),
	}
	task := r.Progress.Task(fmt.Sprintf("台帐 %d", year), 0)
	defer task.Done()
	src := func(fn func(e *record.Entry) error) error {
		return r.Store.Each(year, func(e *record.Entry) error { task.Add(1); return fn(e) })
	}
	err = fsutil.WriteFile(path, func(w io.Writer) error {
		_, err := ledger.WriteFM31(w, opt, src)
		fsutil.Crash(fsutil.CrashMidLedger)
		return err
	})
	if err != nil {
		return err
	}
	fsutil.Crash(fsutil.CrashAfterLedger)
	r.Result.Ledgers = append(r.Result.Ledgers, path)
	return r.Store.SetOutputDigest(path, digest, r.Actor.At)
}

// ledgerDigest sums everything a ledger's bytes depend on.
func (r *Run) ledgerDigest(year int) (string, error) {
	v, err := r.Store.YearVersion(year)
	if err != nil {
		return "", err
	}
	h := sha256.New()
	fmt.Fprintf(h, "v1|%d|%d|%s|", year, v, record.FormatDate(r.Actor.Today))
	if b, err := os.ReadFile(r.Cfg.File); err == nil {
		h.Write(b)
	}
	if b, _, err := templates.Load(r.Cfg.LayoutName(ledger.FM31Template), r.Cfg.TemplatesDir()); err == nil {
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
