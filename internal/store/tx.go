package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// Actor is who makes a change and when: the configured or --by name, the
// OS account, the moment, and the workspace's civil date.
type Actor struct {
	By, OSUser string
	At         time.Time
	Today      time.Time
	// Serial formats the serial of a year's sequence number.
	Serial func(year, seq int) string
}

// Tx is one all-or-nothing change to the store.
type Tx struct {
	tx *stmtTx
	a  Actor
}

// Begin starts a write transaction on behalf of a.
func (s *Store) Begin(a Actor) (*Tx, error) {
	tx, err := s.db.Begin()
	if err != nil {
		return nil, err
	}
	return &Tx{tx: &stmtTx{Tx: tx}, a: a}, nil
}

// Commit makes the change durable.
func (t *Tx) Commit() error { return t.tx.Commit() }

// Rollback abandons the change; safe after Commit.
func (t *Tx) Rollback() { t.tx.Rollback() }

// Get reads an entry inside the transaction.
func (t *Tx) Get(serial string) (*record.Entry, error) { return getEntry(t.tx, serial) }

// Insert stores a new entry, giving it the next serial of its received
// year in this same transaction. It is marked 补登 when an entry of that
// year received later already holds a number.
func (t *Tx) Insert(e *record.Entry, source string) error {
	seq, err := t.allocate(e.Received.Year())
	if err != nil {
		return err
	}
	e.Year, e.Seq, e.Serial = e.Received.Year(), seq, t.a.Serial(e.Received.Year(), seq)
	e.Late, err = t.isLate(e)
	if err != nil {
		return err
	}
	return t.insert(e, source)
}

// InsertLegacy stores an entry under a historic serial from a company's
// existing register; the year's counter then continues after the highest.
func (t *Tx) InsertLegacy(e *record.Entry, year, seq int, source string) error {
	e.Year, e.Seq, e.Serial = year, seq, t.a.Serial(year, seq)
	if _, err := t.tx.Exec(`INSERT INTO counters(year, last) VALUES (?, ?)
		ON CONFLICT(year) DO UPDATE SET last = MAX(last, excluded.last)`, year, seq); err != nil {
		return err
	}
	return t.insert(e, source)
}

// Reserve gives the next n serials of year to blank forms (预留).
func (t *Tx) Reserve(year, n int, source string) ([]string, error) {
	var out []string
	for i := 0; i < n; i++ {
		seq, err := t.allocate(year)
		if err != nil {
			return nil, err
		}
		e := &record.Entry{Year: year, Seq: seq, Serial: t.a.Serial(year, seq), Reserved: true, Status: "open"}
		if err := t.insert(e, source); err != nil {
			return nil, err
		}
		out = append(out, e.Serial)
	}
	return out, nil
}

func (t *Tx) allocate(year int) (int, error) {
	var seq int
	err := t.tx.QueryRow(`INSERT INTO counters(year, last) VALUES (?, 1)
		ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last`, year).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("serial counter for %d: %w", year, err)
	}
	return seq, nil
}

func (t *Tx) isLate(e *record.Entry) (bool, error) {
	var max sql.NullString
	err := t.tx.QueryRow(`SELECT MAX(received) FROM entries WHERE year = ? AND reserved = 0 AND received <> ''`, e.Year).Scan(&max)
	return max.Valid && max.String > record.FormatDate(e.Received), err
}

func (t *Tx) insert(e *record.Entry, source string) error {
	e.Registered = t.a.Today
	v := e.Values()
	key, digest := "", ""
	if !e.Reserved && !e.Void { // a placeholder matches no intake row
		key, digest = e.Key(), e.Digest()
	}
	_, err := t.tx.Exec(`INSERT INTO entries (`+entryCols+`, key, digest, source)
		VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		e.Serial, e.Year, e.Seq, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9], v[10], v[11], v[12],
		record.FormatDate(e.Registered), e.Late, e.Void, e.VoidReason, e.Reserved, key, digest, source)
	if err != nil {
		return fmt.Errorf("store %s: %w", e.Serial, err)
	}
	action := "create"
	switch {
	case e.Void:
		return t.audit(e.Serial, "void", "void", "", "作废", source, e.VoidReason)
	case e.Reserved:
		action = "reserve"
	}
	return t.audit(e.Serial, action, "*", "", snapshot(e), source, "")
}

func snapshot(e *record.Entry) string {
	m := map[string]string{}
	vals := e.Values()
	for i, f := range record.ValueFields {
		if v := vals[i]; v != "" {
			m[f] = v
		}
	}
	if e.Late {
		m["late"] = "补登"
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// Update writes the fields of e that differ from the stored entry, one
// audit row per changed field, and returns their names. Filling a
// reserved serial clears its 预留 mark.
func (t *Tx) Update(e *record.Entry, source, reason string) ([]string, error) {
	old, err := t.Get(e.Serial)
	if err != nil {
		return nil, err
	}
	ov, nv := old.Values(), e.Values()
	var changed []string
	for i, f := range record.ValueFields {
		if ov[i] == nv[i] {
			continue
		}
		if _, err := t.tx.Exec(`UPDATE entries SET `+f+` = ? WHERE serial = ?`, nv[i], e.Serial); err != nil {
			return nil, err
		}
		if err := t.audit(e.Serial, "update", f, ov[i], nv[i], source, reason); err != nil {
			return nil, err
		}
		changed = append(changed, f)
	}
	if old.Reserved {
		if err := t.fill(e.Serial, source); err != nil {
			return nil, err
		}
	}
	_, err = t.tx.Exec(`UPDATE entries SET key = ?, digest = ? WHERE serial = ?`, e.Key(), e.Digest(), e.Serial)
	return changed, err
}

func (t *Tx) fill(serial, source string) error {
	if _, err := t.tx.Exec(`UPDATE entries SET reserved = 0 WHERE serial = ?`, serial); err != nil {
		return err
	}
	return t.audit(serial, "fill", "reserved", "预留", "", source, "")
}

// Void marks a serial 作废 with a reason; the number stays in the ledger.
func (t *Tx) Void(serial, reason, source string) error {
	old, err := t.Get(serial)
	if err != nil {
		return err
	}
	if old.Void {
		return fmt.Errorf("%s is already void (作废): %s", serial, old.VoidReason)
	}
	if _, err := t.tx.Exec(`UPDATE entries SET void = 1, void_reason = ? WHERE serial = ?`, reason, serial); err != nil {
		return err
	}
	return t.audit(serial, "void", "void", "", "作废", source, reason)
}

func (t *Tx) audit(serial, action, field, before, after, source, reason string) error {
	_, err := t.tx.Exec(`INSERT INTO audit (at, who, os_user, serial, action, field, before, after, source, reason)
		VALUES (?,?,?,?,?,?,?,?,?,?)`, t.a.At.Format(time.RFC3339), t.a.By, t.a.OSUser,
		serial, action, field, before, after, source, reason)
	return err
}

// RecordFile remembers an intake file's content hash and outcome, so an
// unchanged file is not read again.
func (t *Tx) RecordFile(path, sha string, size int64, result string) error {
	_, err := t.tx.Exec(`INSERT INTO files(path, sha256, size, result, at) VALUES (?,?,?,?,?)
		ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size,
		result = excluded.result, at = excluded.at`, path, sha, size, result, t.a.At.Format(time.RFC3339))
	return err
}

// FileSeen reports whether path was imported successfully with this hash.
func (s *Store) FileSeen(path, sha string) (bool, error) {
	var got, result string
	err := s.db.QueryRow(`SELECT sha256, result FROM files WHERE path = ?`, path).Scan(&got, &result)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil && got == sha && result == "ok", err
}

// AuditRow is one row of the change log.
type AuditRow struct {
	ID                                                    int64
	At, Who, OSUser, Serial, Action, Field, Before, After string
	Source, Reason                                        string
}

// Audit lists the change log of one serial ("" = all), oldest first.
func (s *Store) Audit(serial string) ([]AuditRow, error) {
	return s.queryAudit(`(? = '' OR serial = ?)`, nil, serial, strings.ToUpper(serial))
}

// queryAudit reads the audit rows matching where, oldest first, keeping
// those keep accepts (nil: all).
func (s *Store) queryAudit(where string, keep func(AuditRow) bool, args ...any) ([]AuditRow, error) {
	rows, err := s.db.Query(`SELECT id, at, who, os_user, serial, action, field, before, after, source, reason
		FROM audit WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []AuditRow
	for rows.Next() {
		var r AuditRow
		if err := rows.Scan(&r.ID, &r.At, &r.Who, &r.OSUser, &r.Serial, &r.Action, &r.Field, &r.Before, &r.After, &r.Source, &r.Reason); err != nil {
			return nil, err
		}
		if keep == nil || keep(r) {
			out = append(out, r)
		}
	}
	return out, rows.Err()
}

// Output digests let a run skip rewriting a file whose inputs are unchanged.
func (s *Store) OutputDigest(path string) string {
	var d string
	s.db.QueryRow(`SELECT digest FROM outputs WHERE path = ?`, path).Scan(&d)
	return d
}

// SetOutputDigest records the inputs digest of a written output.
func (s *Store) SetOutputDigest(path, digest string, at time.Time) error {
	_, err := s.db.Exec(`INSERT INTO outputs(path, digest, at) VALUES (?,?,?)
		ON CONFLICT(path) DO UPDATE SET digest = excluded.digest, at = excluded.at`, path, digest, at.Format(time.RFC3339))
	return err
}

// YearVersion is a value that changes whenever any entry of the year does:
// the newest audit id touching it. Ledgers are rewritten when it moves.
func (s *Store) YearVersion(year int) (int64, error) {
	var id sql.NullInt64
	err := s.db.QueryRow(`SELECT MAX(a.id) FROM audit a JOIN entries e ON e.serial = a.serial WHERE e.year = ?`, year).Scan(&id)
	return id.Int64, err
}
