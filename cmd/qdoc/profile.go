package main

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile to $QDOC_CPUPROFILE and an allocation
// profile to $QDOC_MEMPROFILE, for measuring a run on real data (go tool
// pprof qdoc FILE); it returns the function that finishes them.
func startProfile() func() {
	stopCPU := cpuProfile(os.Getenv("QDOC_CPUPROFILE"))
	mem := os.Getenv("QDOC_MEMPROFILE")
	return func() {
		stopCPU()
		if mem == "" {
			return
		}
		if f, err := os.Create(mem); err == nil {
			pprof.Lookup("allocs").WriteTo(f, 0)
			f.Close()
		}
	}
}

func cpuProfile(p string) func() {
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
