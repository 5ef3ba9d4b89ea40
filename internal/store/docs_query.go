package store

import (
	"database/sql"
	"errors"
	"strings"
)

// DocFile is everything stored about one document, each part in the order
// it happened: versions as issued, copies by version and number, requests
// by serial, trainings by date.
type DocFile struct {
	Doc       *Document
	Versions  []*DocVersion
	Copies    []*DocCopy
	Requests  []*DocRequest
	Trainings []*DocTraining
}

type querier interface {
	Query(q string, args ...any) (*sql.Rows, error)
	QueryRow(q string, args ...any) *sql.Row
}

// LoadDoc reads a document whole, or ErrNotFound.
func (s *Store) LoadDoc(number string) (*DocFile, error) { return loadDoc(s.db, number) }

// LoadDoc reads a document whole inside the transaction, or ErrNotFound.
func (t *Tx) LoadDoc(number string) (*DocFile, error) { return loadDoc(t.tx, number) }

// DocRequestNumber returns the document a request serial belongs to, or
// ErrNotFound.
func (s *Store) DocRequestNumber(serial string) (string, error) {
	return docRequestNumber(s.db, serial)
}

// DocRequestNumber is the document of a request, inside the transaction.
func (t *Tx) DocRequestNumber(serial string) (string, error) { return docRequestNumber(t.tx, serial) }

func docRequestNumber(q querier, serial string) (string, error) {
	var n string
	err := q.QueryRow(`SELECT number FROM doc_requests WHERE serial = ?`, serial).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return n, err
}

// DocTrainingNumber returns the document whose version holds a training
// request (培训申请单) serial, or ErrNotFound.
func (s *Store) DocTrainingNumber(serial string) (string, error) {
	var n string
	err := s.db.QueryRow(`SELECT number FROM doc_versions WHERE training = ?`, serial).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return "", ErrNotFound
	}
	return n, err
}

// DocNumbers lists every document number, sorted.
func (s *Store) DocNumbers() ([]string, error) { return docNumbers(s.db) }

// DocNumbers lists every document number inside the transaction.
func (t *Tx) DocNumbers() ([]string, error) { return docNumbers(t.tx) }

func docNumbers(q querier) ([]string, error) {
	rows, err := q.Query(`SELECT number FROM documents ORDER BY number`)
	if err != nil {
		if isNoTable(err) { // a store opened read-only before its first migration
			return nil, nil
		}
		return nil, err
	}
	return collect(rows, func(sc scanner) (string, error) {
		var n string
		return n, sc.Scan(&n)
	})
}

func loadDoc(q querier, number string) (*DocFile, error) {
	doc, err := scanDocument(q.QueryRow(`SELECT `+documentCols+` FROM documents WHERE number = ?`, number))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	f := &DocFile{Doc: doc}
	if f.Versions, err = queryAll(q, scanVersion, `SELECT `+versionCols+` FROM doc_versions WHERE number = ? ORDER BY rowid`, number); err != nil {
		return nil, err
	}
	if f.Copies, err = queryAll(q, scanCopy, `SELECT `+copyCols+` FROM doc_copies WHERE number = ? ORDER BY rowid`, number); err != nil {
		return nil, err
	}
	if f.Requests, err = queryAll(q, scanRequest, `SELECT `+requestCols+` FROM doc_requests WHERE number = ? ORDER BY year, seq`, number); err != nil {
		return nil, err
	}
	f.Trainings, err = queryAll(q, scanTraining, `SELECT `+trainingCols+` FROM doc_trainings WHERE number = ? ORDER BY date, id`, number)
	return f, err
}

func queryAll[T any](q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.Query(query, args...)
	if err != nil {
		return nil, err
	}
	return collect(rows, scan)
}

func collect[T any](rows *sql.Rows, scan func(scanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}

// isNoTable reports a store older than document control, opened read-only
// (so not migrated): it simply has no documents yet.
func isNoTable(err error) bool { return strings.Contains(err.Error(), "no such table") }

// HasForm reports whether revision rev of a record's form is recorded.
func (s *Store) HasForm(serial, form string, rev int) (bool, error) {
	return hasForm(s.db, serial, form, rev)
}

// HasForm reports, inside the transaction, whether a form is recorded.
func (t *Tx) HasForm(serial, form string, rev int) (bool, error) {
	return hasForm(t.tx, serial, form, rev)
}

func hasForm(q querier, serial, form string, rev int) (bool, error) {
	var n int
	err := q.QueryRow(`SELECT COUNT(*) FROM forms WHERE serial = ? AND form = ? AND rev = ?`, serial, form, rev).Scan(&n)
	return n > 0, err
}
