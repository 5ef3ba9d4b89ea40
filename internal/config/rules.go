package config

import (
	"os"
	"time"

	"github.com/qdoc/qdoc/internal/record"
)

// Rules returns the intake rules of this workspace as of today.
func (c *Config) Rules(today time.Time) *record.Rules {
	return &record.Rules{
		Category: c.Vocabs.Category, Channel: c.Vocabs.Channel,
		Class: c.Vocabs.Class, Status: c.Vocabs.Status,
		Depts: c.Depts, Today: today,
	}
}

// Today is the workspace's civil date now.
func (c *Config) Today() time.Time { return record.Today(Now(), c.Loc) }

// Now is the clock. In tests and benchmarks QDOC_NOW (RFC 3339 or
// 2006-01-02) pins it so they see a fixed day; a release ignores it, since
// a pinned clock would back-date the audit trail (commands take --date for
// a real back-dated act, and record who gave it).
func Now() time.Time {
	if s := getenv("QDOC_NOW"); s != "" && pinnable {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			return t
		}
		if t, err := time.Parse("2006-01-02", s); err == nil {
			return t.Add(12 * time.Hour)
		}
	}
	return time.Now()
}

// Labels gives the printed Chinese labels of codes (for ledgers and forms).
type Labels struct{ c *Config }

// Labels returns the label lookup of this workspace.
func (c *Config) Labels() Labels { return Labels{c} }

func (l Labels) Category(code string) string { return l.c.Vocabs.Category.Label(code) }
func (l Labels) Channel(code string) string  { return l.c.Vocabs.Channel.Label(code) }
func (l Labels) Class(code string) string    { return l.c.Vocabs.Class.Label(code) }
func (l Labels) Status(code string) string   { return l.c.Vocabs.Status.Label(code) }

var getenv = os.Getenv

// pinnable is whether QDOC_NOW is honoured: in a build with -tags qdocclock
// (the benchmark) or once a test binary calls AllowPinnedClock.
var pinnable = clockTag

// AllowPinnedClock makes Now honour QDOC_NOW. Only tests call it.
func AllowPinnedClock() { pinnable = true }

// LocalTime prints a stored time (RFC 3339, UTC) in the workspace's time
// zone, as people read it; anything else is returned as it is.
func (c *Config) LocalTime(s string) string {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil || c.Loc == nil {
		return s
	}
	return t.In(c.Loc).Format("2006-01-02 15:04:05")
}
