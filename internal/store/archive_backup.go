package store

import (
	"fmt"

	"github.com/qdoc/qdoc/internal/record"
)

// BackupTo writes a consistent copy of the store to path (which must not
// exist) with VACUUM INTO: a snapshot taken in one read transaction, so a
// run writing at the same moment cannot tear it.
func (s *Store) BackupTo(path string) error {
	_, err := s.db.Exec(`VACUUM INTO ?`, path)
	return err
}

// BumpCounter makes sure year's serial counter is at least seq, so a
// store restored from a backup never gives again a number the archive
// shows was already issued.
func (s *Store) BumpCounter(year, seq int) (bool, error) {
	res, err := s.db.Exec(`INSERT INTO counters(year, last) VALUES (?, ?)
		ON CONFLICT(year) DO UPDATE SET last = excluded.last WHERE last < excluded.last`, year, seq)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// InsertVoid stores serial year/seq as a void (作废) placeholder with its
// reason — a number the archive shows was issued but the store, restored
// from an older backup, does not hold — and raises the year's counter past
// it. The number then shows in the ledger as 作废 instead of being
// silently skipped, and is never given again. It returns the serial.
func (t *Tx) InsertVoid(year, seq int, reason, source string) (string, error) {
	if _, err := t.tx.Exec(`INSERT INTO counters(year, last) VALUES (?, ?)
		ON CONFLICT(year) DO UPDATE SET last = MAX(last, excluded.last)`, year, seq); err != nil {
		return "", err
	}
	e := &record.Entry{Year: year, Seq: seq, Serial: t.a.Serial(year, seq), Void: true, VoidReason: reason, Status: "open"}
	return e.Serial, t.insert(e, source)
}

// RaiseDocCounter makes sure a document-control form's counter (FM-10,
// FM-11) for year is at least seq: the same guarantee as BumpCounter for
// revision and training request serials.
func (t *Tx) RaiseDocCounter(form string, year, seq int) error {
	_, err := t.tx.Exec(`INSERT INTO doc_counters(form, year, last) VALUES (?, ?, ?)
		ON CONFLICT(form, year) DO UPDATE SET last = MAX(last, excluded.last)`, form, year, seq)
	if err != nil {
		return fmt.Errorf("serial counter for %s %d: %w", form, year, err)
	}
	return nil
}

// NoteLostSerial writes an audit row for a serial the archive holds that
// the store has no record of and cannot hold a placeholder for (a revision
// or training request needs its document), so the change log shows it.
func (t *Tx) NoteLostSerial(serial, reason, source string) error {
	return t.audit(serial, "void", "void", "", "作废", source, reason)
}

// RestoreRecord is the audit row's record for what concerns the whole
// store rather than one record, such as a restore.
const RestoreRecord = ""

// AuditRestore writes the audit row of a restore: who, when, from which
// backup (after) and where the store it replaced was kept (before).
func (t *Tx) AuditRestore(from, kept, source string) error {
	return t.audit(RestoreRecord, "restore", "store", kept, from, source, "")
}

// Check runs SQLite's integrity check; "" means the database is sound.
func (s *Store) Check() (string, error) {
	var msg string
	err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&msg)
	if msg == "ok" {
		msg = ""
	}
	return msg, err
}
