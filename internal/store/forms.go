package store

import (
	"database/sql"
	"time"
)

// Form is one issued PDF of a record: the original (Rev 0) or a reissue.
type Form struct {
	Serial, Form string
	Rev          int
	Path, SHA256 string // Path relative to the workspace
}

// Unrendered lists the serials, in order, of entries that have no form of
// this kind yet: numbered, not reserved, not void. A run that crashed
// before rendering leaves them here for the next run.
func (s *Store) Unrendered(form string) ([]string, error) {
	rows, err := s.db.Query(`SELECT serial FROM entries e
		WHERE reserved = 0 AND void = 0
		AND NOT EXISTS (SELECT 1 FROM forms f WHERE f.serial = e.serial AND f.form = ?)
		ORDER BY year, seq`, form)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// Forms lists the issued forms of a serial, oldest first.
func (s *Store) Forms(serial, form string) ([]Form, error) {
	rows, err := s.db.Query(`SELECT serial, form, rev, path, sha256 FROM forms
		WHERE serial = ? AND form = ? ORDER BY rev`, serial, form)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Form
	for rows.Next() {
		var f Form
		if err := rows.Scan(&f.Serial, &f.Form, &f.Rev, &f.Path, &f.SHA256); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// AddForm records an issued form file and audits it.
func (t *Tx) AddForm(f Form, source string) error {
	_, err := t.tx.Exec(`INSERT INTO forms (serial, form, rev, path, sha256, at) VALUES (?,?,?,?,?,?)`,
		f.Serial, f.Form, f.Rev, f.Path, f.SHA256, t.a.At.Format(time.RFC3339))
	if err != nil {
		return err
	}
	action := "render"
	if f.Rev > 0 {
		action = "reissue"
	}
	return t.audit(f.Serial, action, f.Form, "", f.Path, source, "")
}

// NextRev is the revision number a reissue of serial's form gets.
func (s *Store) NextRev(serial, form string) (int, error) {
	var n sql.NullInt64
	err := s.db.QueryRow(`SELECT MAX(rev) FROM forms WHERE serial = ? AND form = ?`, serial, form).Scan(&n)
	if !n.Valid {
		return 0, err
	}
	return int(n.Int64) + 1, err
}
