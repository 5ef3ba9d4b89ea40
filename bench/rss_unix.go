//go:build unix

package main

import (
	"os"
	"syscall"
)

// peakRSSMB is the child's peak resident set (Linux reports KiB).
func peakRSSMB(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss / 1024
	}
	return -1
}
