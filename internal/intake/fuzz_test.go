package intake

import (
	"errors"
	"path/filepath"
	"testing"
)

// fuzzRead writes data as an intake file and reads it back. The property
// is the one every parser here owes the run: a File or an *Error, never a
// panic, never both.
func fuzzRead(t *testing.T, name string, data []byte) {
	p := writeBytes(t, t.TempDir(), name, data)
	f, err := Read(p, Limits{XLSXBytes: 4 << 20, TextBytes: 1 << 20})
	var e *Error
	switch {
	case err != nil && !errors.As(err, &e):
		t.Fatalf("error is %T, not *Error: %v", err, err)
	case (f == nil) == (err == nil):
		t.Fatalf("file %v, error %v", f, err)
	case f != nil && f.Name != filepath.Base(p):
		t.Fatalf("name %q", f.Name)
	}
	if f != nil {
		for _, r := range f.Rows {
			if r.Line <= 0 {
				t.Fatalf("row line %d", r.Line)
			}
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(csvRegister))
	f.Add([]byte("\uFEFF标题,内容,等级\r\n\"a\"\"b\",c,A\r\n"))
	f.Add([]byte("标题;内容;等级\n\"x\n"))
	f.Add([]byte("\xb1\xea\xcc\xe2,\xc4\xda\xc8\xdd,\xb5\xc8\xbc\xb6\n1,2,3\n")) // GBK 标题,内容,等级
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.csv", data) })
}

func FuzzReadYAML(f *testing.F) {
	f.Add([]byte(yamlEntries))
	f.Add([]byte("entries:\n  - title: &x t\n    content: *x\n"))
	f.Add([]byte("entries:\n  - departments: [a, [b]]\n    title: t\n"))
	f.Add([]byte("entries: {a: 1}\n"))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.yaml", data) })
}

func FuzzReadXLSX(f *testing.F) {
	good := xlsxBytes(f, sheetData{"S", [][]any{{"标题", "内容", "等级"}, {"t", "c", "A"}}})
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x05\x06" + string(make([]byte, 18))))
	f.Fuzz(func(t *testing.T, data []byte) { fuzzRead(t, "f.xlsx", data) })
}
