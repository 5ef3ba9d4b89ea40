package store

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

func testStore(t *testing.T) (*Store, Actor) {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "data", "qdoc.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	a := Actor{By: "张三", OSUser: "zhang", At: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC),
		Today:  time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC),
		Serial: func(y, q int) string { return fmt.Sprintf("T-%d-%04d", y, q) }}
	return s, a
}

func entry(day int, title string) *record.Entry {
	return &record.Entry{Received: time.Date(2026, 7, day, 0, 0, 0, 0, time.UTC), Channel: "internal",
		Category: "operations", Class: "C", Title: title, Content: "c", Reporter: "仓储部",
		Departments: []string{"仓储部"}, Status: "open"}
}

func insert(t *testing.T, s *Store, a Actor, es ...*record.Entry) {
	t.Helper()
	tx, err := s.Begin(a)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, e := range es {
		if err := tx.Insert(e, "test"); err != nil {
			t.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestSerialsPerYearLateAndNeverReused(t *testing.T) {
	s, a := testStore(t)
	e1, e2, e3 := entry(5, "a"), entry(9, "b"), entry(1, "back-dated")
	insert(t, s, a, e1, e2)
	insert(t, s, a, e3)
	if e1.Serial != "T-2026-0001" || e2.Serial != "T-2026-0002" || e3.Serial != "T-2026-0003" {
		t.Fatalf("serials %s %s %s", e1.Serial, e2.Serial, e3.Serial)
	}
	if e1.Late || e2.Late || !e3.Late {
		t.Errorf("late flags %v %v %v", e1.Late, e2.Late, e3.Late)
	}
	// A rolled-back transaction gives its number back to nobody: the
	// counter is part of the same transaction.
	tx, _ := s.Begin(a)
	e4 := entry(10, "rolled back")
	tx.Insert(e4, "test")
	tx.Rollback()
	e5 := entry(11, "next")
	insert(t, s, a, e5)
	if e5.Serial != "T-2026-0004" {
		t.Errorf("after rollback got %s", e5.Serial)
	}
	old := entry(1, "last year")
	old.Received = old.Received.AddDate(-1, 0, 0)
	insert(t, s, a, old)
	if old.Serial != "T-2025-0001" {
		t.Errorf("new year's counter: %s", old.Serial)
	}
}

func TestUpdateAuditsEachFieldAndLogIsAppendOnly(t *testing.T) {
	s, a := testStore(t)
	e := entry(5, "a")
	insert(t, s, a, e)
	tx, _ := s.Begin(a)
	e.Status, e.Feedback, e.Closed = "closed", "done", time.Date(2026, 7, 6, 0, 0, 0, 0, time.UTC)
	changed, err := tx.Update(e, "file.xlsx:4", "")
	if err != nil || strings.Join(changed, ",") != "feedback,status,closed" {
		t.Fatalf("changed %v %v", changed, err)
	}
	tx.Commit()
	rows, _ := s.Audit(e.Serial)
	if len(rows) != 4 || rows[0].Action != "create" || rows[2].Field != "status" || rows[2].Before != "open" || rows[2].After != "closed" || rows[2].Source != "file.xlsx:4" || rows[2].Who != "张三" || rows[2].OSUser != "zhang" {
		t.Fatalf("audit rows %+v", rows)
	}
	for _, q := range []string{`UPDATE audit SET after = 'x'`, `DELETE FROM audit`, `DELETE FROM entries`} {
		if _, err := s.db.Exec(q); err == nil || !strings.Contains(err.Error(), "never") && !strings.Contains(err.Error(), "append-only") {
			t.Errorf("%s: %v", q, err)
		}
	}
}

func TestReserveFillAndVoid(t *testing.T) {
	s, a := testStore(t)
	tx, _ := s.Begin(a)
	got, err := tx.Reserve(2026, 2, "blank")
	if err != nil || len(got) != 2 || got[1] != "T-2026-0002" {
		t.Fatalf("reserve %v %v", got, err)
	}
	tx.Commit()
	e := entry(5, "filled")
	e.Serial = got[0]
	tx, _ = s.Begin(a)
	if _, err := tx.Update(e, "b.xlsx:2", ""); err != nil {
		t.Fatal(err)
	}
	if err := tx.Void(got[1], "unused", "cmd"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Void(got[1], "again", "cmd"); err == nil {
		t.Error("voided twice")
	}
	tx.Commit()
	f, _ := s.Get(got[0])
	v, _ := s.Get(got[1])
	if f.Reserved || f.Title != "filled" || !v.Void || v.VoidReason != "unused" {
		t.Errorf("filled %+v void %+v", f, v)
	}
}

func TestReopenKeepsSchema(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "q.db")
	s, err := Open(p)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	s, err = Open(p)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	var v int
	s.db.QueryRow(`PRAGMA user_version`).Scan(&v)
	if v != len(migrations) {
		t.Errorf("user_version %d", v)
	}
	s.db.Exec(fmt.Sprintf(`PRAGMA user_version = %d`, len(migrations)+1))
	s.Close()
	if _, err := Open(p); err == nil || !strings.Contains(err.Error(), "newer qdoc") {
		t.Errorf("newer schema: %v", err)
	}
}
