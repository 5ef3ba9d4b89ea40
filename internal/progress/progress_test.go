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
