package store

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

const entryCols = `serial, year, seq, received, channel, category, class, title, content,
	reporter, departments, measures, feedback, status, closed, remarks,
	registered, late, void, void_reason, reserved`

type scanner interface{ Scan(dest ...any) error }

func scanEntry(r scanner) (*record.Entry, error) {
	var e record.Entry
	var received, depts, closed, registered string
	err := r.Scan(&e.Serial, &e.Year, &e.Seq, &received, &e.Channel, &e.Category, &e.Class,
		&e.Title, &e.Content, &e.Reporter, &depts, &e.Measures, &e.Feedback, &e.Status,
		&closed, &e.Remarks, &registered, &e.Late, &e.Void, &e.VoidReason, &e.Reserved, &e.Archived)
	if err != nil {
		return nil, err
	}
	e.Received, _ = time.Parse("2006-01-02", received)
	e.Closed, _ = time.Parse("2006-01-02", closed)
	e.Registered, _ = time.Parse("2006-01-02", registered)
	if depts != "" {
		e.Departments = strings.Split(depts, "、")
	}
	return &e, nil
}

// ErrNotFound is returned for a serial the store does not hold.
var ErrNotFound = errors.New("no such entry")

// Get returns one entry by serial.
func (s *Store) Get(serial string) (*record.Entry, error) {
	return getEntry(s.db, serial)
}

type queryer interface {
	QueryRow(q string, args ...any) *sql.Row
}

func getEntry(q queryer, serial string) (*record.Entry, error) {
	e, err := scanEntry(q.QueryRow(`SELECT `+entryCols+`, `+archivedCol+` FROM entries WHERE serial = ?`, serial))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("%s: %w", serial, ErrNotFound)
	}
	return e, err
}

// Each streams the entries of a year (0 = all years) ordered by serial.
func (s *Store) Each(year int, fn func(e *record.Entry) error) error {
	q := `SELECT ` + entryCols + `, ` + archivedCol + ` FROM entries WHERE (? = 0 OR year = ?) ORDER BY year, seq`
	rows, err := s.db.Query(q, year, year)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanEntry(rows)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Years lists the years that hold entries, ascending.
func (s *Store) Years() ([]int, error) {
	rows, err := s.db.Query(`SELECT DISTINCT year FROM entries ORDER BY year`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ys []int
	for rows.Next() {
		var y int
		if err := rows.Scan(&y); err != nil {
			return nil, err
		}
		ys = append(ys, y)
	}
	return ys, rows.Err()
}

// Brief is what intake needs to match a row against the store.
type Brief struct {
	Serial, Key, Digest, Received, Reporter, Title string
	Void, Reserved                                 bool
	bare                                           *string // BareTitle, once asked
}

// BareTitle is the title as record.NearBare compares it, computed once.
func (b *Brief) BareTitle() string {
	if b.bare == nil {
		t := record.BareTitle(b.Title)
		b.bare = &t
	}
	return *b.bare
}

// Index is the store's entries keyed for matching intake rows.
type Index struct {
	BySerial map[string]*Brief
	ByKey    map[string]*Brief
	// ByDay groups by received date + folded reporter, for near-duplicates.
	ByDay map[string][]*Brief
}

// DayKey groups entries for the near-duplicate check.
func DayKey(received, reporter string) string { return received + "\x00" + record.Fold(reporter) }

// LoadIndex reads the matching index of every entry.
func (s *Store) LoadIndex() (*Index, error) {
	rows, err := s.db.Query(`SELECT serial, key, digest, received, reporter, title, void, reserved FROM entries`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ix := EmptyIndex()
	for rows.Next() {
		b := &Brief{}
		if err := rows.Scan(&b.Serial, &b.Key, &b.Digest, &b.Received, &b.Reporter, &b.Title, &b.Void, &b.Reserved); err != nil {
			return nil, err
		}
		ix.add(b)
	}
	return ix, rows.Err()
}

// EmptyIndex is the index of an empty store.
func EmptyIndex() *Index {
	return &Index{BySerial: map[string]*Brief{}, ByKey: map[string]*Brief{}, ByDay: map[string][]*Brief{}}
}

// Put adds or replaces an entry's brief, after a change is committed.
func (ix *Index) Put(b *Brief) { ix.add(b) }

func (ix *Index) add(b *Brief) {
	ix.BySerial[strings.ToUpper(b.Serial)] = b
	if b.Key != "" {
		ix.ByKey[b.Key] = b
	}
	if b.Received != "" {
		k := DayKey(b.Received, b.Reporter)
		ix.ByDay[k] = append(ix.ByDay[k], b)
	}
}

// Counts are the numbers of entries by state, for summaries.
type Counts struct{ Total, Void, Reserved, Open int }

// Count tallies the entries.
func (s *Store) Count() (Counts, error) {
	var c Counts
	err := s.db.QueryRow(`SELECT COUNT(*), COALESCE(SUM(void),0), COALESCE(SUM(reserved),0),
		COALESCE(SUM(CASE WHEN void=0 AND reserved=0 AND status<>'closed' THEN 1 ELSE 0 END),0) FROM entries`).
		Scan(&c.Total, &c.Void, &c.Reserved, &c.Open)
	return c, err
}
