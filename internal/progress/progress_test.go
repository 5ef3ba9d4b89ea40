package progress

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newTest(mode Mode) (*Reporter, *bytes.Buffer, *clock) {
	var buf bytes.Buffer
	c := &clock{t: time.Date(2026, 11, 28, 9, 0, 0, 0, time.UTC)}
	r := New(&buf, mode)
	r.now = c.now
	return r, &buf, c
}

func TestQuickTaskPrintsNothing(t *testing.T) {
	r, buf, c := newTest(Plain)
	task := r.Task("导入", 100)
	c.t = c.t.Add(500 * time.Millisecond)
	task.Add(100)
	task.Done()
	if buf.Len() != 0 {
		t.Errorf("printed %q", buf.String())
	}
}

func TestPlainLinesEveryFewSeconds(t *testing.T) {
	r, buf, c := newTest(Plain)
	task := r.Task("生成表单", 1000)
	for i := 0; i < 100; i++ {
		c.t = c.t.Add(100 * time.Millisecond)
		task.Add(10)
	}
	task.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if len(lines) < 2 || len(lines) > 4 {
		t.Fatalf("%d lines: %q", len(lines), buf.String())
	}
	if !strings.HasPrefix(lines[0], "生成表单: ") || !strings.Contains(lines[len(lines)-1], "完成 1000/1000（100/s") {
		t.Errorf("lines %q", lines)
	}
	if strings.Contains(buf.String(), "\r") {
		t.Error("a bar was drawn on a non-terminal")
	}
}

func TestQuiet(t *testing.T) {
	r, buf, c := newTest(Quiet)
	task := r.Task("x", 10)
	c.t = c.t.Add(10 * time.Second)
	task.Add(10)
	task.Done()
	if buf.Len() != 0 {
		t.Errorf("quiet printed %q", buf.String())
	}
}

func TestNilSafe(t *testing.T) {
	var r *Reporter
	task := r.Task("x", 1)
	task.Add(1)
	task.Done()
}

func TestBytesAndRate(t *testing.T) {
	r, buf, c := newTest(Plain)
	task := r.Task("核验归档", 100)
	for i := 0; i < 100; i++ {
		c.t = c.t.Add(20 * time.Millisecond)
		task.AddBytes(1, 1<<20)
	}
	task.Done()
	lines := strings.Split(strings.TrimSpace(buf.String()), "\n")
	if want := "核验归档: 完成 100/100 100.0 MB（50/s 50.0 MB/s，用时 2.0s）"; lines[len(lines)-1] != want {
		t.Errorf("last line %q, want %q", lines[len(lines)-1], want)
	}
}

func TestBytes(t *testing.T) {
	for n, want := range map[int64]string{0: "0 B", 1023: "1023 B", 40 << 10: "40.0 KB", 3 << 20: "3.0 MB", 5 << 30: "5.0 GB"} {
		if got := Bytes(n); got != want {
			t.Errorf("Bytes(%d) = %q, want %q", n, got, want)
		}
	}
}
