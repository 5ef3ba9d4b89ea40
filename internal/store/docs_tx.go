package store

import (
	"encoding/json"
	"fmt"
	"strings"
)

// Document-control changes. Every insert writes one audit row holding the
// new row, every update one audit row per changed column with its before
// and after, all under the document's number, so `doc show` prints the
// whole trail of a document: its versions, copies, requests and trainings.
// The field of an audit row names the part changed: "A/1.state",
// "A/0#2.returned" (copy 2 of A/0), "LDMD-FM-10-2026-001.review".

// AddDocument registers a new controlled document.
func (t *Tx) AddDocument(x *Document, source string) error {
	return t.insertRow("documents", documentCols, x.values(), x.Number, x.Number, source)
}

// AddDocVersion stores a version and its copies.
func (t *Tx) AddDocVersion(x *DocVersion, copies []*DocCopy, source string) error {
	if err := t.insertRow("doc_versions", versionCols, x.values(), x.Number, x.Version, source); err != nil {
		return err
	}
	for _, c := range copies {
		if err := t.insertRow("doc_copies", copyCols, c.values(), c.Number, copyName(c), source); err != nil {
			return err
		}
	}
	return nil
}

// AddDocTraining records a training session.
func (t *Tx) AddDocTraining(x *DocTraining, source string) error {
	return t.insertRow("doc_trainings", trainingCols, x.values(), x.Number, x.Version+".training", source)
}

// AddDocRequest stores a new revision request under its serial.
func (t *Tx) AddDocRequest(x *DocRequest, source string) error {
	return t.insertRow("doc_requests", requestCols, x.values(), x.Number, x.Serial, source)
}

// AllocDocSerial takes the next sequence number of a document-control
// form (FM-10, FM-11) in year, in this transaction: never reused.
func (t *Tx) AllocDocSerial(form string, year int) (int, error) {
	var seq int
	err := t.tx.QueryRow(`INSERT INTO doc_counters(form, year, last) VALUES (?, ?, 1)
		ON CONFLICT(form, year) DO UPDATE SET last = last + 1 RETURNING last`, form, year).Scan(&seq)
	if err != nil {
		return 0, fmt.Errorf("serial counter for %s %d: %w", form, year, err)
	}
	return seq, nil
}

// UpdateDocument writes the changed columns of a document.
func (t *Tx) UpdateDocument(old, x *Document, source, reason string) error {
	return t.updateRow("documents", documentCols, old.values(), x.values(), 1, x.Number, x.Number, source, reason)
}

// UpdateDocVersion writes the changed columns of a version.
func (t *Tx) UpdateDocVersion(old, x *DocVersion, source, reason string) error {
	return t.updateRow("doc_versions", versionCols, old.values(), x.values(), 2, x.Number, x.Version, source, reason)
}

// UpdateDocCopy writes the changed columns of a copy.
func (t *Tx) UpdateDocCopy(old, x *DocCopy, source, reason string) error {
	return t.updateRow("doc_copies", copyCols, old.values(), x.values(), 3, x.Number, copyName(x), source, reason)
}

// UpdateDocRequest writes the changed columns of a request.
func (t *Tx) UpdateDocRequest(old, x *DocRequest, source, reason string) error {
	return t.updateRow("doc_requests", requestCols, old.values(), x.values(), 1, x.Number, x.Serial, source, reason)
}

func copyName(c *DocCopy) string { return fmt.Sprintf("%s#%d", c.Version, c.No) }

func (t *Tx) insertRow(table, cols string, vals []string, number, what, source string) error {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	q := "INSERT INTO " + table + " (" + cols + ") VALUES (?" + strings.Repeat(",?", len(vals)-1) + ")"
	if _, err := t.tx.Exec(q, args...); err != nil {
		return fmt.Errorf("store %s %s: %w", number, what, err)
	}
	return t.audit(number, "create", what, "", snapshotOf(cols, vals), source, "")
}

// updateRow updates the columns whose values differ; the first keys
// columns identify the row and never change.
func (t *Tx) updateRow(table, cols string, old, nv []string, keys int, number, what, source, reason string) error {
	names := strings.Split(cols, ", ")
	where := make([]string, keys)
	wargs := make([]any, keys)
	for i := 0; i < keys; i++ {
		where[i], wargs[i] = names[i]+" = ?", old[i]
	}
	for i := keys; i < len(names); i++ {
		if old[i] == nv[i] {
			continue
		}
		q := "UPDATE " + table + " SET " + names[i] + " = ? WHERE " + strings.Join(where, " AND ")
		if _, err := t.tx.Exec(q, append([]any{nv[i]}, wargs...)...); err != nil {
			return fmt.Errorf("store %s %s: %w", number, what, err)
		}
		if err := t.audit(number, "update", what+"."+names[i], old[i], nv[i], source, reason); err != nil {
			return err
		}
	}
	return nil
}

// snapshotOf is a row's non-empty columns as JSON, for the audit log.
func snapshotOf(cols string, vals []string) string {
	m := map[string]string{}
	for i, c := range strings.Split(cols, ", ") {
		if vals[i] != "" && vals[i] != "0" {
			m[c] = vals[i]
		}
	}
	b, _ := json.Marshal(m)
	return string(b)
}
