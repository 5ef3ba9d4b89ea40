//go:build !linux && !darwin

package ledger

// peakRSS is unknown here; the benchmark then reports the heap only.
func peakRSS() uint64 { return 0 }
