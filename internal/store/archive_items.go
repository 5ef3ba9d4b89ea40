package store

import (
	"path"
	"strconv"
	"strings"
)

// OtherForms lists the issued forms that are not an entry's FM-30 — the
// document-control forms (revision and training requests) — with the year
// of the folder they were written in (out/forms/<code>/<year>/<file>).
func (s *Store) OtherForms(except string) ([]IssuedForm, error) {
	rows, err := s.db.Query(`SELECT serial, form, rev, path, sha256 FROM forms
		WHERE form <> ? ORDER BY form, serial, rev`, except)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []IssuedForm
	for rows.Next() {
		var f IssuedForm
		if err := rows.Scan(&f.Serial, &f.Form.Form, &f.Rev, &f.Path, &f.SHA256); err != nil {
			return nil, err
		}
		f.Year, _ = strconv.Atoi(path.Base(path.Dir(strings.ReplaceAll(f.Path, `\`, "/"))))
		out = append(out, f)
	}
	return out, rows.Err()
}

// VersionFile is a controlled document's own file, kept with its version.
type VersionFile struct {
	Number, Version, Path, SHA256, Date string
}

// DocFiles lists every document version that has its file, oldest first.
func (s *Store) DocFiles() ([]VersionFile, error) {
	rows, err := s.db.Query(`SELECT v.number, v.version, v.file, v.file_sha256,
		COALESCE(NULLIF(v.effective, ''), NULLIF(v.issued, ''), d.registered)
		FROM doc_versions v JOIN documents d ON d.number = v.number
		WHERE v.file <> '' ORDER BY v.number, v.version`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []VersionFile
	for rows.Next() {
		var f VersionFile
		if err := rows.Scan(&f.Number, &f.Version, &f.Path, &f.SHA256, &f.Date); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}
