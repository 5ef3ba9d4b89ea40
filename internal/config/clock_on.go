//go:build qdocclock

package config

// clockTag: built with -tags qdocclock, QDOC_NOW pins the clock.
const clockTag = true
