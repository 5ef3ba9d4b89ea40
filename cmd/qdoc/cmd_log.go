package main

import (
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/qdoc/qdoc/internal/archive/changelog"
	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/form"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/store"
)

type logOptions struct {
	month  string
	redact bool
	all    bool
}

func newLogCmd(g *globalOptions) *cobra.Command {
	var o logOptions
	c := &cobra.Command{
		Use:   "log [--month YYYY-MM] [--redact]",
		Short: "Write the monthly data-change report (数据修改报表), xlsx and PDF",
		Long: `log writes every change to a stored record in a month — who, when, what,
before, after, source and reason — grouped by record, as
out/数据修改报表/数据修改报表 YYYY-MM.xlsx and .pdf. The default month is the
one before today. --redact masks phone numbers, ID numbers and names in the
text, for readers outside the department.`,
		Example: `  qdoc log --month 2026-11
  qdoc log --month 2026-11 --redact   # for an outside reader`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return withReader(g, cmd, func(s *batch.Session) error {
				return runLog(cmd.OutOrStdout(), s, o)
			})
		},
	}
	c.Flags().StringVar(&o.month, "month", "", "the month, e.g. 2026-10 (default: last month)")
	c.Flags().BoolVar(&o.redact, "redact", false, "mask phone numbers and names in free text (for outside readers)")
	c.Flags().BoolVar(&o.all, "all", false, "also list registrations and form issues (by default only counted)")
	return c
}

var monthRe = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?$`)

// parseMonth reads "2026-10", "2026/10" or "2026年10月"; "" is last month.
func parseMonth(s string, today time.Time) (int, time.Month, error) {
	if s == "" {
		last := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
		return last.Year(), last.Month(), nil
	}
	m := monthRe.FindStringSubmatch(s)
	if m == nil {
		return 0, 0, withCode(exitUsage, fmt.Errorf("--month %q: write the month as 2026-10", s))
	}
	y, _ := strconv.Atoi(m[1])
	mo, _ := strconv.Atoi(m[2])
	if mo < 1 || mo > 12 {
		return 0, 0, withCode(exitUsage, fmt.Errorf("--month %q: month %d does not exist", s, mo))
	}
	return y, time.Month(mo), nil
}

func runLog(out io.Writer, s *batch.Session, o logOptions) error {
	y, m, err := parseMonth(o.month, s.Actor.Today)
	if err != nil {
		return err
	}
	rows, err := s.Store.AuditMonth(y, m, s.Cfg.Loc)
	if err != nil {
		return err
	}
	opt := changelog.Options{Company: s.Cfg.Company, Year: y, Month: m, Loc: s.Cfg.Loc, Redact: o.redact, All: o.all, Labels: s.Cfg.Labels()}
	rep := changelog.Build(rows, opt)
	dir := filepath.Join(s.Cfg.OutDir(), changelog.Title)
	xlsx := filepath.Join(dir, opt.FileName(".xlsx"))
	if err := fsutil.WriteFile(xlsx, func(w io.Writer) error { return changelog.WriteXLSX(w, rep) }); err != nil {
		return err
	}
	pdf := filepath.Join(dir, opt.FileName(".pdf"))
	if err := writeLogPDF(s, pdf, rep, created(rows, opt)); err != nil {
		return err
	}
	fmt.Fprintf(out, "%s %s: %s\n", changelog.Title, opt.Period(), rep.Summary())
	for _, g := range rep.Groups {
		fmt.Fprintf(out, "  %s: %d 处\n", g.Record, len(g.Rows))
	}
	fmt.Fprintf(out, "已写入 %s\n已写入 %s\n", xlsx, pdf)
	return nil
}

func writeLogPDF(s *batch.Session, path string, rep *changelog.Report, at time.Time) error {
	ttf, err := s.Cfg.FontBytes()
	if err != nil {
		return withCode(exitUsage, err)
	}
	eng, err := form.NewEngine(ttf)
	if err != nil {
		return err
	}
	return fsutil.WriteFile(path, func(w io.Writer) error { return changelog.WritePDF(w, eng, rep, at) })
}

// created dates the PDF by its last change (or the month's end), not by
// the clock, so printing the same month again gives the same bytes.
func created(rows []store.AuditRow, opt changelog.Options) time.Time {
	if n := len(rows); n > 0 {
		if t, err := time.Parse(time.RFC3339, rows[n-1].At); err == nil {
			return t
		}
	}
	return time.Date(opt.Year, opt.Month+1, 1, 0, 0, 0, 0, opt.Loc).Add(-time.Second)
}
