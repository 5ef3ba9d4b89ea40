package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/qdoc/qdoc/internal/batch"
)

// A file larger than the rows an import keeps in memory is validated in
// one streaming pass and stored in a second, with the same results.
func TestImportTwoPass(t *testing.T) {
	defer func(k int) { batch.KeepRows = k }(batch.KeepRows)
	batch.KeepRows = 5
	ws := newWorkspace(t, 23)
	if code, out := runQdoc(ws, "run"); code != 0 || !strings.Contains(out, "新增 23") {
		t.Fatalf("run: %d %s", code, out)
	}
	checkPromises(t, ws, 23)
	// The same rows plus two new ones in a second file: matched, not duplicated.
	writeIntake(t, filepath.Join(ws, "inbox", "登记2.xlsx"), 25)
	if code, out := runQdoc(ws, "run"); code != 0 || !strings.Contains(out, "新增 2，更新 0，未变 23") {
		t.Fatalf("second run: %d %s", code, out)
	}
}

func TestImportTwoPassReject(t *testing.T) {
	defer func(k int) { batch.KeepRows = k }(batch.KeepRows)
	batch.KeepRows = 5
	ws := newWorkspace(t, 0)
	csv := "接收日期,信息渠道,信息类别,等级,标题,内容,报告部门,涉及部门\n"
	for i := 0; i < 12; i++ {
		class := "C"
		if i == 9 {
			class = "D"
		}
		csv += "2026-07-01,内部,验收," + class + ",标题" + string(rune('A'+i)) + ",内容,仓储部,仓储部\n"
	}
	os.Remove(filepath.Join(ws, "inbox", "登记.xlsx"))
	os.WriteFile(filepath.Join(ws, "inbox", "big.csv"), []byte(csv), 0o644)
	code, out := runQdoc(ws, "run")
	if code != exitRejected || !strings.Contains(out, "big.csv 第 11 行 等级: \"D\"") {
		t.Fatalf("run: %d %s", code, out)
	}
	if _, err := os.Stat(filepath.Join(ws, "out", "rejected", "big.csv-错误报告.xlsx")); err != nil {
		t.Fatal(err)
	}
	if code, out := runQdoc(ws, "info", "list"); code != 0 || strings.Contains(out, "LDMD") {
		t.Fatalf("something was stored from a rejected file: %s", out)
	}
}
