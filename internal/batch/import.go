package batch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/intake"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// Result is what a run did, for the summary and the exit code.
type Result struct {
	Files                   []FileResult
	New, Updated, Unchanged int
	Rejected                int // files rejected
	Ledgers                 []string
	LedgersChecked          bool     // the ledger step ran to its end
	Rendered                []string // FM-30 forms written
	PutBack                 []string // deleted FM-30 forms written again, byte for byte
	NotPutBack              []string // deleted FM-30 forms that changed since and that the archive lacks
	ScansFiled, ScansLeft   int      // signed scans filed, and left unmatched
	Archive                 *ArchiveResult
}

// ArchiveResult is what the archive step did.
type ArchiveResult struct {
	Added, Files int    // files newly archived; files the archive holds
	Dir, Head    string // the archive folder; the manifest's chain hash
}

// FileResult is one intake file's outcome.
type FileResult struct {
	Path                        string
	New, Updated, Unchanged     int
	Skipped, Retry, Rejected    bool
	Problems, Warnings, Serials []string
	Report                      string // rejection workbook, if any
	unprintable                 int    // rows with characters the forms' font cannot draw
}

// ImportStep reads the intake files, validates them whole, and stores and
// numbers the rows of every file that has no problem.
type ImportStep struct{}

func (ImportStep) String() string { return "import" }

// Run imports the named files, or every intake file in the inbox.
func (ImportStep) Run(ctx context.Context, r *Run) error {
	files := r.Files
	if files == nil {
		var skipped []string
		var err error
		files, skipped, err = intake.Scan(r.Cfg.InboxDir())
		if err != nil {
			return err
		}
		for _, s := range skipped {
			fmt.Fprintf(r.Out, "  跳过 %s\n", s)
		}
	}
	ix, err := r.loadIndex()
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := ctx.Err(); err != nil {
			return err
		}
		fr, err := r.importFile(f, ix)
		if err != nil {
			return err
		}
		r.Result.add(fr)
		r.printFile(fr)
	}
	return nil
}

func (res *Result) add(fr FileResult) {
	res.Files = append(res.Files, fr)
	res.New += fr.New
	res.Updated += fr.Updated
	res.Unchanged += fr.Unchanged
	if fr.Rejected {
		res.Rejected++
	}
}

// relPath names a file relative to the workspace when it is inside it, so
// a moved workspace still recognises its imported files.
func (r *Run) relPath(p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return p
	}
	if rel, err := filepath.Rel(r.Cfg.Dir, abs); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return abs
}

func (r *Run) importFile(path string, ix *store.Index) (FileResult, error) {
	fr := FileResult{Path: path}
	rel := r.relPath(path)
	sha, size, err := fsutil.HashFile(path)
	if err != nil {
		fr.Rejected = true
		fr.Problems = []string{fmt.Sprintf("%s: 无法读取 (%v)", path, err)}
		return fr, nil
	}
	if seen, err := r.fileSeen(rel, sha); err != nil {
		return fr, err
	} else if seen && !r.Legacy {
		fr.Skipped = true
		return fr, nil
	}
	p, f, kept, err := r.validate(path, ix)
	if err != nil {
		return r.unreadable(fr, err)
	}
	fr.Warnings = f.Warnings
	if len(p.probs) > 0 {
		return r.rejectFile(fr, f, kept, p.probs)
	}
	if r.DryRun {
		fr.New = p.count[actNew] + p.count[actLegacy]
		fr.Updated, fr.Unchanged = p.count[actUpdate], p.count[actUnchanged]
		for _, pl := range p.flagged {
			warnUnprintable(&fr, f.Name, pl.line, pl.e.Serial, pl.bad, false)
		}
		fr.unprintable = p.nflagged
		closeUnprintable(&fr)
		return fr, nil
	}
	if p.overflow {
		if err := r.applyStream(&fr, path, ix, rel, sha, size); err != nil {
			return fr, err
		}
		closeUnprintable(&fr)
		return fr, r.reloadIndex(ix)
	}
	if err := r.apply(&fr, p.plan, rel, sha, size); err != nil {
		return fr, err
	}
	fr.Unchanged += p.count[actUnchanged] // rows the plan does not hold
	for _, pl := range p.plan {
		ix.Put(pl.brief())
	}
	closeUnprintable(&fr)
	return fr, nil
}

func (r *Run) limits() intake.Limits {
	return intake.Limits{XLSXBytes: int64(r.Cfg.Limits.XLSXMB) << 20, TextBytes: int64(r.Cfg.Limits.TextMB) << 20}
}

func (r *Run) unreadable(fr FileResult, err error) (FileResult, error) {
	var ie *intake.Error
	if errors.As(err, &ie) && ie.Retry {
		fr.Retry = true
		fr.Warnings = append(fr.Warnings, err.Error())
		return fr, nil
	}
	fr.Rejected = true
	fr.Problems = []string{err.Error()}
	return fr, nil
}

// reject reports every problem on the console and in a Chinese workbook
// beside the outputs; nothing from the file is stored.
func (r *Run) reject(fr FileResult, f *intake.File, probs []intake.Problem) (FileResult, error) {
	fr.Rejected = true
	cols := map[int]map[string]string{}
	for _, row := range f.Rows {
		cols[row.Line] = row.Cols
	}
	file := f.Name
	if f.Sheet != "" {
		file += "（工作表 " + f.Sheet + "）"
	}
	for _, p := range probs {
		fr.Problems = append(fr.Problems, describe(file, cols[p.Line][p.Field], p))
	}
	if r.DryRun {
		return fr, nil
	}
	out := filepath.Join(r.Cfg.OutDir(), "rejected", reportName(f.Name))
	err := fsutil.WriteFile(out, func(w io.Writer) error { return intake.WriteRejectReport(w, f, probs) })
	if err != nil {
		return fr, fmt.Errorf("writing the error report for %s: %w", f.Path, err)
	}
	fr.Report = out
	return fr, nil
}

// reportName is the error workbook's name for a rejected intake file. It
// keeps the file's extension (d.csv-错误报告.xlsx), so d.csv and d.xlsx
// rejected in one run do not overwrite each other's report.
func reportName(file string) string {
	name := file + "-错误报告.xlsx"
	if _, err := fsutil.SafeName(name); err != nil {
		return "错误报告.xlsx"
	}
	return name
}

// describe names a problem as a clerk finds it: file (and sheet), row as
// Excel shows it, column, field, value and what is wrong.
func describe(file, col string, p intake.Problem) string {
	where := fmt.Sprintf("%s 第 %d 行", file, p.Line)
	if p.Field != "" {
		label := record.FieldLabels[p.Field]
		if col != "" && col != p.Field && col != label {
			label = col + " 列 " + label
		}
		where += " " + label
	}
	if p.Value != "" {
		return fmt.Sprintf("%s: %q %s", where, p.Value, p.Msg)
	}
	return fmt.Sprintf("%s: %s", where, p.Msg)
}

// loadIndex reads the store's matching index; a check without a store
// yet matches against nothing.
func (r *Run) loadIndex() (*store.Index, error) {
	if r.Store == nil {
		return store.EmptyIndex(), nil
	}
	return r.Store.LoadIndex()
}

func (r *Run) fileSeen(rel, sha string) (bool, error) {
	if r.Store == nil {
		return false, nil
	}
	return r.Store.FileSeen(rel, sha)
}
