// Package progress reports the progress of long steps (import, render,
// ledger, archive, verify): a bar with counts and rate on a terminal, plain
// periodic lines when output goes to a log or cron mail, nothing when
// quiet. A task that finishes within a second prints nothing at all.
package progress

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"
)

// Mode says how progress is shown.
type Mode int

const (
	Auto  Mode = iota // a bar on a terminal, lines otherwise
	Plain             // periodic lines
	Quiet             // nothing
)

// Reporter writes progress to one stream.
type Reporter struct {
	w     io.Writer
	tty   bool
	quiet bool
	now   func() time.Time
	// Delay before anything is shown, and how often plain lines repeat.
	Delay, Every time.Duration
}

// New reports to w (normally stderr).
func New(w io.Writer, mode Mode) *Reporter {
	r := &Reporter{w: w, tty: mode == Auto && isTerminal(w), quiet: mode == Quiet,
		now: time.Now, Delay: time.Second, Every: 5 * time.Second}
	// QDOC_PROGRESS_DELAY (a duration) lets end-to-end tests see progress
	// on steps that are quick on small test data.
	if d, err := time.ParseDuration(os.Getenv("QDOC_PROGRESS_DELAY")); err == nil {
		r.Delay = d
	}
	return r
}

// isTerminal reports whether w is a character device (a console), without
// a dependency: true for a terminal on Unix and a console on Windows.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// Task is one counted piece of work.
type Task struct {
	r       *Reporter
	name    string
	total   int
	mu      sync.Mutex
	done    int
	bytes   int64
	sized   bool // AddBytes was called: show bytes and their rate
	start   time.Time
	last    time.Time
	printed bool
}

// Task starts counting work of total units (0 = unknown).
func (r *Reporter) Task(name string, total int) *Task {
	if r == nil {
		return nil
	}
	t := r.now()
	return &Task{r: r, name: name, total: total, start: t, last: t}
}

// Add counts n more units done; safe from many goroutines.
func (t *Task) Add(n int) {
	if t == nil || t.r.quiet {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done += n
	t.show()
}

// AddBytes counts n more units done that held size bytes (files hashed
// or copied): the bytes and their rate are then shown beside the count.
func (t *Task) AddBytes(n int, size int64) {
	if t == nil || t.r.quiet {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	t.done, t.bytes, t.sized = t.done+n, t.bytes+size, true
	t.show()
}

// show prints the progress if it is time to; t.mu is held.
func (t *Task) show() {
	now := t.r.now()
	if now.Sub(t.start) < t.r.Delay {
		return
	}
	gap := t.r.Every
	if t.r.tty {
		gap = 100 * time.Millisecond
	}
	if t.printed && now.Sub(t.last) < gap {
		return
	}
	t.last, t.printed = now, true
	t.print(now, false)
}

// Done ends the task; if progress was shown, it closes it with the total.
func (t *Task) Done() {
	if t == nil || t.r.quiet {
		return
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.printed {
		t.print(t.r.now(), true)
	}
}

func (t *Task) print(now time.Time, final bool) {
	secs := now.Sub(t.start).Seconds()
	rate := ""
	if secs > 0 {
		rate = fmt.Sprintf("%.0f/s", float64(t.done)/secs)
	}
	count := fmt.Sprint(t.done)
	if t.total > 0 {
		count = fmt.Sprintf("%d/%d", t.done, t.total)
	}
	if t.sized {
		count += " " + Bytes(t.bytes)
		if secs > 0 {
			rate += " " + Bytes(int64(float64(t.bytes)/secs)) + "/s"
		}
	}
	switch {
	case t.r.tty && !final:
		fmt.Fprintf(t.r.w, "\r%s %s %s %s ", t.name, bar(t.done, t.total), count, rate)
	case t.r.tty:
		fmt.Fprintf(t.r.w, "\r%s %s %s %s，用时 %.1fs\n", t.name, bar(t.done, t.total), count, rate, secs)
	case final:
		fmt.Fprintf(t.r.w, "%s: 完成 %s（%s，用时 %.1fs）\n", t.name, count, rate, secs)
	default:
		fmt.Fprintf(t.r.w, "%s: %s（%s）\n", t.name, count, rate)
	}
}

func bar(done, total int) string {
	const width = 24
	if total <= 0 {
		return ""
	}
	n := min(width, done*width/total)
	return "[" + strings.Repeat("#", n) + strings.Repeat(" ", width-n) + "]"
}

// Bytes prints a size the way a file manager does: 512 B, 40.0 KB, 1.2 GB.
func Bytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}
