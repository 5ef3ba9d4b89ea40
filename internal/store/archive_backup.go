package store

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

// Check runs SQLite's integrity check; "" means the database is sound.
func (s *Store) Check() (string, error) {
	var msg string
	err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&msg)
	if msg == "ok" {
		msg = ""
	}
	return msg, err
}
