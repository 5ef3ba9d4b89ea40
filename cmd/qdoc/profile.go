package main

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile to $QDOC_CPUPROFILE, for measuring a
// run on real data (go tool pprof qdoc FILE); it returns the stop function.
func startProfile() func() {
	p := os.Getenv("QDOC_CPUPROFILE")
	if p == "" {
		return func() {}
	}
	f, err := os.Create(p)
	if err != nil {
		return func() {}
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
