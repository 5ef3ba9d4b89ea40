// Command benchverify measures qdoc verify against sha256sum on the same
// files: it builds an archive of N files (default 10,000 of about 40 KB,
// ~400 MB, the target) with archive.Put, then times
// archive.Verify and `sha256sum` over the same files, warm and — with
// -cold, as root on Linux — after dropping the page cache. Verify counts
// its progress as qdoc verify does (shown on stderr past a second);
// -progress=false measures it without.
//
//	go run ./internal/archive/benchverify -dir /tmp/qdoc-bench [-n 10000] [-size 40960] [-cold] [-progress=false]
package main

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"time"

	"github.com/qdoc/qdoc/internal/archive"
	"github.com/qdoc/qdoc/internal/progress"
)

func main() {
	dir := flag.String("dir", filepath.Join(os.TempDir(), "qdoc-benchverify"), "work folder (reused if it holds an archive of -n files)")
	n := flag.Int("n", 10000, "number of files")
	size := flag.Int("size", 40960, "mean file size in bytes")
	cold := flag.Bool("cold", false, "drop the page cache before each measurement (Linux, root)")
	withProgress := flag.Bool("progress", true, "count progress as qdoc verify does (a bar or lines on stderr past a second)")
	flag.Parse()
	var show *progress.Reporter
	if *withProgress {
		show = progress.New(os.Stderr, progress.Auto)
	}
	arch := filepath.Join(*dir, "archive")
	if err := build(*dir, arch, *n, *size); err != nil {
		fail(err)
	}
	fmt.Printf("%d files; GOMAXPROCS %d\n", *n, runtime.GOMAXPROCS(0))
	for _, round := range []string{"1", "2"} {
		measure("qdoc verify       ", round, *cold, func() (int64, error) { return verify(arch, show) })
		measure("sha256sum         ", round, *cold, func() (int64, error) {
			return shell(arch, "find . -type f ! -name MANIFEST -print0 | xargs -0 sha256sum >/dev/null")
		})
		measure("sha256sum -P nproc", round, *cold, func() (int64, error) {
			return shell(arch, "find . -type f ! -name MANIFEST -print0 | xargs -0 -n 64 -P $(nproc) sha256sum >/dev/null")
		})
	}
}

// build makes the archive once; a rerun reuses it, so caches and disk
// layout are compared on equal terms.
func build(dir, arch string, n, size int) error {
	if m, err := archive.ReadManifest(arch); err == nil && m.Files() == n {
		return nil
	}
	if err := os.RemoveAll(dir); err != nil {
		return err
	}
	src := filepath.Join(dir, "src")
	if err := os.MkdirAll(src, 0o755); err != nil {
		return err
	}
	a, err := archive.Open(arch)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(1, 2))
	buf := make([]byte, 2*size)
	var items []archive.Item
	for i := 1; i <= n; i++ {
		serial := fmt.Sprintf("LDMD-FM-30-2026-%05d", i)
		p := filepath.Join(src, serial+".pdf")
		for j := range buf {
			buf[j] = byte(rng.Uint32())
		}
		if err := os.WriteFile(p, buf[:size/2+rng.IntN(size)], 0o644); err != nil {
			return err
		}
		items = append(items, archive.Item{Src: p, Year: 2026, Form: "LDMD-FM-30", Serial: serial, Record: serial})
		if len(items) == 1000 || i == n {
			if _, err := a.Put(items...); err != nil {
				return err
			}
			items = items[:0]
		}
	}
	return os.RemoveAll(src)
}

func verify(arch string, show *progress.Reporter) (int64, error) {
	rep, err := archive.Verify(context.Background(), arch, show)
	if err == nil && !rep.OK() {
		err = fmt.Errorf("verify found %d problems", len(rep.Problems))
	}
	if rep == nil {
		return 0, err
	}
	return rep.Bytes, err
}

func shell(dir, script string) (int64, error) {
	cmd := exec.Command("sh", "-c", script)
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return 0, err
	}
	m, err := archive.ReadManifest(dir)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, l := range m.Lines {
		total += l.Size
	}
	return total, nil
}

func measure(name, round string, cold bool, fn func() (int64, error)) {
	state := "warm"
	if cold {
		state = "cold"
		exec.Command("sh", "-c", "sync; echo 3 > /proc/sys/vm/drop_caches").Run()
	}
	start := time.Now()
	bytes, err := fn()
	took := time.Since(start)
	if err != nil {
		fail(err)
	}
	fmt.Printf("%s round %s (%s): %6.0f MB in %7.3fs = %7.1f MB/s\n", name, round, state,
		float64(bytes)/1e6, took.Seconds(), float64(bytes)/1e6/took.Seconds())
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "benchverify:", err)
	os.Exit(1)
}
