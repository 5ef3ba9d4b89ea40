package report

import (
	"fmt"
	"io"
	"path/filepath"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/fsutil"
	"github.com/qdoc/qdoc/internal/ledger"
	"github.com/qdoc/qdoc/internal/record"
)

// Closing is what archiving a closed quarter did.
type Closing struct {
	Ledger   string // the quarter's FM-31 snapshot under out/reports/
	Archived int    // files newly archived (0 when the quarter was already)
	Already  bool   // the quarter was archived by an earlier report
}

// Close archives a quarter that has ended: its FM-32 workbook and PDF and
// a snapshot of its FM-31 ledger rows, together, under the quarter's
// record (2026Q3). From then on the quarter is closed: a change to one of
// its entries needs a reason. The first report of a closed quarter is the
// record; one made again later is written under out/ only and the archive
// keeps the first, so a closed quarter never changes.
func Close(s *batch.Session, q Quarter, res *Result) (*Closing, error) {
	if res.Stats.Provisional {
		return nil, nil
	}
	a, err := s.Archive()
	if err != nil {
		return nil, err
	}
	c := &Closing{}
	rec := archive.Quarter(q.Year, q.Q)
	if a.HasRecord(rec) {
		c.Already = true
		return c, nil
	}
	if c.Ledger, err = writeQuarterLedger(s, q); err != nil {
		return nil, err
	}
	items := []archive.Item{
		{Src: res.XLSX, Year: q.Year, Form: s.Cfg.FormCode(FM32), Record: rec},
		{Src: res.PDF, Year: q.Year, Form: s.Cfg.FormCode(FM32), Record: rec},
		{Src: c.Ledger, Year: q.Year, Form: s.Cfg.FormCode("FM-31"), Record: rec},
	}
	out, err := a.Put(items...)
	for _, o := range out {
		if o == archive.Added {
			c.Archived++
		}
	}
	return c, err
}

// QuarterLedgerName names the FM-31 snapshot of a quarter; the yearly
// ledger's own name would clash with next quarter's snapshot.
func QuarterLedgerName(s *batch.Session, q Quarter) string {
	return fmt.Sprintf("%s %s %s.xlsx", s.Cfg.FormCode("FM-31"), batch.LedgerTitle, q)
}

// writeQuarterLedger writes the FM-31 rows of the entries received in q,
// marked as of today like the FM-32 beside it.
func writeQuarterLedger(s *batch.Session, q Quarter) (string, error) {
	path := filepath.Join(Dir(s.Cfg), QuarterLedgerName(s, q))
	opt := ledger.Options{Company: s.Cfg.Company, FormCode: s.Cfg.FormCode("FM-31"),
		Title: batch.LedgerTitle + " " + q.Label(), Year: q.Year, Labels: s.Cfg.Labels(),
		Deadlines: s.Cfg.Deadlines, Today: s.Actor.Today, TemplateDir: s.Cfg.TemplatesDir()}
	src := func(fn func(e *record.Entry) error) error {
		return s.Store.Each(q.Year, func(e *record.Entry) error {
			if !q.Contains(e.Received) {
				return nil
			}
			return fn(e)
		})
	}
	err := fsutil.WriteFile(path, func(w io.Writer) error {
		_, err := ledger.WriteFM31(w, opt, src)
		return err
	})
	return path, err
}
