package store

import (
	"time"
)

// AuditMonth lists the change log of one calendar month in loc, oldest
// first: every audit row whose time falls in it, whatever record it is on.
func (s *Store) AuditMonth(year int, month time.Month, loc *time.Location) ([]AuditRow, error) {
	start := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	end := start.AddDate(0, 1, 0)
	// Times are stored as RFC 3339 with their own offset, so the text range
	// is widened by a day each side and the rows are then cut exactly.
	from, to := start.AddDate(0, 0, -1).Format("2006-01-02"), end.AddDate(0, 0, 1).Format("2006-01-02")
	inMonth := func(r AuditRow) bool {
		t, err := time.Parse(time.RFC3339, r.At)
		return err == nil && !t.Before(start) && t.Before(end)
	}
	return s.queryAudit(`at >= ? AND at < ?`, inMonth, from, to)
}
