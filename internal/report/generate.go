package report

import (
	"bytes"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/record"
)

// FM32 is the form code (unprefixed) of the quarterly analysis.
const FM32 = "FM-32"

// Result is what Generate wrote.
type Result struct {
	XLSX, PDF string
	Stats     *Stats
}

// FileName is the report's file name: form code, title, quarter, e.g.
// "LDMD-FM-32 质量信息汇总分析表 2026Q3.xlsx".
func FileName(cfg *config.Config, q Quarter, ext string) string {
	return fmt.Sprintf("%s %s %s%s", cfg.FormCode(FM32), Title, q, ext)
}

// Dir is where reports are written: out/reports.
func Dir(cfg *config.Config) string { return filepath.Join(cfg.OutDir(), "reports") }

// LastEnded is the most recent quarter that has ended on the civil date
// today: the one the scheduled quarterly job reports.
func LastEnded(today time.Time) Quarter { return QuarterOf(today).Prev() }

// Generate counts quarter q as of the session's today and writes the
// workbook and the PDF side by side. Both are staged first and renamed
// into place together, so a crash leaves the old pair or the new one.
func Generate(s *batch.Session, q Quarter) (*Result, error) {
	today := s.Actor.Today
	if today.Before(q.Start()) {
		return nil, fmt.Errorf("%s has not begun (today is %s): name a quarter up to %s", q, record.FormatDate(today), QuarterOf(today))
	}
	entries, err := load(s, q)
	if err != nil {
		return nil, err
	}
	st := Compute(q, entries, params(s.Cfg, today))
	doc := Build(st, Options{Company: s.Cfg.Company, FormCode: s.Cfg.FormCode(FM32),
		LedgerCode: s.Cfg.FormCode("FM-31"), Labels: s.Cfg.Labels()})
	eng, err := engine(s.Cfg)
	if err != nil {
		return nil, err
	}
	res := &Result{Stats: st, XLSX: filepath.Join(Dir(s.Cfg), FileName(s.Cfg, q, ".xlsx")),
		PDF: filepath.Join(Dir(s.Cfg), FileName(s.Cfg, q, ".pdf"))}
	return res, write(res, doc, eng)
}

func write(res *Result, doc *Doc, eng *form.Engine) error {
	var xb, pb bytes.Buffer
	if err := WriteXLSX(&xb, doc); err != nil {
		return fmt.Errorf("FM-32 workbook: %w", err)
	}
	if err := WritePDF(&pb, eng, doc); err != nil {
		return fmt.Errorf("FM-32 PDF: %w", err)
	}
	xp, err := fsutil.Stage(res.XLSX, xb.Bytes())
	if err != nil {
		return err
	}
	pp, err := fsutil.Stage(res.PDF, pb.Bytes())
	if err != nil {
		xp.Abort()
		return err
	}
	return fsutil.CommitAll([]*fsutil.Pending{xp, pp})
}

// params are the workspace's deadlines and printing orders.
func params(cfg *config.Config, today time.Time) Params {
	return Params{Deadlines: cfg.Deadlines, AsOf: today,
		Classes: cfg.Vocabs.Class.Codes(), Categories: cfg.Vocabs.Category.Codes(),
		Channels: cfg.Vocabs.Channel.Codes(), Departments: cfg.Departments}
}

// load reads the entries the report can need: every year up to the
// quarter's (older years may hold entries still open when it began).
func load(s *batch.Session, q Quarter) ([]*record.Entry, error) {
	years, err := s.Store.Years()
	if err != nil {
		return nil, err
	}
	var out []*record.Entry
	keep := func(e *record.Entry) error {
		if e.Reserved || !e.Received.Before(q.LastYear().Start()) || e.Closed.IsZero() || !e.Closed.Before(q.Start()) {
			out = append(out, e)
		}
		return nil
	}
	for _, y := range years {
		if y > q.Year {
			break
		}
		if err := s.Store.Each(y, keep); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// engine is the PDF engine with the workspace's font, as the forms use.
func engine(cfg *config.Config) (*form.Engine, error) {
	ttf, err := cfg.FontBytes()
	if err != nil {
		return nil, err
	}
	return form.NewEngine(ttf)
}

// RelPath names a file relative to the workspace, as the console shows paths.
func RelPath(cfg *config.Config, p string) string {
	if rel, err := filepath.Rel(cfg.Dir, p); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return p
}
