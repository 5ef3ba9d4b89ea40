// Package store is the system of record: an embedded SQLite database
// (modernc.org/sqlite, pure Go) holding entries, serial counters, imported
// files and the append-only audit log. Schema changes are versioned
// migrations applied on open.
package store

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite"
)

// Store is an open workspace database.
type Store struct {
	db   *sql.DB
	Path string
}

// migrations are applied in order; the database's user_version counts how
// many have run. Never edit one that has shipped: append a new one.
var migrations = []string{
	`CREATE TABLE entries (
		serial TEXT PRIMARY KEY,
		year INTEGER NOT NULL,
		seq INTEGER NOT NULL,
		received TEXT NOT NULL DEFAULT '',
		channel TEXT NOT NULL DEFAULT '',
		category TEXT NOT NULL DEFAULT '',
		class TEXT NOT NULL DEFAULT '',
		title TEXT NOT NULL DEFAULT '',
		content TEXT NOT NULL DEFAULT '',
		reporter TEXT NOT NULL DEFAULT '',
		departments TEXT NOT NULL DEFAULT '',
		measures TEXT NOT NULL DEFAULT '',
		feedback TEXT NOT NULL DEFAULT '',
		status TEXT NOT NULL DEFAULT '',
		closed TEXT NOT NULL DEFAULT '',
		remarks TEXT NOT NULL DEFAULT '',
		registered TEXT NOT NULL,
		late INTEGER NOT NULL DEFAULT 0,
		void INTEGER NOT NULL DEFAULT 0,
		void_reason TEXT NOT NULL DEFAULT '',
		reserved INTEGER NOT NULL DEFAULT 0,
		key TEXT NOT NULL DEFAULT '',
		digest TEXT NOT NULL DEFAULT '',
		source TEXT NOT NULL DEFAULT '',
		UNIQUE (year, seq)
	);
	CREATE INDEX entries_key ON entries(key);
	CREATE INDEX entries_received ON entries(year, reserved, received);
	CREATE TABLE counters (year INTEGER PRIMARY KEY, last INTEGER NOT NULL);
	CREATE TABLE files (
		path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
		result TEXT NOT NULL, at TEXT NOT NULL
	);
	CREATE TABLE audit (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at TEXT NOT NULL, who TEXT NOT NULL, os_user TEXT NOT NULL,
		serial TEXT NOT NULL, action TEXT NOT NULL, field TEXT NOT NULL,
		before TEXT NOT NULL, after TEXT NOT NULL,
		source TEXT NOT NULL, reason TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX audit_serial ON audit(serial);
	CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
		BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
	CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
		BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
	CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
		BEGIN SELECT RAISE(ABORT, 'entries are voided, never deleted'); END;
	CREATE TABLE outputs (path TEXT PRIMARY KEY, digest TEXT NOT NULL, at TEXT NOT NULL);`,
	// 2: issued PDF forms, one row per file; revision 0 is the original.
	`CREATE TABLE forms (
		serial TEXT NOT NULL, form TEXT NOT NULL, rev INTEGER NOT NULL,
		path TEXT NOT NULL, sha256 TEXT NOT NULL, at TEXT NOT NULL,
		PRIMARY KEY (serial, form, rev)
	);`,
	migrationDocs,    // 3: document control (docs.go)
	migrationArchive, // 4: the archive and filed scans (archive.go)
}

// Open opens (creating if needed) the database at path and migrates it.
func Open(path string) (*Store, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("store folder: %w", err)
	}
	dsn := "file:" + filepath.ToSlash(path) + "?_pragma=busy_timeout(10000)&_pragma=synchronous(FULL)&_pragma=foreign_keys(1)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	s := &Store{db: db, Path: path}
	if err := s.migrate(); err != nil {
		db.Close()
		return nil, fmt.Errorf("store %s: %w", path, err)
	}
	return s, nil
}

// OpenReadOnly opens an existing store for reading only (for check).
func OpenReadOnly(path string) (*Store, error) {
	dsn := "file:" + filepath.ToSlash(path) + "?mode=ro&_pragma=busy_timeout(10000)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return &Store{db: db, Path: path}, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate() error {
	var v int
	if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("not a qdoc store (or damaged): %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("made by a newer qdoc (schema %d, this one knows %d): upgrade qdoc", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		tx, err := s.db.Begin()
		if err != nil {
			return err
		}
		if _, err := tx.Exec(migrations[i]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", i+1, err)
		}
		if _, err := tx.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, i+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
