package archive

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/progress"
)

var t0 = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func newArchive(t *testing.T) (*Archive, string) {
	t.Helper()
	root := t.TempDir()
	a, err := Open(filepath.Join(root, "archive"))
	if err != nil {
		t.Fatal(err)
	}
	a.Now = func() time.Time { return t0 }
	return a, root
}

func writeSrc(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func item(src string) Item {
	return Item{Src: src, Year: 2026, Form: "LDMD-FM-30", Serial: "LDMD-FM-30-2026-0001", Record: "LDMD-FM-30-2026-0001"}
}

func mustVerify(t *testing.T, dir string, expect ...string) *Report {
	t.Helper()
	rep, err := Verify(context.Background(), dir, nil, expect...)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestPutVerifyAndReput(t *testing.T) {
	a, root := newArchive(t)
	src := writeSrc(t, root, "LDMD-FM-30-2026-0001.pdf", "%PDF form one")
	out, err := a.Put(item(src))
	if err != nil || out[0] != Added {
		t.Fatalf("Put = %v, %v", out, err)
	}
	dst := filepath.Join(a.Dir, "2026", "LDMD-FM-30", "LDMD-FM-30-2026-0001.pdf")
	fi, err := os.Stat(dst)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm()&0o222 != 0 {
		t.Errorf("archived file mode %v, want read-only", fi.Mode())
	}
	head := a.Head()
	out, err = a.Put(item(src))
	if err != nil || out[0] != Same || a.Head() != head {
		t.Fatalf("identical re-put = %v, %v (head moved: %v)", out, err, a.Head() != head)
	}
	rep := mustVerify(t, a.Dir, head)
	if !rep.OK() || rep.Files != 1 || rep.Bytes != int64(len("%PDF form one")) || rep.Head != head {
		t.Fatalf("verify = %+v", rep)
	}
}

func TestConflictNeverOverwrites(t *testing.T) {
	a, root := newArchive(t)
	src := writeSrc(t, root, "LDMD-FM-30-2026-0001.pdf", "original")
	if _, err := a.Put(item(src)); err != nil {
		t.Fatal(err)
	}
	other := writeSrc(t, t.TempDir(), "LDMD-FM-30-2026-0001.pdf", "changed!")
	_, err := a.Put(item(other))
	var ie *IntegrityError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || ie.Problems[0].Path != "2026/LDMD-FM-30/LDMD-FM-30-2026-0001.pdf" {
		t.Fatalf("conflicting put: %v", err)
	}
	b, _ := os.ReadFile(filepath.Join(a.Dir, "2026", "LDMD-FM-30", "LDMD-FM-30-2026-0001.pdf"))
	if string(b) != "original" {
		t.Fatalf("archived file overwritten: %q", b)
	}
	// A fresh Open sees the same: the manifest, not memory, decides.
	a2, _ := Open(a.Dir)
	if _, err := a2.Put(item(other)); !errors.As(err, &ie) {
		t.Fatalf("conflicting put after reopen: %v", err)
	}
}

func TestRecordedChecksumRefusesChangedSource(t *testing.T) {
	a, root := newArchive(t)
	src := writeSrc(t, root, "LDMD-FM-30-2026-0001.pdf", "edited after issue")
	it := item(src)
	it.SHA256 = strings.Repeat("0", 64)
	_, err := a.Put(it)
	var ie *IntegrityError
	if !errors.As(err, &ie) || len(ie.Problems) != 1 || !strings.Contains(ie.Problems[0].Detail, "已与出具时记录的校验值不同") {
		t.Fatalf("changed source: %v", err)
	}
	if _, err := os.Stat(filepath.Join(a.Dir, "2026")); err == nil {
		if ents, _ := os.ReadDir(filepath.Join(a.Dir, "2026", "LDMD-FM-30")); len(ents) != 0 {
			t.Fatalf("refused file left %d entries behind", len(ents))
		}
	}
}

// A crash after the file was placed and before its line was written
// leaves an unlisted file; putting the same file again lists it.
func TestRecoversPlacedButUnlisted(t *testing.T) {
	a, root := newArchive(t)
	src := writeSrc(t, root, "LDMD-FM-30-2026-0001.pdf", "placed before the crash")
	dst := filepath.Join(a.Dir, "2026", "LDMD-FM-30", "LDMD-FM-30-2026-0001.pdf")
	os.MkdirAll(filepath.Dir(dst), 0o755)
	os.WriteFile(dst, []byte("placed before the crash"), 0o444)
	if rep := mustVerify(t, a.Dir); len(rep.Problems) != 2 || rep.Problems[0].Path != ManifestName || rep.Problems[1].Kind != Unexpected {
		t.Fatalf("before recovery: %+v", rep.Problems)
	}
	if out, err := a.Put(item(src)); err != nil || out[0] != Added {
		t.Fatalf("recovery put = %v, %v", out, err)
	}
	if rep := mustVerify(t, a.Dir); !rep.OK() {
		t.Fatalf("after recovery: %+v", rep.Problems)
	}
}

func TestTamperReportedByPath(t *testing.T) {
	a, root := newArchive(t)
	var items []Item
	for _, n := range []string{"0001", "0002", "0003", "0004"} {
		it := item(writeSrc(t, root, "LDMD-FM-30-2026-"+n+".pdf", "%PDF content of form "+n))
		it.Serial, it.Record = "LDMD-FM-30-2026-"+n, "LDMD-FM-30-2026-"+n
		items = append(items, it)
	}
	if _, err := a.Put(items...); err != nil {
		t.Fatal(err)
	}
	head := a.Head()
	dir := filepath.Join(a.Dir, "2026", "LDMD-FM-30")
	flipByte(t, filepath.Join(dir, "LDMD-FM-30-2026-0001.pdf"), 5)
	os.Chmod(filepath.Join(dir, "LDMD-FM-30-2026-0002.pdf"), 0o644)
	os.Remove(filepath.Join(dir, "LDMD-FM-30-2026-0002.pdf"))
	os.WriteFile(filepath.Join(dir, "stray.pdf"), []byte("x"), 0o644)
	rep := mustVerify(t, a.Dir, head)
	want := map[string]Kind{
		"2026/LDMD-FM-30/LDMD-FM-30-2026-0001.pdf": Altered,
		"2026/LDMD-FM-30/LDMD-FM-30-2026-0002.pdf": Missing,
		"2026/LDMD-FM-30/stray.pdf":                Unexpected,
	}
	if len(rep.Problems) != len(want) {
		t.Fatalf("problems = %v", rep.Problems)
	}
	for _, p := range rep.Problems {
		if want[p.Path] != p.Kind {
			t.Errorf("%s: %s, want %s", p.Path, p.Kind, want[p.Path])
		}
	}
}

func flipByte(t *testing.T, path string, at int) {
	t.Helper()
	os.Chmod(path, 0o644)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	b[at] ^= 1
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestManifestEditsBreakTheChain(t *testing.T) {
	cases := []struct {
		name string
		edit func(lines []string) []string
		want string // a path the report must name
	}{
		{"edited line", func(l []string) []string {
			l[2] = strings.Replace(l[2], "\t2026-11-28T12:00:00Z\t", "\t2026-11-27T12:00:00Z\t", 1)
			return l
		}, "2026/LDMD-FM-30/LDMD-FM-30-2026-0002.pdf"},
		{"removed line", func(l []string) []string { return append(l[:2:2], l[3:]...) }, "2026/LDMD-FM-30/LDMD-FM-30-2026-0001.pdf"},
		{"cut end", func(l []string) []string { return l[:len(l)-2] }, ManifestName},
		{"header", func(l []string) []string { l[0] = "# edited"; return l }, ManifestName},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, root := newArchive(t)
			var items []Item
			for _, n := range []string{"0001", "0002", "0003"} {
				items = append(items, item(writeSrc(t, root, "LDMD-FM-30-2026-"+n+".pdf", "form "+n)))
			}
			if _, err := a.Put(items...); err != nil {
				t.Fatal(err)
			}
			head := a.Head()
			mp := filepath.Join(a.Dir, ManifestName)
			b, _ := os.ReadFile(mp)
			lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
			os.Chmod(mp, 0o644)
			os.WriteFile(mp, []byte(strings.Join(c.edit(lines), "\n")+"\n"), 0o644)
			rep := mustVerify(t, a.Dir, head)
			if rep.OK() {
				t.Fatal("edit not noticed")
			}
			found := false
			for _, p := range rep.Problems {
				found = found || p.Path == c.want
			}
			if !found {
				t.Errorf("no problem names %s: %v", c.want, rep.Problems)
			}
			a2, _ := Open(a.Dir)
			if _, err := a2.Put(item(writeSrc(t, root, "new.pdf", "new"))); err == nil && len(a2.Manifest().Problems) > 0 {
				t.Error("a damaged manifest was extended")
			}
		})
	}
}

func TestTornManifestRefusesWrites(t *testing.T) {
	a, root := newArchive(t)
	if _, err := a.Put(item(writeSrc(t, root, "a.pdf", "a"))); err != nil {
		t.Fatal(err)
	}
	mp := filepath.Join(a.Dir, ManifestName)
	os.Chmod(mp, 0o644)
	f, _ := os.OpenFile(mp, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString("2026/LDMD-FM-30/b.pdf\tabc")
	f.Close()
	a2, err := Open(a.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var ie *IntegrityError
	if _, err := a2.Put(item(writeSrc(t, root, "b.pdf", "b"))); !errors.As(err, &ie) {
		t.Fatalf("put on a torn manifest: %v", err)
	}
}

func TestRelRefusesUnsafeNames(t *testing.T) {
	for _, it := range []Item{
		{Src: "x", Year: 2026, Form: "..", Name: "a.pdf"},
		{Src: "x", Year: 2026, Form: "FM", Name: "a/b.pdf"},
		{Src: "x", Year: 26, Form: "FM", Name: "a.pdf"},
		{Src: "x", Year: 2026, Form: "FM", Name: "a.pdf", Record: "a\tb"},
	} {
		if rel, err := it.Rel(); err == nil {
			t.Errorf("%+v: Rel = %q, want an error", it, rel)
		}
	}
}

func TestWriteOnce(t *testing.T) {
	p := filepath.Join(t.TempDir(), "CHAIN")
	if _, err := WriteOnce(p, strings.NewReader("one")); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteOnce(p, strings.NewReader("one")); err != nil {
		t.Fatalf("same content again: %v", err)
	}
	if _, err := WriteOnce(p, strings.NewReader("two")); err == nil {
		t.Fatal("different content replaced a write-once file")
	}
	if b, _ := os.ReadFile(p); string(b) != "one" {
		t.Fatalf("content %q", b)
	}
	ents, _ := os.ReadDir(filepath.Dir(p))
	if len(ents) != 1 {
		t.Fatalf("temp files left: %v", ents)
	}
}

func TestPutFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "archive")
	src := writeSrc(t, t.TempDir(), "LDMD-FM-32 质量信息汇总分析表 2026Q3.pdf", "report")
	it := Item{Src: src, Year: 2026, Form: "LDMD-FM-32", Record: Quarter(2026, 3)}
	if o, err := PutFile(dir, t0, it); err != nil || o != Added {
		t.Fatalf("PutFile = %v, %v", o, err)
	}
	if o, err := PutFile(dir, t0, it); err != nil || o != Same {
		t.Fatalf("again = %v, %v", o, err)
	}
	a, _ := Open(dir)
	if !a.HasRecord("2026Q3") || a.HasRecord("2026Q4") {
		t.Error("HasRecord does not see the quarter")
	}
}

// TestProgress: Put counts the files it copies in and Verify the files it
// re-hashes, with their bytes; a Put with nothing to copy shows nothing.
func TestProgress(t *testing.T) {
	a, root := newArchive(t)
	var buf strings.Builder
	show := progress.New(&buf, progress.Plain)
	show.Delay = 0
	a.Progress = show
	var items []Item
	for i := 1; i <= 5; i++ {
		name := fmt.Sprintf("LDMD-FM-30-2026-%04d.pdf", i)
		items = append(items, Item{Src: writeSrc(t, root, name, strings.Repeat("x", 1024)), Year: 2026, Form: "LDMD-FM-30"})
	}
	items = append(items, items[0]) // the same path twice is copied once
	if _, err := a.Put(items...); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^归档: 完成 5/5 5.0 KB（`).MatchString(buf.String()) {
		t.Errorf("Put showed %q", buf.String())
	}
	buf.Reset()
	if _, err := a.Put(items...); err != nil || buf.Len() != 0 {
		t.Errorf("a Put with nothing to copy showed %q (%v)", buf.String(), err)
	}
	rep, err := Verify(context.Background(), a.Dir, show)
	if err != nil || !rep.OK() {
		t.Fatal(err, rep.Problems)
	}
	if !regexp.MustCompile(`(?m)^核验归档: 完成 5/5 5.0 KB（`).MatchString(buf.String()) {
		t.Errorf("Verify showed %q", buf.String())
	}
}
