package fsutil

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// Lock is a held workspace lock. The OS releases it when the process dies,
// so a killed run never blocks the next one; the file only says who held it.
type Lock struct {
	f *os.File
}

// ErrLocked reports that another process holds the lock.
type ErrLocked struct {
	Path   string
	Holder string
}

func (e *ErrLocked) Error() string {
	h := strings.TrimSpace(e.Holder)
	if h == "" {
		h = "another qdoc process"
	}
	return fmt.Sprintf("工作区正在被另一个 qdoc 使用：%s；请等它结束后再运行（the workspace is in use by %s; lock file %s）", h, h, e.Path)
}

// Acquire takes the exclusive lock at path without waiting. holder is
// written into the file (pid, user, host, command, start time) for the
// message another process will see.
func Acquire(path, holder string) (*Lock, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("cannot open the lock file %s: %w", path, err)
	}
	if err := lockFile(f); err != nil {
		f.Close()
		if errors.Is(err, errWouldBlock) {
			b, _ := os.ReadFile(path)
			return nil, &ErrLocked{Path: path, Holder: string(b)}
		}
		return nil, fmt.Errorf("cannot lock %s: %w", path, err)
	}
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(holder), 0)
	}
	return &Lock{f: f}, nil
}

// Holder describes this process for the lock file.
func Holder(by, command string) string {
	host, _ := os.Hostname()
	return fmt.Sprintf("qdoc %s (pid %d, %s on %s, since %s)", command, os.Getpid(), by, host, time.Now().Format("2006-01-02 15:04:05"))
}

// Release gives the lock up.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	l.f.Truncate(0)
	unlockFile(l.f)
	err := l.f.Close()
	l.f = nil
	return err
}

var errWouldBlock = errors.New("lock held")
