package remind

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/batch"
	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

// workspace is a store with: an open B entry long overdue, an open C entry
// within its deadline, a closed late entry, a void one, and a reservation.
func workspace(t *testing.T) *batch.Session {
	cfg, err := config.Parse([]byte("company: 测试公司\n"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfg.Dir, cfg.File = dir, filepath.Join(dir, "config.yaml")
	st, err := store.Open(cfg.StorePath())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	a := store.Actor{By: "t", At: day("2026-11-20"), Today: day("2026-11-20"), Serial: cfg.Serial}
	tx, _ := st.Begin(a)
	add := func(received, class, closed string, void bool, depts ...string) {
		e := &record.Entry{Received: day(received), Class: class, Title: class + " " + received, Status: "open",
			Channel: "internal", Category: "customer", Reporter: "质管部", Departments: depts, Void: void}
		if closed != "" {
			e.Closed, e.Status = day(closed), "closed"
		}
		if err := tx.Insert(e, "test"); err != nil {
			t.Fatal(err)
		}
	}
	add("2026-07-01", "B", "", false, "销售部", "质管部")        // 0001 overdue
	add("2026-11-25", "C", "", false, "仓储部")               // 0002 within 7 days on 11-28
	add("2026-08-01", "C", "2026-09-01", false, "仓储部")     // 0003 closed late: done, not chased
	add("2026-08-02", "B", "", true, "销售部", "质管部")         // 0004 void
	add("2026-11-01", "C", "", false, "采购部")               // 0005 overdue, less
	if _, err := tx.Reserve(2026, 1, "test"); err != nil { // 0006
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return &batch.Session{Cfg: cfg, Store: st, Actor: a}
}

func TestCollect(t *testing.T) {
	s := workspace(t)
	gs, err := Collect(s, day("2026-11-28"))
	if err != nil {
		t.Fatal(err)
	}
	if len(gs) != 2 || gs[0].Kind != KindOverdue || gs[1].Kind != KindReserved {
		t.Fatalf("groups %+v", gs)
	}
	o := gs[0].Items
	if len(o) != 2 || o[0].Ref != "LDMD-FM-30-2026-0001" || o[0].Days != 147 || o[1].Ref != "LDMD-FM-30-2026-0005" {
		t.Errorf("overdue %+v", o)
	}
	if o[0].Who != "销售部、质管部" || o[0].Note != "B类，待处理" || !o[0].Due.Equal(day("2026-07-04")) {
		t.Errorf("overdue item %+v", o[0])
	}
	if r := gs[1].Items; len(r) != 1 || r[0].Ref != "LDMD-FM-30-2026-0006" || r[0].Days != 8 {
		t.Errorf("reserved %+v", r)
	}
}

func TestGenerateAndPrint(t *testing.T) {
	s := workspace(t)
	res, err := Generate(s, day("2026-11-28"))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(res.Path) != "提醒清单 2026-11-28.xlsx" || res.Count() != 3 {
		t.Errorf("path %s, %d items", res.Path, res.Count())
	}
	var out bytes.Buffer
	Print(&out, res, "out/reminders/提醒清单 2026-11-28.xlsx")
	for _, want := range []string{"超期未关闭 2 项；预留未用 1 项。", "时限 2026-07-04，已超 147 天", "2026-11-20，已过 8 天"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("console lacks %q:\n%s", want, out.String())
		}
	}
}

func TestRegister(t *testing.T) {
	saved := append([]registered(nil), sources...)
	t.Cleanup(func() { sources = saved })
	Register("docs-review", 21, func(*batch.Session, time.Time) ([]Item, error) {
		return []Item{{Kind: "文件到期复审", Ref: "LDMD-QP-003"}}, nil
	})
	Register("docs-copies", 20, func(*batch.Session, time.Time) ([]Item, error) {
		return []Item{{Kind: "副本未回收", Ref: "LDMD-QP-001", Days: 1}, {Kind: "副本未回收", Ref: "LDMD-QP-002", Days: 5}}, nil
	})
	gs, err := Collect(workspace(t), day("2026-11-28"))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, g := range gs {
		kinds = append(kinds, g.Kind)
	}
	if got := strings.Join(kinds, ","); got != "超期未关闭,预留未用,副本未回收,文件到期复审" {
		t.Errorf("group order %s", got)
	}
	if gs[2].Items[0].Ref != "LDMD-QP-002" {
		t.Errorf("most overdue first: %+v", gs[2].Items)
	}
	defer func() {
		if recover() == nil {
			t.Error("registering a name twice did not panic")
		}
	}()
	Register("overdue", 1, nil)
}
