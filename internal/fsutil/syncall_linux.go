package fsutil

import (
	"fmt"
	"os"

	"golang.org/x/sys/unix"
)

// syncAll flushes the volume of each folder with syncfs(2), which since
// Linux 5.8 reports a write-back error of any file on it.
func syncAll(paths []string) error {
	for _, d := range folders(paths) {
		f, err := os.Open(d)
		if err != nil {
			return fmt.Errorf("sync %s: %w", d, err)
		}
		err = unix.Syncfs(int(f.Fd()))
		f.Close()
		if err != nil {
			return fmt.Errorf("sync %s: %w", d, err)
		}
	}
	return nil
}
