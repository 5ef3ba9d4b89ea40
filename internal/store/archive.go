package store

import (
	"database/sql"
	"errors"
	"time"
)

// migrationArchive creates what the store knows of the archive: the scans
// of signed forms filed against their records (which mark them 已归档), and
// every chain hash the manifest had after the store archived something, so
// a manifest cut short or rewritten at its end is noticed. Both tables,
// like forms, are never updated or deleted; the triggers refuse it.
const migrationArchive = `
CREATE TABLE scans (
	serial TEXT NOT NULL,
	n INTEGER NOT NULL,
	path TEXT NOT NULL UNIQUE,
	sha256 TEXT NOT NULL,
	size INTEGER NOT NULL,
	source TEXT NOT NULL,
	at TEXT NOT NULL,
	PRIMARY KEY (serial, n)
);
CREATE INDEX scans_sha ON scans(sha256);
CREATE TABLE archive_heads (
	id INTEGER PRIMARY KEY AUTOINCREMENT,
	at TEXT NOT NULL,
	head TEXT NOT NULL,
	files INTEGER NOT NULL
);
CREATE TRIGGER scans_no_update BEFORE UPDATE ON scans
	BEGIN SELECT RAISE(ABORT, 'filed scans are never changed'); END;
CREATE TRIGGER scans_no_delete BEFORE DELETE ON scans
	BEGIN SELECT RAISE(ABORT, 'filed scans are never removed'); END;
CREATE TRIGGER archive_heads_no_update BEFORE UPDATE ON archive_heads
	BEGIN SELECT RAISE(ABORT, 'archive chain hashes are append-only'); END;
CREATE TRIGGER archive_heads_no_delete BEFORE DELETE ON archive_heads
	BEGIN SELECT RAISE(ABORT, 'archive chain hashes are append-only'); END;
CREATE TRIGGER forms_no_update BEFORE UPDATE ON forms
	BEGIN SELECT RAISE(ABORT, 'an issued form is never changed: reissue it'); END;
CREATE TRIGGER forms_no_delete BEFORE DELETE ON forms
	BEGIN SELECT RAISE(ABORT, 'an issued form is never removed'); END;
`

// archivedCol is the entries column 已归档: a signed scan of the record is
// filed in the archive.
const archivedCol = `EXISTS (SELECT 1 FROM scans sc WHERE sc.serial = entries.serial)`

// Scan is a signed form filed back: its place in the archive.
type Scan struct {
	Serial string
	N      int    // 1, 2, … per serial
	Path   string // in the archive, forward slashes
	SHA256 string
	Size   int64
	Source string // the inbox file it came from
}

// AddScan records a filed scan and audits it against its record.
func (t *Tx) AddScan(sc Scan) error {
	_, err := t.tx.Exec(`INSERT INTO scans (serial, n, path, sha256, size, source, at) VALUES (?,?,?,?,?,?,?)`,
		sc.Serial, sc.N, sc.Path, sc.SHA256, sc.Size, sc.Source, t.a.At.Format(time.RFC3339))
	if err != nil {
		return err
	}
	return t.audit(sc.Serial, "archive", "scan", "", sc.Path, "scan: "+sc.Source, "")
}

// Scans lists the scans filed against serial, in order.
func (s *Store) Scans(serial string) ([]Scan, error) {
	rows, err := s.db.Query(`SELECT serial, n, path, sha256, size, source FROM scans WHERE serial = ? ORDER BY n`, serial)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Scan
	for rows.Next() {
		var sc Scan
		if err := rows.Scan(&sc.Serial, &sc.N, &sc.Path, &sc.SHA256, &sc.Size, &sc.Source); err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, rows.Err()
}

// RecordHead remembers the manifest's chain hash after an archiving.
func (s *Store) RecordHead(head string, files int, at time.Time) error {
	_, err := s.db.Exec(`INSERT INTO archive_heads (at, head, files) VALUES (?,?,?)`, at.Format(time.RFC3339), head, files)
	return err
}

// LastHead is the chain hash the store last saw, "" if none.
func (s *Store) LastHead() (head string, files int, err error) {
	err = s.db.QueryRow(`SELECT head, files FROM archive_heads ORDER BY id DESC LIMIT 1`).Scan(&head, &files)
	if errors.Is(err, sql.ErrNoRows) {
		return "", 0, nil
	}
	return head, files, err
}

// IssuedForm is an issued form with its record's year, for archiving.
type IssuedForm struct {
	Form
	Year int
}

// IssuedForms lists every issued form of kind form, oldest first.
func (s *Store) IssuedForms(form string) ([]IssuedForm, error) {
	rows, err := s.db.Query(`SELECT f.serial, f.form, f.rev, f.path, f.sha256, e.year
		FROM forms f JOIN entries e ON e.serial = f.serial WHERE f.form = ? ORDER BY e.year, e.seq, f.rev`, form)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IssuedForm
	for rows.Next() {
		var f IssuedForm
		if err := rows.Scan(&f.Serial, &f.Form.Form, &f.Rev, &f.Path, &f.SHA256, &f.Year); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// Heads lists every chain hash the store has seen, oldest first. Each must
// still be in the manifest's chain: the manifest only ever grows.
func (s *Store) Heads() ([]string, error) {
	rows, err := s.db.Query(`SELECT DISTINCT head FROM archive_heads ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}
