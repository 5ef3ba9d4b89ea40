package doc

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// FuzzLabels: version labels, document numbers and NUMBER@VERSION refs
// give a value or a typed error, never a panic; a parsed value prints as a
// label that parses back to itself, and a number maps to a safe folder.
func FuzzLabels(f *testing.F) {
	for _, s := range []string{"A/0", "a1", "Ａ／２", "AA/999", "LDMD-QP-003@A/1", "QP/003", "@", "A/", "../..", "CON"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, err := ParseVersion(s); err == nil {
			if w, err := ParseVersion(v.String()); err != nil || w != v {
				t.Errorf("%q → %s does not parse back", s, v)
			}
			if w, err := ParseVersion(v.FileName()); err != nil || w != v {
				t.Errorf("%q → file name %s does not parse back", s, v.FileName())
			}
		}
		if n, err := ParseNumber(s); err == nil {
			if m, err := ParseNumber(n); err != nil || m != n {
				t.Errorf("%q → %s does not parse back", s, n)
			}
			if d := DirName(n); filepath.Base(d) != d || d == ".." {
				t.Errorf("%q → folder %q", s, d)
			} else if _, err := fsutil.SafeName(d); err != nil {
				t.Errorf("%q → folder %q: %v", s, d, err)
			}
		}
		ParseRef(s)
	})
}

// FuzzImportCSV: any CSV text is rows or a typed error, never a panic.
func FuzzImportCSV(f *testing.F) {
	f.Add("文件编号,文件名称,版本\nQP-1,程序,A/0\n")
	f.Add("\xEF\xBB\xBF编号,名称,版本,归口部门\n\"a\nb\",c")
	f.Add("\xb1\xe0\xba\xc5,x,y\n")
	f.Fuzz(func(t *testing.T, s string) {
		p := filepath.Join(t.TempDir(), "l.csv")
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Skip()
		}
		readImport(p, 1)
	})
}
