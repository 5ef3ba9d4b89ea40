//go:build !unix

package main

import "os"

// peakRSSMB is not measured off Unix.
func peakRSSMB(*os.ProcessState) int64 { return -1 }
