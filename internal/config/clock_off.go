//go:build !qdocclock

package config

// clockTag: a release build ignores QDOC_NOW.
const clockTag = false
