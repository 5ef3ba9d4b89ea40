package schedule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/qdoc/qdoc/internal/fsutil"
)

// Job is one scheduled job. Run does the work and says in a few words
// what came of it, for the log.
type Job struct {
	Name string
	Spec string
	Run  func(ctx context.Context) (outcome string, err error)
}

// Scheduler fires jobs and logs each firing to its writer.
type Scheduler struct {
	jobs []Job
	loc  *time.Location
	mu   sync.Mutex // one log line at a time from concurrent jobs
	out  io.Writer
	// busy lets one job run at a time. Every job takes the workspace lock,
	// which two jobs of one process cannot share, so jobs due together
	// (run and reminders at 09:00 on a Monday) queue instead of one being
	// skipped as "locked".
	busy sync.Mutex
}

// New checks the jobs' specs and makes a scheduler in loc.
func New(jobs []Job, loc *time.Location, out io.Writer) (*Scheduler, error) {
	for _, j := range jobs {
		if _, err := Parser.Parse(j.Spec); err != nil {
			return nil, fmt.Errorf("schedule.%s: %q: %w", j.Name, j.Spec, err)
		}
	}
	return &Scheduler{jobs: jobs, loc: loc, out: out}, nil
}

// Run fires the jobs until ctx is done, then stops starting new ones and
// returns once the running ones have finished. Jobs get a context that
// the stop request does not cancel, so a run in hand completes and leaves
// its outputs whole.
func (s *Scheduler) Run(ctx context.Context) error {
	c := cron.New(cron.WithLocation(s.loc), cron.WithParser(Parser))
	for _, j := range s.jobs {
		sched, _ := Parser.Parse(j.Spec) // checked in New
		l := logger{s, j.Name}
		// Skip goes outside Recover: a panic escaping Skip would keep its
		// token, and every later firing would be skipped as "still running".
		c.Schedule(sched, cron.NewChain(cron.SkipIfStillRunning(l), cron.Recover(l)).Then(s.wrap(ctx, j, sched)))
		s.logf("任务 %s（%s）：%s，下次 %s", j.Name, Label(j.Name), j.Spec, s.stamp(sched.Next(s.now())))
	}
	c.Start()
	s.logf("调度已启动（时区 %s）；Ctrl-C 或 SIGTERM 停止", s.loc)
	<-ctx.Done()
	s.logf("收到停止请求：不再启动新任务，等待正在运行的任务结束…")
	<-c.Stop().Done()
	s.logf("调度已停止")
	return nil
}

// wrap is the cron job of j: it waits for any other job to finish, logs
// the start, the end with outcome and time taken, and the next fire time.
// A workspace held by a manual run is not a failure: the job is skipped
// and the next firing tries again. A job still queued when stop comes
// does not start.
func (s *Scheduler) wrap(stop context.Context, j Job, sched cron.Schedule) cron.Job {
	ctx := context.WithoutCancel(stop)
	return cron.FuncJob(func() {
		s.busy.Lock()
		defer s.busy.Unlock()
		if stop.Err() != nil {
			s.logf("不启动 %s：调度正在停止", j.Name)
			return
		}
		start := time.Now()
		s.logf("开始 %s", j.Name)
		outcome, err := j.Run(ctx)
		took, next := time.Since(start).Round(time.Millisecond), s.stamp(sched.Next(s.now()))
		var locked *fsutil.ErrLocked
		switch {
		case errors.As(err, &locked):
			s.logf("跳过 %s：%v；下次 %s", j.Name, err, next)
		case err != nil:
			s.logf("失败 %s（用时 %v）：%v；下次 %s", j.Name, took, err, next)
		default:
			s.logf("完成 %s（用时 %v）：%s；下次 %s", j.Name, took, outcome, next)
		}
	})
}

func (s *Scheduler) now() time.Time { return time.Now().In(s.loc) }

func (s *Scheduler) stamp(t time.Time) string {
	if t.IsZero() {
		return "无（不再运行）"
	}
	return t.In(s.loc).Format("2006-01-02 15:04:05")
}

// logf writes one time-stamped log line.
func (s *Scheduler) logf(format string, args ...any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	fmt.Fprintf(s.out, "%s %s\n", s.stamp(s.now()), fmt.Sprintf(format, args...))
}

// logger reports cron's own events for one job: a skipped firing, and a
// job that panicked (recovered, so the scheduler keeps going).
type logger struct {
	s   *Scheduler
	job string
}

func (l logger) Info(msg string, _ ...any) {
	if msg == "skip" {
		l.s.logf("跳过 %s：上一次触发仍在运行或在排队等其他任务结束", l.job)
	}
}

func (l logger) Error(err error, msg string, _ ...any) {
	l.s.logf("失败 %s：%s：%v", l.job, msg, err)
}
