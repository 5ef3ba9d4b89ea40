package report

import (
	"fmt"
	"path/filepath"
	"testing"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// session opens a workspace in dir whose store holds n entries received
// in 2026 Q3, spread over classes, categories, channels and departments,
// about a third still open.
func session(tb testing.TB, dir string, n int) *batch.Session {
	tb.Helper()
	cfg, err := config.Parse([]byte("company: 测试医疗器械有限公司\n"))
	if err != nil {
		tb.Fatal(err)
	}
	cfg.Dir, cfg.File = dir, filepath.Join(dir, "config.yaml")
	st, err := store.Open(cfg.StorePath())
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	today := date("2026-11-28")
	a := store.Actor{By: "bench", At: today, Today: today, Serial: cfg.Serial}
	tx, err := st.Begin(a)
	if err != nil {
		tb.Fatal(err)
	}
	for i := range n {
		if err := tx.Insert(synthetic(cfg, i), "bench"); err != nil {
			tb.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
	return &batch.Session{Cfg: cfg, Store: st, Actor: a}
}

// synthetic is entry i of a generated quarter.
func synthetic(cfg *config.Config, i int) *record.Entry {
	classes, cats := []string{"A", "B", "C"}, cfg.Vocabs.Category.Codes()
	depts := cfg.Departments
	e := &record.Entry{
		Received: date("2026-07-01").AddDate(0, 0, i%92), Channel: cfg.Vocabs.Channel.Codes()[i%3],
		Category: cats[i%len(cats)], Class: classes[i%3], Title: fmt.Sprintf("第 %d 条质量信息", i),
		Content: "到货产品外包装破损，已隔离待处理。", Reporter: depts[i%len(depts)],
		Departments: []string{depts[i%len(depts)], depts[(i+1)%len(depts)]}, Status: "open",
	}
	if i%3 != 0 {
		e.Closed, e.Status = e.Received.AddDate(0, 0, i%9), "closed"
	}
	return e
}

// BenchmarkReport10k writes the FM-32 (workbook and PDF) of a quarter of
// 10,000 entries, from the store. The target is 2 s.
func BenchmarkReport10k(b *testing.B) {
	s := session(b, b.TempDir(), 10000)
	q := Quarter{2026, 3}
	b.ResetTimer()
	for b.Loop() {
		res, err := Generate(s, q)
		if err != nil {
			b.Fatal(err)
		}
		if res.Stats.Cur.Total != 10000 {
			b.Fatalf("counted %d entries", res.Stats.Cur.Total)
		}
	}
}
