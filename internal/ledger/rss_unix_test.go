//go:build linux || darwin

package ledger

import (
	"runtime"
	"syscall"
)

// peakRSS is the process's resident-set high-water mark in bytes.
func peakRSS() uint64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	if runtime.GOOS == "darwin" {
		return uint64(ru.Maxrss) // bytes on macOS
	}
	return uint64(ru.Maxrss) << 10 // KiB on Linux
}
