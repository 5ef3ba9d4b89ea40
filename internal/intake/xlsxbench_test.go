package intake

import (
	"archive/zip"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkReadXLSX reads a 10,000-row register: the one `go run ./bench
// -n 10000 -book FILE` writes if QDOC_BENCH_XLSX names it, else one
// written here.
func BenchmarkReadXLSX(b *testing.B) {
	p := os.Getenv("QDOC_BENCH_XLSX")
	if p == "" {
		p = filepath.Join(b.TempDir(), "bench.xlsx")
		writeBigXLSX(b, p, 10000)
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if _, err := ReadEach(p, Limits{}, func(Row) { n++ }); err != nil || n < 10000 {
			b.Fatalf("%d rows, %v", n, err)
		}
	}
}

// BenchmarkXLSXRows is the row reader alone on the same register.
func BenchmarkXLSXRows(b *testing.B) {
	p := os.Getenv("QDOC_BENCH_XLSX")
	if p == "" {
		p = filepath.Join(b.TempDir(), "bench.xlsx")
		writeBigXLSX(b, p, 10000)
	}
	b.ReportAllocs()
	for b.Loop() {
		fh, err := os.Open(p)
		must(b, err)
		st, _ := fh.Stat()
		zr, err := zip.NewReader(fh, st.Size())
		must(b, err)
		bk, err := openBook(zr, DefaultXLSXBytes)
		must(b, err)
		rows, err := bk.rows(bk.sheets[0])
		must(b, err)
		var cells []string
		n := 0
		for rows.Next() {
			if cells, err = rows.Columns(cells); err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n < 10000 || rows.xmlErr() != nil {
			b.Fatalf("%d rows, %v", n, rows.xmlErr())
		}
		rows.Close()
		fh.Close()
	}
}
