package store

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

func TestScanMarksArchivedAndAudits(t *testing.T) {
	s, a := testStore(t)
	insert(t, s, a, entry(1, "一"), entry(2, "二"))
	tx, _ := s.Begin(a)
	if err := tx.AddScan(Scan{Serial: "T-2026-0002", N: 1, Path: "2026/F/T-2026-0002-扫描件-1.pdf", SHA256: "ab", Size: 3, Source: "inbox/scans/x.pdf"}); err != nil {
		t.Fatal(err)
	}
	tx.Commit()
	e1, _ := s.Get("T-2026-0001")
	e2, _ := s.Get("T-2026-0002")
	if e1.Archived || !e2.Archived {
		t.Fatalf("Archived: 0001 %v, 0002 %v", e1.Archived, e2.Archived)
	}
	var seen int
	s.Each(2026, func(e *record.Entry) error {
		if e.Archived {
			seen++
		}
		return nil
	})
	if seen != 1 {
		t.Errorf("Each saw %d archived, want 1", seen)
	}
	rows, _ := s.Audit("T-2026-0002")
	last := rows[len(rows)-1]
	if last.Action != "archive" || last.After != "2026/F/T-2026-0002-扫描件-1.pdf" || last.Source != "scan: inbox/scans/x.pdf" {
		t.Errorf("audit row %+v", last)
	}
	if sc, _ := s.Scans("T-2026-0002"); len(sc) != 1 || sc[0].SHA256 != "ab" {
		t.Errorf("Scans = %+v", sc)
	}
}

func TestArchiveTablesAreAppendOnly(t *testing.T) {
	s, a := testStore(t)
	insert(t, s, a, entry(1, "一"))
	tx, _ := s.Begin(a)
	tx.AddScan(Scan{Serial: "T-2026-0001", N: 1, Path: "p", SHA256: "ab", Source: "x"})
	tx.AddForm(Form{Serial: "T-2026-0001", Form: "FM-30", Path: "f.pdf", SHA256: "cd"}, "test")
	tx.Commit()
	s.RecordHead("h1", 1, a.At)
	for _, q := range []string{
		`UPDATE scans SET sha256 = 'x'`, `DELETE FROM scans`,
		`UPDATE archive_heads SET head = 'x'`, `DELETE FROM archive_heads`,
		`UPDATE forms SET sha256 = 'x'`, `DELETE FROM forms`,
	} {
		if _, err := s.db.Exec(q); err == nil {
			t.Errorf("%s succeeded", q)
		}
	}
}

func TestHeadsAndCounters(t *testing.T) {
	s, a := testStore(t)
	if h, _, err := s.LastHead(); err != nil || h != "" {
		t.Fatalf("empty LastHead = %q, %v", h, err)
	}
	s.RecordHead("h1", 1, a.At)
	s.RecordHead("h2", 2, a.At)
	if h, n, _ := s.LastHead(); h != "h2" || n != 2 {
		t.Errorf("LastHead = %q %d", h, n)
	}
	if hs, _ := s.Heads(); len(hs) != 2 {
		t.Errorf("Heads = %v", hs)
	}
	insert(t, s, a, entry(1, "一"))
	if up, _ := s.BumpCounter(2026, 9); !up {
		t.Error("counter not raised")
	}
	if up, _ := s.BumpCounter(2026, 3); up {
		t.Error("counter lowered")
	}
	e := entry(3, "三")
	insert(t, s, a, e)
	if e.Serial != "T-2026-0010" {
		t.Errorf("after bump: %s, want T-2026-0010", e.Serial)
	}
}

func TestAuditMonthAndBackup(t *testing.T) {
	s, a := testStore(t)
	sh, _ := time.LoadLocation("Asia/Shanghai")
	// 30 September 17:00 UTC is 1 October in Shanghai; 31 October 20:00 UTC is 1 November.
	for _, at := range []time.Time{time.Date(2026, 9, 30, 17, 0, 0, 0, time.UTC), time.Date(2026, 10, 15, 3, 0, 0, 0, time.UTC), time.Date(2026, 10, 31, 20, 0, 0, 0, time.UTC)} {
		a.At = at
		insert(t, s, a, entry(1, at.String()))
	}
	rows, err := s.AuditMonth(2026, time.October, sh)
	if err != nil || len(rows) != 2 {
		t.Fatalf("October in Shanghai: %d rows, %v", len(rows), err)
	}
	bk := filepath.Join(t.TempDir(), "b.db")
	if err := s.BackupTo(bk); err != nil {
		t.Fatal(err)
	}
	b, err := OpenReadOnly(bk)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if msg, err := b.Check(); msg != "" || err != nil {
		t.Fatalf("backup check: %q %v", msg, err)
	}
	if c, _ := b.Count(); c.Total != 3 {
		t.Errorf("backup holds %d entries", c.Total)
	}
	if err := s.BackupTo(bk); err == nil {
		t.Error("VACUUM INTO replaced an existing file")
	}
}

// A serial the archive holds and a restored store lacks becomes a void
// placeholder with its reason and one audit row; the counter moves past
// it, no intake row can match it, and the restore has its own audit row.
func TestInsertVoidPlaceholderAndRestoreAudit(t *testing.T) {
	s, a := testStore(t)
	insert(t, s, a, entry(1, "一"))
	tx, _ := s.Begin(a)
	serial, err := tx.InsertVoid(2026, 3, "恢复备份后缺失：已归档于 archive/x.pdf", "command: restore bk")
	if err != nil || serial != "T-2026-0003" {
		t.Fatalf("InsertVoid = %q, %v", serial, err)
	}
	if err := tx.RaiseDocCounter("FM-10", 2026, 4); err != nil {
		t.Fatal(err)
	}
	if err := tx.AuditRestore("从备份 bk 恢复", "data/qdoc.db.before-restore-1", "command: restore bk"); err != nil {
		t.Fatal(err)
	}
	tx.Commit()
	v, err := s.Get("T-2026-0003")
	if err != nil || !v.Void || v.Reserved || !strings.HasPrefix(v.VoidReason, "恢复备份后缺失") {
		t.Fatalf("placeholder %+v, %v", v, err)
	}
	rows, _ := s.Audit("T-2026-0003")
	if len(rows) != 1 || rows[0].Action != "void" || rows[0].After != "作废" || rows[0].Reason != v.VoidReason || rows[0].Who != "张三" {
		t.Errorf("placeholder audit %+v", rows)
	}
	ix, _ := s.LoadIndex()
	if b := ix.BySerial["T-2026-0003"]; b == nil || !b.Void || b.Key != "" {
		t.Errorf("placeholder brief %+v", b)
	}
	e := entry(5, "next")
	insert(t, s, a, e)
	if e.Serial != "T-2026-0004" {
		t.Errorf("after the placeholder: %s, want T-2026-0004", e.Serial)
	}
	tx, _ = s.Begin(a)
	if seq, _ := tx.AllocDocSerial("FM-10", 2026); seq != 5 {
		t.Errorf("doc counter after raise: %d, want 5", seq)
	}
	tx.Rollback()
	var restore *AuditRow
	all, _ := s.Audit("")
	for i := range all {
		if all[i].Action == "restore" {
			restore = &all[i]
		}
	}
	if restore == nil || restore.Serial != RestoreRecord || restore.After != "从备份 bk 恢复" || restore.Who != "张三" || restore.OSUser != "zhang" {
		t.Errorf("restore audit row %+v", restore)
	}
}
