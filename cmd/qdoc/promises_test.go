package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/qdoc/qdoc/internal/config"
	"github.com/qdoc/qdoc/internal/form/pdftext"
	"github.com/qdoc/qdoc/internal/record"
	"github.com/qdoc/qdoc/internal/store"
)

// newWorkspace makes a workspace with an intake workbook of n entries,
// each with a unique title, received through 2026.
func newWorkspace(t testing.TB, n int) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "ws")
	var out, errb bytes.Buffer
	if code := Execute([]string{"init", dir}, &out, &errb); code != 0 {
		t.Fatalf("init: %s", errb.String())
	}
	writeIntake(t, filepath.Join(dir, "inbox", "登记.xlsx"), n)
	return dir
}

func writeIntake(t testing.TB, path string, n int) {
	t.Helper()
	f := excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"接收日期", "信息渠道", "信息类别", "等级", "标题", "内容", "报告部门", "涉及部门", "状态", "关闭日期"})
	for i := 0; i < n; i++ {
		day := 1 + i%28
		row := []any{fmt.Sprintf("2026-%02d-%02d", 1+i%10, day), "内部", "验收", "C",
			fmt.Sprintf("第%05d条质量信息", i+1), fmt.Sprintf("验收发现第%d批产品外包装破损，已隔离待处理。", i+1),
			"仓储部", "仓储部", "待处理", ""}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// checkPromises asserts what users rely on after any crash, fault or
// rerun: each of want entries stored once, serials 1..n per year with no
// gap, every form complete and recorded, the ledger complete, no temp
// files.
func checkPromises(t testing.TB, ws string, want int) {
	t.Helper()
	cfg, err := config.Load(filepath.Join(ws, "config.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.OpenReadOnly(cfg.StorePath())
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	entries := checkSerials(t, cfg, st, want)
	checkForms(t, cfg, st, entries)
	checkArchived(t, cfg, st, entries)
	checkLedger(t, cfg, want)
	checkNoTemp(t, cfg.OutDir())
	if code, out := runQdoc(ws, "verify"); code != 0 {
		t.Fatalf("verify after recovery: exit %d\n%s", code, out)
	}
}

func checkSerials(t testing.TB, cfg *config.Config, st *store.Store, want int) []*record.Entry {
	t.Helper()
	var es []*record.Entry
	titles := map[string]string{}
	next := map[int]int{}
	err := st.Each(0, func(e *record.Entry) error {
		next[e.Year]++
		if e.Seq != next[e.Year] {
			return fmt.Errorf("serial gap or reuse: %s after %d", e.Serial, next[e.Year]-1)
		}
		if prev, ok := titles[e.Title]; ok {
			return fmt.Errorf("entry %q stored twice: %s and %s", e.Title, prev, e.Serial)
		}
		titles[e.Title] = e.Serial
		es = append(es, e)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != want {
		t.Fatalf("%d entries stored, want %d", len(es), want)
	}
	return es
}

func checkForms(t testing.TB, cfg *config.Config, st *store.Store, es []*record.Entry) {
	t.Helper()
	for _, e := range es {
		fs, err := st.Forms(e.Serial, "FM-30")
		if err != nil || len(fs) != 1 {
			t.Fatalf("%s: %d forms recorded (%v)", e.Serial, len(fs), err)
		}
		b, err := os.ReadFile(cfg.Path(fs[0].Path))
		if err != nil {
			t.Fatalf("%s: %v", e.Serial, err)
		}
		sum := sha256.Sum256(b)
		if hex.EncodeToString(sum[:]) != fs[0].SHA256 {
			t.Fatalf("%s: form differs from its record", e.Serial)
		}
		if e.Seq%97 == 1 { // parse a sample: the whole file is there
			if txt, err := pdftext.Text(b); err != nil || !strings.Contains(txt, e.Serial) {
				t.Fatalf("%s: PDF unreadable: %v", e.Serial, err)
			}
		}
	}
}

// checkArchived asserts that every issued form is in the archive's
// MANIFEST under its own name with the bytes the store recorded: verify
// alone only compares the archive with its MANIFEST, so a form that never
// reached the archive would pass it.
func checkArchived(t testing.TB, cfg *config.Config, st *store.Store, es []*record.Entry) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(cfg.ArchiveDir(), "MANIFEST"))
	if err != nil {
		t.Fatalf("archive manifest: %v", err)
	}
	listed := map[string]string{}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Split(line, "\t"); len(f) >= 2 && !strings.HasPrefix(line, "#") {
			listed[f[0]] = f[1]
		}
	}
	for _, e := range es {
		fs, err := st.Forms(e.Serial, "FM-30")
		if err != nil || len(fs) == 0 {
			t.Fatalf("%s: no form recorded (%v)", e.Serial, err)
		}
		name := fmt.Sprintf("%d/%s/%s", e.Year, cfg.FormCode("FM-30"), filepath.Base(fs[0].Path))
		if sum, ok := listed[name]; !ok || sum != fs[0].SHA256 {
			t.Fatalf("%s: issued form not archived as %s with its recorded bytes", e.Serial, name)
		}
	}
}

func checkLedger(t testing.TB, cfg *config.Config, want int) {
	t.Helper()
	p := filepath.Join(cfg.OutDir(), "LDMD-FM-31 质量信息台帐 2026.xlsx")
	f, err := excelize.OpenFile(p)
	if err != nil {
		t.Fatalf("ledger: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) != want+2 {
		t.Fatalf("ledger has %d rows, want %d (%v)", len(rows), want+2, err)
	}
}

func checkNoTemp(t testing.TB, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.Contains(d.Name(), ".tmp-") {
			t.Errorf("temp file left behind: %s", p)
		}
		return nil
	})
}
