package archive

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// problems prints a report's problems one a line, for matching.
func problems(rep *Report) string {
	var b strings.Builder
	for _, p := range rep.Problems {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

func TestVerifyRefusesWhatIsNotARegularFile(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	a, root := newArchive(t)
	one := writeSrc(t, root, "LDMD-FM-30-2026-0001.pdf", "%PDF form one")
	two := writeSrc(t, root, "LDMD-FM-30-2026-0002.pdf", "%PDF form two")
	it2 := item(two)
	it2.Serial, it2.Record = "LDMD-FM-30-2026-0002", "LDMD-FM-30-2026-0002"
	if _, err := a.Put(item(one), it2); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(a.Dir, "2026", "LDMD-FM-30")
	// 0001 replaced by a link to identical bytes; 0002 by a folder; a stray link added.
	p1, p2 := filepath.Join(folder, "LDMD-FM-30-2026-0001.pdf"), filepath.Join(folder, "LDMD-FM-30-2026-0002.pdf")
	os.Chmod(folder, 0o755)
	for _, p := range []string{p1, p2} {
		os.Chmod(p, 0o644)
		if err := os.Remove(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Symlink(one, p1); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(p2, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(one, filepath.Join(folder, "extra.pdf")); err != nil {
		t.Fatal(err)
	}
	rep := mustVerify(t, a.Dir)
	got := problems(rep)
	for _, want := range []string{
		"已改动（altered） 2026/LDMD-FM-30/LDMD-FM-30-2026-0001.pdf: 此处是符号链接（a symlink），不是清单第 2 行登记的普通文件",
		"已改动（altered） 2026/LDMD-FM-30/LDMD-FM-30-2026-0002.pdf: 此处是文件夹（a folder）",
		"多余文件（unexpected） 2026/LDMD-FM-30/extra.pdf: 不在清单中，且是符号链接",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if len(rep.Problems) != 3 || rep.Files != 0 {
		t.Errorf("%d problems, %d files hashed:\n%s", len(rep.Problems), rep.Files, got)
	}

	// MANIFEST itself as a link to an intact copy is refused too.
	os.Chmod(a.Dir, 0o755)
	m := filepath.Join(a.Dir, ManifestName)
	b, _ := os.ReadFile(m)
	cp := writeSrc(t, root, "MANIFEST.copy", string(b))
	os.Remove(m)
	os.Symlink(cp, m)
	if got := problems(mustVerify(t, a.Dir)); !strings.Contains(got, "已改动（altered） MANIFEST: 清单是符号链接") {
		t.Errorf("a linked MANIFEST passed:\n%s", got)
	}
}

func TestVerifyMissingManifestAndEmptyFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "copy")
	os.Mkdir(dir, 0o755)
	rep := mustVerify(t, dir)
	if !rep.OK() || !rep.Empty() {
		t.Errorf("an empty folder: OK %v, Empty %v: %s", rep.OK(), rep.Empty(), problems(rep))
	}
	os.MkdirAll(filepath.Join(dir, "2026", "LDMD-FM-30"), 0o755)
	writeSrc(t, filepath.Join(dir, "2026", "LDMD-FM-30"), "LDMD-FM-30-2026-0001.pdf", "%PDF")
	writeSrc(t, dir, "readme.txt", "x")
	rep = mustVerify(t, dir)
	got := problems(rep)
	if rep.OK() || rep.Empty() || len(rep.Problems) != 3 ||
		!strings.HasPrefix(got, "缺失（missing） MANIFEST: 清单文件不存在，文件夹中的 2 个文件都无从核验") ||
		!strings.Contains(got, "多余文件（unexpected） readme.txt") {
		t.Errorf("a folder of files without MANIFEST:\n%s", got)
	}
	// a hash written down earlier is still checked
	rep = mustVerify(t, dir, strings.Repeat("ab", 32))
	if len(rep.Problems) != 4 || rep.Problems[0].Path != ManifestName || !strings.Contains(problems(rep), string(HeadDiffer)) {
		t.Errorf("expected chain hash not checked:\n%s", problems(rep))
	}

	// an archive that holds files is never Empty
	a, root := newArchive(t)
	a.Put(item(writeSrc(t, root, "f.pdf", "%PDF")))
	if rep := mustVerify(t, a.Dir); !rep.OK() || rep.Empty() || rep.Files != 1 {
		t.Errorf("one file: OK %v, Empty %v, Files %d", rep.OK(), rep.Empty(), rep.Files)
	}
}
