package doc

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"os"
	"path/filepath"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// MaxFileBytes caps a controlled file copied into the workspace.
const MaxFileBytes = 256 << 20

// stagedFile is a controlled file (the .docx or .pdf of a version) copied
// beside its final place under docs/<number>/<version>/, waiting for the
// change that records it. A nil *stagedFile is no file; its methods do
// nothing.
type stagedFile struct {
	p    *fsutil.Pending
	Rel  string // workspace-relative path, as recorded
	Sum  string // sha256 of the content
	done bool
}

// checkFile checks a --file before anything is opened: its name can be
// kept in the archive, and it is a regular file within the size cap.
// stageFile checks again as it reads.
func checkFile(src string) error {
	if src == "" {
		return nil
	}
	if _, err := fsutil.SafeName(filepath.Base(src)); err != nil {
		return usage("--file %s：文件名不能用于存档（%v）；请改名后再试", src, err)
	}
	st, err := os.Stat(src)
	switch {
	case err != nil:
		return usage("--file %s：无法读取（%v）；请确认文件存在", src, err)
	case !st.Mode().IsRegular():
		return usage("--file %s：不是普通文件", src)
	case st.Size() > MaxFileBytes:
		return usage("--file %s：文件超过 %d MB", src, MaxFileBytes>>20)
	}
	return nil
}

// stageFile copies src for version v of a document. The folder names come
// from DirName and Version.FileName, the file keeps its own name.
func (w *Workspace) stageFile(number string, v Version, src string) (*stagedFile, error) {
	if src == "" {
		return nil, nil
	}
	name, err := fsutil.SafeName(filepath.Base(src))
	if err != nil {
		return nil, usage("--file %s：文件名不能用于存档（%v）；请改名后再试", src, err)
	}
	dir, err := fsutil.SafeName(DirName(number))
	if err != nil {
		return nil, usage("文件编号 %s 不能作为文件夹名（%v）", number, err)
	}
	data, err := readCapped(src)
	if err != nil {
		return nil, err
	}
	final := filepath.Join(w.Cfg.DocFilesDir(), dir, v.FileName(), name)
	p, err := fsutil.Stage(final, data)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(data)
	return &stagedFile{p: p, Rel: w.rel(final), Sum: hex.EncodeToString(sum[:])}, nil
}

func readCapped(src string) ([]byte, error) {
	f, err := os.Open(src)
	if err != nil {
		return nil, usage("--file %s：无法读取（%v）；请确认文件存在", src, err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		return nil, usage("--file %s：不是普通文件", src)
	}
	if st.Size() > MaxFileBytes {
		return nil, usage("--file %s：文件超过 %d MB", src, MaxFileBytes>>20)
	}
	return io.ReadAll(io.LimitReader(f, MaxFileBytes+1))
}

func (s *stagedFile) abort() {
	if s != nil && !s.done {
		s.p.Abort()
	}
}

// commit puts the file in place.
func (s *stagedFile) commit() error {
	if s == nil {
		return nil
	}
	s.done = true
	return fsutil.CommitAll([]*fsutil.Pending{s.p})
}

// remove takes a committed file away again when the store refused the
// change that would have recorded it.
func (s *stagedFile) remove() {
	if s != nil {
		os.Remove(s.p.Final())
	}
}
