package fsutil

import (
	"fmt"
	"path/filepath"
)

// SyncAll makes the data of the named files durable before they are
// renamed or linked into place. A batch's files sit in a few folders of one
// volume, so on Linux this is one syncfs per folder (the first flushes the
// volume; the rest find little to do) instead of one fsync per file, which
// cost half a millisecond each, in sequence. Elsewhere each file is
// fsynced. The fault hook sees one "sync" per file either way.
func SyncAll(paths []string) error {
	for _, p := range paths {
		if err := fault("sync", p); err != nil {
			return fmt.Errorf("sync %s: %w", p, err)
		}
	}
	return syncAll(paths)
}

// folders lists the distinct folders of paths, in first-seen order.
func folders(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if d := filepath.Dir(p); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
