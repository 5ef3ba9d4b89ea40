package archive

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// tempPrefix names the archive's temp files; verify reports any left by a
// crash as unexpected, and they are safe to delete.
const tempPrefix = ".qdoc-tmp-"

// existsError is a file already at the destination with other content.
type existsError struct{ have string }

func (e *existsError) Error() string { return "a different file already exists there" }

// CleanTemp removes the temp files a killed run left in the archive (ours
// only, named .qdoc-tmp-*): they were never listed, and verify would
// report them. Call it under the workspace lock.
func CleanTemp(dir string) error {
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.HasPrefix(d.Name(), tempPrefix) {
			return os.Remove(p)
		}
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// changedError is a source that no longer has the checksum recorded for it.
type changedError struct{ have string }

func (e *changedError) Error() string { return "the file changed since it was recorded" }

// staged is a copy waiting in a temp file beside its destination, not yet
// synced: a batch syncs all its copies at once (fsutil.SyncAll) before
// linking any into place.
type staged struct {
	tmp, sum string
	size     int64
}

// stageCopy copies src into a temp file beside dst, checking it against
// want; the temp file is removed on error.
func stageCopy(src, dst, want string) (staged, error) {
	in, err := os.Open(src)
	if err != nil {
		return staged{}, fmt.Errorf("cannot read %s: %w", src, err)
	}
	defer in.Close()
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return staged{}, err
	}
	tmp, sum, size, err := stage(in, dir, false)
	if err != nil {
		return staged{}, fmt.Errorf("copying into %s: %w", dst, err)
	}
	if want != "" && sum != want {
		os.Remove(tmp)
		return staged{}, &changedError{have: sum}
	}
	return staged{tmp, sum, size}, nil
}

// WriteOnce creates path from r the way archived files are created:
// never replacing an existing file, synced, read-only. It is for files
// that must never change once written (backups). It returns the SHA-256.
func WriteOnce(path string, r io.Reader) (string, error) {
	sum, _, err := createOnce(path, r, "", true)
	var ee *existsError
	if errors.As(err, &ee) {
		return "", fmt.Errorf("%s already exists with other content: never overwritten", path)
	}
	return sum, err
}

// createOnce stages r under a temp name, synced, then hard-links it to dst:
// the link fails if dst exists, so a file under its final name is always
// complete. Where the volume has no hard links, dst is created
// exclusively instead. want, when set, is the SHA-256 r must have.
// syncDir makes the new folder entry durable at once; Put leaves it to
// one sync per folder after placing a batch, before the manifest lists it.
func createOnce(dst string, r io.Reader, want string, syncDir bool) (string, int64, error) {
	dir := filepath.Dir(dst)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", 0, err
	}
	tmp, sum, size, err := stage(r, dir, true)
	if err != nil {
		return "", 0, fmt.Errorf("copying into %s: %w", dst, err)
	}
	if want != "" && sum != want {
		os.Remove(tmp)
		return "", 0, &changedError{have: sum}
	}
	return sum, size, linkInto(tmp, dst, sum, syncDir)
}

// linkInto gives the synced temp file tmp, holding the bytes whose hash is
// sum, its final name dst, never replacing dst, and removes tmp.
func linkInto(tmp, dst, sum string, syncDir bool) error {
	defer os.Remove(tmp)
	err := fsutil.Fault("rename", dst)
	if err == nil {
		err = os.Link(tmp, dst)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) && !isFault(err) {
		// No hard links here (FAT, some network shares): exclusive create.
		err = copyExcl(tmp, dst)
	}
	// Remove the temp name before seal makes the shared file read-only:
	// Windows will not delete a read-only file.
	os.Remove(tmp)
	if errors.Is(err, fs.ErrExist) {
		return sameAs(dst, sum, syncDir)
	}
	if err != nil {
		return fmt.Errorf("cannot create %s: %w", dst, err)
	}
	return seal(dst, syncDir)
}

// isFault reports an injected test fault, which must surface rather than
// fall back to copying.
func isFault(err error) bool { return errors.Is(err, fsutil.ErrInjected) }

// seal makes a placed file read-only and, with syncDir, its folder entry
// durable.
func seal(dst string, syncDir bool) error {
	if err := os.Chmod(dst, 0o444); err != nil {
		return fmt.Errorf("cannot make %s read-only: %w", dst, err)
	}
	if !syncDir {
		return nil
	}
	return fsutil.SyncDir(filepath.Dir(dst))
}

// sameAs checks that an existing dst holds the bytes whose hash is sum.
func sameAs(dst, sum string, syncDir bool) error {
	have, _, err := fsutil.HashFile(dst)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", dst, err)
	}
	if have != sum {
		return &existsError{have: have}
	}
	return seal(dst, syncDir)
}

// stage copies r into a temp file in dir, hashing as it goes, and with
// sync makes it durable.
func stage(r io.Reader, dir string, sync bool) (tmp, sum string, size int64, err error) {
	if err := fsutil.Fault("create", dir); err != nil {
		return "", "", 0, fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return "", "", 0, fmt.Errorf("cannot create a file in %s: %w", dir, err)
	}
	h := sha256.New()
	if err = fsutil.Fault("write", f.Name()); err == nil {
		size, err = copyTo(io.MultiWriter(f, h), r)
	}
	if err == nil && sync {
		if err = fsutil.Fault("sync", f.Name()); err == nil {
			err = f.Sync()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(f.Name())
		return "", "", 0, err
	}
	return f.Name(), hex.EncodeToString(h.Sum(nil)), size, nil
}

// copyExcl creates dst, which must not exist, with the bytes of src.
func copyExcl(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err = copyTo(out, in); err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	return err
}
