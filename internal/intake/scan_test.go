package intake

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestSkip(t *testing.T) {
	tests := []struct {
		name string
		skip bool
	}{
		{"质量信息登记.xlsx", false},
		{"登记.XLSX", false},
		{"export.csv", false},
		{"entries.yaml", false},
		{"entries.yml", false},
		{"~$质量信息登记.xlsx", true},
		{".~lock.登记.xlsx#", true},
		{".hidden.xlsx", true},
		{"~WRL0001.tmp", true},
		{"登记.xlsx.tmp", true},
		{"登记.xlsx~", true},
		{"download.csv.crdownload", true},
		{"old.xls", true},
		{"notes.docx", true},
		{"Thumbs.db", true},
	}
	for _, tt := range tests {
		skip, why := Skip(tt.name)
		if skip != tt.skip || skip == (why == "") {
			t.Errorf("Skip(%q) = %v, %q", tt.name, skip, why)
		}
	}
}

func TestScan(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"b.xlsx", "a.csv", "~$b.xlsx", ".DS_Store", "c.yaml", "readme.txt"} {
		writeBytes(t, dir, n, nil)
	}
	must(t, os.Mkdir(filepath.Join(dir, "done.xlsx"), 0o755))
	files, skipped, err := Scan(dir)
	must(t, err)
	want := []string{filepath.Join(dir, "a.csv"), filepath.Join(dir, "b.xlsx"), filepath.Join(dir, "c.yaml")}
	if fmt.Sprint(files) != fmt.Sprint(want) || len(skipped) != 3 { // the folder done.xlsx is passed over silently
		t.Errorf("files %q skipped %q", files, skipped)
	}
	if _, _, err := Scan(filepath.Join(dir, "missing")); err == nil {
		t.Error("Scan of a missing folder succeeded")
	}
}
