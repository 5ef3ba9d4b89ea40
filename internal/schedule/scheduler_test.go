package schedule

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// syncBuf is a log the scheduler's goroutines and the test share.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

var shanghai, _ = time.LoadLocation("Asia/Shanghai")

// runFor runs the scheduler for d, then stops it and returns its log and
// how long the stop took.
func runFor(t *testing.T, d time.Duration, jobs ...Job) (string, time.Duration) {
	t.Helper()
	var log syncBuf
	s, err := New(jobs, shanghai, &log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan time.Time)
	go func() {
		s.Run(ctx)
		done <- time.Now()
	}()
	time.Sleep(d)
	stop := time.Now()
	cancel()
	wait := (<-done).Sub(stop)
	return log.String(), wait
}

func TestSchedulerFires(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	job := Job{Name: "run", Spec: "* * * * * *", Run: func(context.Context) (string, error) {
		n.Add(1)
		return "新增 1", nil
	}}
	log, _ := runFor(t, 2500*time.Millisecond, job)
	if n.Load() < 1 {
		t.Fatalf("job never fired in 2.5 s; log:\n%s", log)
	}
	for _, want := range []string{"任务 run（每日批处理）：* * * * * *，下次 ", "开始 run", "完成 run（用时 ", "：新增 1；下次 ", "调度已停止"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestSchedulerSkipsOverlapAndWaitsOnStop(t *testing.T) {
	t.Parallel()
	var running, most, finished atomic.Int32
	slow := Job{Name: "quarterly", Spec: "@every 1s", Run: func(context.Context) (string, error) {
		now := running.Add(1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		time.Sleep(3 * time.Second)
		running.Add(-1)
		finished.Add(1)
		return "ok", nil
	}}
	// @every 1s fires on whole seconds: the first firing comes within a
	// second and runs 3 s, so at 2.8 s it is still busy and the next
	// firing has been due (and skipped).
	log, wait := runFor(t, 2800*time.Millisecond, slow)
	if most.Load() != 1 {
		t.Errorf("%d firings ran at once; want 1", most.Load())
	}
	if !strings.Contains(log, "跳过 quarterly：上一次触发仍在运行或在排队等其他任务结束") {
		t.Errorf("no skip logged:\n%s", log)
	}
	if finished.Load() < 1 || running.Load() != 0 || !strings.Contains(log, "完成 quarterly") {
		t.Errorf("Run returned before the running job finished (finished %d, running %d):\n%s", finished.Load(), running.Load(), log)
	}
	if wait < 100*time.Millisecond {
		t.Errorf("stop took %v: it did not wait for the job in hand", wait)
	}
	if i, j := strings.Index(log, "收到停止请求"), strings.LastIndex(log, "开始 quarterly"); j > i {
		t.Errorf("a job started after the stop request:\n%s", log)
	}
}

func TestSchedulerSurvivesFailures(t *testing.T) {
	t.Parallel()
	var fails, panics, locks atomic.Int32
	jobs := []Job{
		{Name: "run", Spec: "@every 1s", Run: func(context.Context) (string, error) {
			fails.Add(1)
			return "", errors.New("磁盘已满")
		}},
		{Name: "reminders", Spec: "@every 1s", Run: func(context.Context) (string, error) {
			panics.Add(1)
			panic("boom")
		}},
		{Name: "quarterly", Spec: "@every 1s", Run: func(context.Context) (string, error) {
			locks.Add(1)
			return "", &fsutil.ErrLocked{Path: "data/qdoc.lock", Holder: "qdoc run (pid 1)"}
		}},
	}
	log, _ := runFor(t, 2600*time.Millisecond, jobs...)
	if fails.Load() < 2 || panics.Load() < 2 || locks.Load() < 2 {
		t.Errorf("a failing job stopped firing: %d failures, %d panics, %d locked; log:\n%s", fails.Load(), panics.Load(), locks.Load(), log)
	}
	for _, want := range []string{"失败 run（用时 ", "：磁盘已满；下次 ", "失败 reminders：panic：boom", "跳过 quarterly：工作区正在被另一个 qdoc 使用：qdoc run (pid 1)"} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestSchedulerRunsOneJobAtATime(t *testing.T) {
	t.Parallel()
	var running, most, done atomic.Int32
	work := func(context.Context) (string, error) {
		now := running.Add(1)
		for m := most.Load(); now > m && !most.CompareAndSwap(m, now); m = most.Load() {
		}
		time.Sleep(300 * time.Millisecond)
		running.Add(-1)
		done.Add(1)
		return "ok", nil
	}
	log, _ := runFor(t, 2500*time.Millisecond, Job{Name: "run", Spec: "@every 1s", Run: work},
		Job{Name: "reminders", Spec: "@every 1s", Run: work})
	if most.Load() != 1 || done.Load() < 2 {
		t.Errorf("jobs due together: %d at once, %d done; want 1 at a time, both done:\n%s", most.Load(), done.Load(), log)
	}
}

func TestNewRejectsBadSpec(t *testing.T) {
	if _, err := New([]Job{{Name: "run", Spec: "0 25 * * *"}}, shanghai, nil); err == nil {
		t.Error("New accepted hour 25")
	}
}
