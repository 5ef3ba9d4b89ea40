//go:build crashpoints

package fsutil

import (
	"os"
	"strconv"
	"strings"
	"sync"
)

var (
	crashMu    sync.Mutex
	crashCount = map[string]int{}
)

// crash kills the process without running deferred functions, like a power
// cut or kill -9: open transactions are never committed, temp files stay.
func crash(point string) {
	spec := os.Getenv("QDOC_CRASH")
	name, nth := spec, 1
	if i := strings.LastIndexByte(spec, ':'); i > 0 {
		name = spec[:i]
		nth, _ = strconv.Atoi(spec[i+1:])
	}
	if name != point {
		return
	}
	crashMu.Lock()
	crashCount[point]++
	hit := crashCount[point] == nth
	crashMu.Unlock()
	if hit {
		p, _ := os.FindProcess(os.Getpid())
		p.Kill()
		select {} // Kill is asynchronous on some systems: never go on
	}
}
