package archive

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkVerify re-hashes an archive of 1,000 files of 40 KB. MB/s is
// the figure to compare with sha256sum on the same machine; the full-size
// comparison (10,000 files, ~400 MB) is go run ./internal/archive/benchverify.
func BenchmarkVerify(b *testing.B) {
	root := b.TempDir()
	a, err := Open(filepath.Join(root, "archive"))
	if err != nil {
		b.Fatal(err)
	}
	buf := make([]byte, 40<<10)
	var items []Item
	var total int64
	for i := range 1000 {
		for j := range buf {
			buf[j] = byte(i*31 + j*7)
		}
		p := filepath.Join(root, fmt.Sprintf("f%04d.pdf", i))
		os.WriteFile(p, buf, 0o644)
		items = append(items, Item{Src: p, Year: 2026, Form: "LDMD-FM-30"})
		total += int64(len(buf))
	}
	if _, err := a.Put(items...); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(total)
	b.ResetTimer()
	for range b.N {
		rep, err := Verify(context.Background(), a.Dir, nil)
		if err != nil || !rep.OK() {
			b.Fatal(err, rep.Problems)
		}
	}
}
